"""Deterministic synthetic databases for the benchmarks: realistic fields, history, Vietnamese text.

The same seed and size always give the same bytes, so runs on different days and machines
measure the same work.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from tracker.model import Commitment, Event, Evidence, Source
from tracker.schema import STATUSES as SCHEMA_STATUSES
from tracker.store import TABLE, dump, empty_database

REFERENCE = date(2026, 11, 23)
PILLARS = (
    "politics-security", "economy", "science-technology", "labour", "people-exchange",
    "green-transition", "agriculture", "multilateral",
)  # fmt: skip
PARTIES = ("Vietnam", "Japan", "Korea", "India", "Australia", "Philippines", "ASEAN", "EU")
VERBS = ("Hợp tác", "Thúc đẩy", "Tổ chức", "Ký kết", "Triển khai", "Establish", "Convene", "Fund")
OBJECTS = (
    "đối thoại 2+2 cấp thứ trưởng", "diễn đàn địa phương Việt Nam–Nhật Bản", "ODA thế hệ mới",
    "đào tạo tiến sĩ bán dẫn", "dự án chuyển đổi năng lượng xanh", "hiệp định bảo hiểm xã hội",
    "joint committee on science and technology", "visa facilitation for Vietnamese citizens",
    "metro line financing in Hà Nội", "high-tech agriculture cooperation in Đồng Tháp",
)  # fmt: skip
PHRASES = (
    ("by the end of {y}", "year"),
    ("in {y}", "year"),
    ("H1 {y}", "half"),
    ("Q3 {y}", "quarter"),
)
STATUSES = ("pending",) * 5 + SCHEMA_STATUSES  # mostly no news, as in real trackers


def commitment(n: int, rng: random.Random) -> Commitment:
    pillar = rng.choice(PILLARS)
    made_on = REFERENCE - timedelta(days=rng.randrange(60, 1500))
    title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} #{n}"
    parties = tuple(rng.sample(PARTIES, 2))
    due = due_phrase = precision = None
    if rng.random() < 0.7:
        year = made_on.year + rng.randrange(0, 3)
        template, precision = rng.choice(PHRASES)
        due_phrase = template.format(y=year)
        month_day = {"year": (12, 31), "half": (6, 30), "quarter": (9, 30)}[precision]
        due = max(date(year, *month_day), made_on)
    quote = f"Both sides agreed to {title.lower()} ({due_phrase or 'no time frame'})."
    history = [Event(made_on, "pending", "Pledge reported.", (), f"{made_on}T09:00:00Z")]
    for step in range(rng.randrange(0, 4)):
        on = made_on + timedelta(days=30 * (step + 1))
        if on > REFERENCE:
            break
        history.append(
            Event(on, rng.choice(STATUSES), f"Cập nhật {step + 1}: báo cáo của Bộ Ngoại giao",
                  (Evidence(url=f"https://example.org/{n}/{step}"),), f"{on}T10:00:{step:02d}Z")
        )  # fmt: skip
    return Commitment(
        id=f"{pillar[:6]}-{n:06d}",
        title=title,
        description=f"Cam kết số {n}; theo dõi bởi nhóm phân tích.",
        parties=parties,
        pillar=pillar,
        tags=(rng.choice(("visit", "mou", "oda", "training", "dialogue")),),
        made_on=made_on,
        due=due,
        due_phrase=due_phrase or "",
        due_precision=precision,
        sources=(Source(f"articles/{n % 500:03d}.txt", quote, made_on),),
        history=tuple(history),
    )


def database_text(size: int, seed: int = 2026) -> str:
    rng = random.Random(seed)
    data = empty_database()
    items = (commitment(n, rng) for n in range(size))
    data[TABLE] = {c.id: c.to_dict() for c in items}
    return dump(data)


def write(size: int, folder: Path) -> Path:
    path = folder / f"db-{size}.json"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(database_text(size), encoding="utf-8")
    return path


def cloned_text(size: int, shipped: Path) -> str:
    """`size` commitments copied round-robin from the shipped records (real titles, quotes and
    histories, so real text lengths), each under a new id `ORIGINAL-NNNNNN`."""
    from tracker.store import Store

    originals = [c.to_dict() for c in Store(shipped).load()]
    data = empty_database()
    table = {}
    for n in range(size):
        record = dict(originals[n % len(originals)])
        record["id"] = f"{record['id']}-{n:06d}"
        table[record["id"]] = record
    data[TABLE] = table
    return dump(data)


def write_cloned(size: int, folder: Path, shipped: Path) -> Path:
    """Named by a digest of the records cloned: a clone of older data is never reused."""
    import hashlib

    digest = hashlib.sha256(shipped.read_bytes()).hexdigest()[:12]
    path = folder / f"cloned-{size}-{digest}.json"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(cloned_text(size, shipped), encoding="utf-8")
    return path
