"""Damaged variants of a track database, for the adversarial suite and for attacking by hand.

Each variant is the shipped database with one thing broken (or merely unusual), and what a
user must see: `refused` (every command says what is wrong and leaves the bytes alone) or
`readable` (commands work; writes keep what the file holds).

    python tests/damage.py OUT_FOLDER     writes every variant as OUT_FOLDER/NAME.json
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "commitments.json"
RECORD = "localities-forum"


@dataclass(frozen=True)
class Variant:
    name: str
    content: bytes
    expect: str  # "refused" or "readable"


def canonical(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _edit(change: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], str]:
    """A variant made by changing the parsed database, then written canonically."""

    def make(data: dict[str, Any]) -> str:
        data = copy.deepcopy(data)
        change(data)
        return canonical(data)

    return make


def _record(data: dict[str, Any]) -> dict[str, Any]:
    return data["commitments"][RECORD]


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set a field of the sample record; 'history.0.status' reaches inside lists."""

    def change(data: dict[str, Any]) -> None:
        target: Any = _record(data)
        *steps, last = path.split(".")
        for step in steps:
            target = target[int(step)] if isinstance(target, list) else target[step]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _drop(name: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: _record(data).pop(name)


def _legacy(data: dict[str, Any], mangle: Callable[[list[Any]], None] = lambda r: None) -> str:
    """Schema 1: TinyDB's `_default` table keyed by a counter."""
    records = list(copy.deepcopy(data["commitments"]).values())
    mangle(records)
    return json.dumps({"_default": {str(i): r for i, r in enumerate(records, 1)}})


def _duplicate_in_text(text: str, anchor: str, extra: str) -> str:
    assert anchor in text, anchor
    return text.replace(anchor, anchor + extra, 1)


def _nested(depth: int) -> Callable[[str], str]:
    return lambda text: text.replace(
        '"_meta": {', '"_meta": {"deep": ' + "[" * depth + "]" * depth + ",", 1
    )


def _text_variants(text: str) -> Iterator[tuple[str, bytes | str, str]]:
    """Damage done to the bytes themselves."""
    raw = text.encode("utf-8")
    yield "empty", b"", "refused"
    yield "whitespace-only", b"  \n\t\n", "refused"
    yield "null", "null", "refused"
    yield "array", "[]", "refused"
    yield "number", "42", "refused"
    yield "string", '"commitments"', "refused"
    yield "empty-object", "{}", "refused"
    yield "truncated-half", raw[: len(raw) // 2], "refused"
    yield "truncated-last-byte", raw[:-2], "refused"
    yield "trailing-garbage", raw + b"}\n", "refused"
    yield "second-document", raw + raw, "refused"
    yield "conflict-markers", b"<<<<<<< HEAD\n" + raw + b"=======\n{}\n>>>>>>> theirs\n", "refused"
    yield "utf8-bom", b"\xef\xbb\xbf" + raw, "refused"
    yield "latin1-bytes", raw.replace("–".encode(), b"\x96"), "refused"
    yield "utf16", text.encode("utf-16"), "refused"
    yield "nul-byte", raw.replace(b'"_meta"', b'"_m\x00eta"', 1), "refused"
    yield (
        "lone-surrogate-escape",
        text.replace("Localities Forum", "Localities \\ud800Forum"),
        "refused",
    )
    yield "nan", text.replace('"_meta": {', '"_meta": {"x": NaN,', 1), "refused"
    yield "infinity", text.replace('"_meta": {', '"_meta": {"x": Infinity,', 1), "refused"
    yield "minus-infinity", text.replace('"_meta": {', '"_meta": {"x": -Infinity,', 1), "refused"
    yield "1e400", text.replace('"_meta": {', '"_meta": {"x": 1e400,', 1), "refused"
    yield (
        "huge-integer",
        text.replace('"_meta": {', '"_meta": {"x": ' + "9" * 5000 + ",", 1),
        "refused",
    )
    yield "nesting-100000", _nested(100_000)(text), "refused"
    yield "nesting-1025", _nested(1025)(text), "refused"
    yield "single-quotes", text.replace('"_meta"', "'_meta'", 1), "refused"
    yield "trailing-comma", text.replace('"commitments": {', '"commitments": {,', 1), "refused"
    yield "comment", "// a comment\n" + text, "refused"
    anchor = '"_meta": {\n'
    yield (
        "duplicate-top-level-key",
        text.replace('"commitments": {', '"_meta": {},\n  "commitments": {', 1),
        "refused",
    )
    yield (
        "duplicate-meta-key",
        _duplicate_in_text(text, anchor, '    "schema": {"version": 1},\n'),
        "refused",
    )
    record_start = f'"{RECORD}": {{\n'
    yield (
        "duplicate-commitment-id",
        _duplicate_in_text(text, '"commitments": {\n', f'    "{RECORD}": {{}},\n'),
        "refused",
    )
    yield (
        "duplicate-record-field",
        _duplicate_in_text(text, record_start, '      "title": "Shadow",\n'),
        "refused",
    )
    yield (
        "duplicate-event-field",
        text.replace(
            '"status": "pending",\n          "note"',
            '"status": "pending",\n          "status": "fulfilled",\n          "note"',
            1,
        ),
        "refused",
    )
    yield "crlf-line-ends", text.replace("\n", "\r\n"), "readable"
    yield "minified", json.dumps(json.loads(text), ensure_ascii=False), "readable"
    yield "ascii-escaped", json.dumps(json.loads(text), indent=2), "readable"


def _data_variants(
    data: dict[str, Any],
) -> Iterator[tuple[str, Callable[[dict[str, Any]], str] | str, str]]:
    """Damage done to the parsed structure: valid JSON, wrong or unusual database."""
    meta = data["_meta"]["schema"]["version"]
    yield "version-true", _edit(lambda d: d["_meta"]["schema"].update(version=True)), "refused"
    yield (
        "version-string",
        _edit(lambda d: d["_meta"]["schema"].update(version=str(meta))),
        "refused",
    )
    yield (
        "version-float",
        _edit(lambda d: d["_meta"]["schema"].update(version=float(meta))),
        "refused",
    )
    yield "version-zero", _edit(lambda d: d["_meta"]["schema"].update(version=0)), "refused"
    yield "version-negative", _edit(lambda d: d["_meta"]["schema"].update(version=-1)), "refused"
    yield "version-newer", _edit(lambda d: d["_meta"]["schema"].update(version=meta + 1)), "refused"
    yield "schema-list", _edit(lambda d: d["_meta"].update(schema=[])), "refused"
    yield "schema-null", _edit(lambda d: d["_meta"].update(schema=None)), "refused"
    yield "meta-list", _edit(lambda d: d.update(_meta=[])), "refused"
    yield "meta-missing", _edit(lambda d: d.pop("_meta")), "refused"
    yield "table-list", _edit(lambda d: d.update(commitments=[])), "refused"
    yield "table-null", _edit(lambda d: d.update(commitments=None)), "refused"
    yield "record-string", _edit(lambda d: d["commitments"].update({RECORD: "x"})), "refused"
    yield "record-null", _edit(lambda d: d["commitments"].update({RECORD: None})), "refused"
    yield "record-key-mismatch", _edit(_set("id", "another-id")), "refused"
    yield (
        "id-not-a-slug",
        _edit(lambda d: d["commitments"].update({"Bad Id": {**_record(d), "id": "Bad Id"}})),
        "refused",
    )
    yield "title-missing", _edit(_drop("title")), "refused"
    yield "title-empty", _edit(_set("title", "  ")), "refused"
    yield "title-number", _edit(_set("title", 7)), "refused"
    yield "made-on-impossible", _edit(_set("made_on", "2025-02-30")), "refused"
    yield "made-on-format", _edit(_set("made_on", "28/04/2025")), "refused"
    yield "due-not-a-date", _edit(_set("due", "end of 2025")), "refused"
    yield "precision-unknown", _edit(_set("due_precision", "fortnight")), "refused"
    yield "parties-string", _edit(_set("parties", "Japan")), "refused"
    yield "tags-with-number", _edit(_set("tags", ["ok", 3])), "refused"
    yield "history-empty", _edit(_set("history", [])), "refused"
    yield "history-object", _edit(_set("history", {})), "refused"
    yield "event-string", _edit(_set("history.0", "pending")), "refused"
    yield "event-status-unknown", _edit(_set("history.0.status", "done")), "refused"
    yield "event-on-missing", _edit(lambda d: _record(d)["history"][0].pop("on")), "refused"
    yield "evidence-string", _edit(_set("history.0.evidence", ["https://example.org"])), "refused"
    yield "evidence-empty-object", _edit(_set("history.0.evidence", [{}])), "refused"
    yield (
        "status-disagrees",
        _edit(
            lambda d: _record(d).update(
                status="dropped" if _record(d)["history"][-1]["status"] != "dropped" else "broken"
            )
        ),
        "refused",
    )
    yield "sources-object", _edit(_set("sources", {})), "refused"
    yield "source-no-quote", _edit(lambda d: _record(d)["sources"][0].pop("quote")), "refused"
    yield "unknown-record-field", _edit(_set("reviewer", "Mai")), "refused"
    yield "unknown-event-field", _edit(_set("history.0.by", "Mai")), "refused"
    yield "unknown-source-field", _edit(_set("sources.0.page", 4)), "refused"
    yield "conflicts-string", _edit(_set("conflicts", "yes")), "refused"
    yield "conflict-without-field", _edit(_set("conflicts", [{"ours": 1}])), "refused"
    yield "legacy-without-id", lambda d: _legacy(d, lambda rs: rs[0].pop("id")), "refused"
    yield "legacy-duplicate-ids", lambda d: _legacy(d, lambda rs: rs.append(rs[0])), "refused"
    yield "legacy-default-list", '{"_default": []}', "refused"
    yield "legacy-v1", _legacy, "readable"
    yield "extra-table", _edit(lambda d: d.update(reviews={"1": {"who": "Mai"}})), "readable"
    yield "extra-meta-entry", _edit(lambda d: d["_meta"].update(owner="desk")), "readable"
    yield "table-missing", _edit(lambda d: d.pop("commitments")), "readable"
    yield "table-empty", _edit(lambda d: d.update(commitments={})), "readable"
    yield (
        "history-out-of-order",
        _edit(
            lambda d: _record(d)["history"].insert(
                0, {**_record(d)["history"][0], "on": "2025-04-29", "note": "later, listed first"}
            )
        ),
        "readable",
    )
    yield "control-characters-in-title", _edit(_set("title", "Forum \x1b[2J\x9b\u202e")), "readable"
    yield "long-title", _edit(_set("title", "Forum " + "x" * 200_000)), "readable"
    yield (
        "records-unsorted",
        lambda d: canonical(
            {"_meta": d["_meta"], "commitments": dict(reversed(list(d["commitments"].items())))}
        ),
        "readable",
    )


def variants(path: Path = SHIPPED) -> list[Variant]:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    found = []
    for name, made, expect in _text_variants(text):
        content = made.encode("utf-8", "surrogatepass") if isinstance(made, str) else made
        found.append(Variant(name, content, expect))
    for name, maker, expect in _data_variants(data):
        made = maker if isinstance(maker, str) else maker(data)
        found.append(Variant(name, made.encode("utf-8", "surrogatepass"), expect))
    return found


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "damaged")
    out.mkdir(parents=True, exist_ok=True)
    for variant in variants():
        (out / f"{variant.name}.json").write_bytes(variant.content)
    print(f"wrote {len(variants())} variants to {out}")
