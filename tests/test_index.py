"""The query index (tracker/index.py) and the spliced write (tracker/splice.py).

The index only narrows what is read; these tests hold it to the file: same answers for every
command that reads through it, on random databases and days, rebuilt after any change to the
file, and never used when it cannot be trusted.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.helpers import run
from tracker import checked, index, query, report, splice
from tracker.errors import StorageError
from tracker.model import Commitment, Event
from tracker.schema import STATUSES
from tracker.store import SCHEMA_VERSION, TABLE, Store, dump, dump_bytes, empty_database

START, END = date(2024, 1, 1), date(2027, 12, 31)


@pytest.fixture(autouse=True)
def index_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small files are read without an index; these tests use small files on purpose."""
    monkeypatch.setattr(index, "SMALL_FILE", 0)


days = st.dates(min_value=START, max_value=END)
ids = st.text(alphabet="abc-1", min_size=1, max_size=4).filter(
    lambda s: s[0] != "-" and s[-1] != "-"
)


@st.composite
def commitments(draw: st.DrawFn, cid: str) -> Commitment:
    made_on = draw(days)
    events = draw(st.lists(st.tuples(days, st.sampled_from(STATUSES)), max_size=4))
    # Histories are not always in date order in a hand-edited file: status_on stops at the
    # first event after the day, and the index must do the same.
    history = (
        Event(made_on, "pending", "pledged", (), "2024-01-01T00:00:00Z"),
        *(
            Event(on, status, f"step {n}", (), "2024-01-01T00:00:00Z")
            for n, (on, status) in enumerate(events)
            if on >= made_on or draw(st.booleans())
        ),
    )
    return Commitment(
        id=cid,
        title=draw(st.sampled_from(["Hold the dialogue", "Sign the MoU", "Đối thoại 2+2"])),
        made_on=made_on,
        history=history,
        parties=tuple(draw(st.lists(st.sampled_from(["Japan", "Vietnam"]), max_size=2))),
        pillar=draw(st.sampled_from(["", "labour", "economy"])),
        due=draw(st.none() | days),
    )


@st.composite
def databases(draw: st.DrawFn) -> str:
    chosen = draw(st.lists(ids, max_size=10, unique=True))
    data = empty_database()
    data[TABLE] = {cid: draw(commitments(cid)).to_dict() for cid in chosen}
    return dump(data)


def write_database(path: Path, text: str) -> None:
    path.unlink(missing_ok=True)  # a new file, as a writer would leave it
    path.write_text(text, encoding="utf-8")


def answers(path: Path, day: date, prefix: str, within: str) -> list[object]:
    """What each command that reads through the index prints, as JSON or its one line."""
    on = ["--as-of", day.isoformat()]
    out = []
    for args in (
        ["list", "--format", "json", *on],
        ["list", "--overdue", "--format", "json", *on],
        ["list", "--due-within", within, "--format", "json", *on],
        ["list", "--status", "stalled", "--status", "pending", "--format", "json", *on],
        ["list", "--overdue", "--status", "fulfilled", "--format", "json", *on],
        ["check", *on],
        ["check", "--within", within, *on],
        ["report", "--format", "json", *on],
        ["report", "--party", "Japan", "--format", "json", *on],
        ["show", prefix, "--format", "json", *on],
    ):
        result = run("--db", str(path), *args)
        out.append((args[0], result.exit_code, result.stdout, result.stderr))
    return out


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=databases(),
    day=days,
    prefix=ids,
    within=st.sampled_from(["30d", "6w", "3m", "1y"]),
)
def test_the_index_gives_the_answers_of_the_file(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    day: date,
    prefix: str,
    within: str,
) -> None:
    path = tmp_path_factory.mktemp("answers") / "random.json"
    write_database(path, text)
    monkeypatch.setenv("TRACK_NO_CACHE", "1")
    from_file = answers(path, day, prefix, within)
    assert not index.location(path).exists()  # bypassed: nothing built
    monkeypatch.delenv("TRACK_NO_CACHE")
    run("--db", str(path), "check")  # builds the index
    assert index.lookup(path, _stamp(path), index.Narrowing()) is not None
    assert answers(path, day, prefix, within) == from_file


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=databases(), day=days, overdue=st.booleans(), window=st.sampled_from([None, "45d"]))
def test_a_narrowing_keeps_every_commitment_a_query_can_show(
    tmp_path_factory: pytest.TempPathFactory, text: str, day: date, overdue: bool, window: str
) -> None:
    path = tmp_path_factory.mktemp("narrow") / "db.json"
    write_database(path, text)
    store = Store(path)
    everything = list(store.load(index.Narrowing()))  # builds the index
    filters = query.Filters(overdue=overdue, due_within=(45, "day") if window else None)
    narrowed = store.load(query.narrowing(filters, day))
    assert query.select(narrowed, day, filters) == query.select(everything, day, filters)
    by_check = store.load(report.check_narrowing(day, (45, "day")))
    assert report.check(by_check, day, (45, "day")) == report.check(everything, day, (45, "day"))


def _stamp(path: Path) -> str:
    with open(path, "rb") as handle:
        return checked.stamp(handle.fileno(), SCHEMA_VERSION)


def overdue_ids(db: Path, day: str = "2026-06-01") -> list[str]:
    result = run("list", "--overdue", "--format", "json", "--as-of", day)
    assert result.exit_code == 0, result.stderr
    return [item["id"] for item in result.json()]


def test_a_track_write_brings_a_rebuild(db: Path) -> None:
    before = overdue_ids(db)
    assert before and index.location(db).exists()
    assert run("update", before[0], "--status", "fulfilled", "--on", "2026-01-01").exit_code == 0
    assert overdue_ids(db) == before[1:]
    assert index.lookup(db, _stamp(db), index.Narrowing()) is not None  # rebuilt for this file


def _as_the_file_says(db: Path, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    monkeypatch.setenv("TRACK_NO_CACHE", "1")
    try:
        return [overdue_ids(db), run("check", "--as-of", "2026-06-01").stdout]
    finally:
        monkeypatch.delenv("TRACK_NO_CACHE")


@pytest.mark.parametrize(
    "write",
    [
        ["update", "{id}", "--status", "stalled", "--on", "2026-01-01"],
        ["update", "{id}", "--status", "fulfilled", "--on", "2026-01-01"],
        ["edit", "{id}", "--due", "by the end of 2027"],
        ["remove", "{id}", "--yes"],
        ["add", "Open a new office", "--due", "by March 2026", "--made-on", "2025-05-01"],
    ],
    ids=["update-open", "update-closed", "edit-due", "remove", "add"],
)
def test_every_track_write_brings_a_rebuild(
    db: Path, monkeypatch: pytest.MonkeyPatch, write: list[str]
) -> None:
    first = overdue_ids(db)[0]  # builds the index
    result = run(*(part.replace("{id}", first) for part in write))
    assert result.exit_code == 0, result.stderr
    expected = _as_the_file_says(db, monkeypatch)
    assert [overdue_ids(db), run("check", "--as-of", "2026-06-01").stdout] == expected
    assert index.lookup(db, _stamp(db), index.Narrowing()) is not None


def test_a_hand_edit_in_place_of_the_same_length_brings_a_rebuild(db: Path) -> None:
    before = overdue_ids(db)
    text = db.read_bytes()
    # The last status of the first overdue commitment, changed in place: same size, same inode.
    start = text.index(f'"{before[0]}": {{'.encode())
    at = text.index(b'"status": "pending"', start) + len(b'"status": "')
    with open(db, "r+b") as handle:
        handle.seek(at)
        handle.write(b"partial")  # as long as "pending"
    history_at = text.rfind(b'"status": "pending"', start, text.index(b"\n    }", start))
    assert history_at > 0
    with open(db, "r+b") as handle:
        handle.seek(history_at + len(b'"status": "'))
        handle.write(b"partial")
    assert overdue_ids(db) == before[1:]


def test_removing_the_index_loses_nothing(db: Path) -> None:
    before = overdue_ids(db)
    index.location(db).unlink()
    assert overdue_ids(db) == before
    assert index.location(db).exists()


def test_a_build_killed_before_its_rename_leaves_nothing_for_long(db: Path) -> None:
    location = index.location(db)
    location.parent.mkdir(parents=True)
    abandoned = location.with_name(location.name + ".999999.tmp")
    recent = location.with_name(location.name + ".999998.tmp")
    abandoned.write_bytes(b"half an index")
    recent.write_bytes(b"being written")
    os.utime(abandoned, (0, 0))
    assert overdue_ids(db)
    assert not abandoned.exists()
    assert recent.exists()  # perhaps another command's build in progress


def test_no_cache_bypasses_the_index(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACK_NO_CACHE", "1")
    assert overdue_ids(db)
    assert not index.location(db).exists()


def test_a_small_file_is_read_without_an_index(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "SMALL_FILE", db.stat().st_size + 1)
    assert overdue_ids(db)
    assert not index.location(db).exists()


def _lie_in_the_index(location: Path) -> None:
    """Change every record in the index, leaving the checksums as they were."""
    import orjson

    with sqlite3.connect(location) as connection:
        rows = connection.execute("SELECT n, record FROM records").fetchall()
        for n, blob in rows:
            record = orjson.loads(blob)
            record["title"] = "LIE"
            connection.execute(
                "UPDATE records SET record = ? WHERE n = ?", (orjson.dumps(record), n)
            )
    connection.close()


def _damage(kind: str, location: Path, db: Path) -> None:
    if kind == "garbage":
        location.write_bytes(b"not a database at all" * 100)
    elif kind == "truncated":
        location.write_bytes(location.read_bytes()[:2048])
    elif kind == "empty":
        location.write_bytes(b"")
    elif kind == "folder":
        location.unlink()
        location.mkdir()
    elif kind == "other-layout":
        with sqlite3.connect(location) as connection:
            connection.execute("UPDATE meta SET value = '0' WHERE key = 'layout'")
    elif kind == "no-meta":
        with sqlite3.connect(location) as connection:
            connection.execute("DROP TABLE meta")
    elif kind == "checksums-fail":
        _lie_in_the_index(location)
    elif kind == "stale":  # an index of another state of the file, put in place by hand
        saved = location.read_bytes()
        text = db.read_text(encoding="utf-8").replace('"pending"', '"fulfilled"')
        db.with_name("other.json").write_text(text, encoding="utf-8")
        run("--db", str(db.with_name("other.json")), "check")
        location.write_bytes(index.location(db.with_name("other.json")).read_bytes())
        assert location.read_bytes() != saved


@pytest.mark.parametrize(
    "kind",
    [
        "garbage",
        "truncated",
        "empty",
        "folder",
        "other-layout",
        "no-meta",
        "checksums-fail",
        "stale",
    ],
)
def test_a_damaged_or_stale_index_is_never_used(db: Path, kind: str) -> None:
    before = overdue_ids(db)
    shown = run("show", before[0], "--format", "json").json()
    location = index.location(db)
    _damage(kind, location, db)
    assert overdue_ids(db) == before
    assert run("show", before[0], "--format", "json").json() == shown
    assert run("check", "--as-of", "2026-06-01").stdout.startswith(
        f"track: ALERT: {len(before)} overdue"
    )
    if kind != "folder":  # a folder in the way is left alone; the file is read every time
        assert index.lookup(db, _stamp(db), index.Narrowing()) is not None  # rebuilt


def test_a_lying_index_with_a_matching_stamp_is_caught_by_its_checksums(db: Path) -> None:
    run("check")
    _lie_in_the_index(index.location(db))
    assert index.lookup(db, _stamp(db), index.Narrowing()) is None


# The spliced write: byte for byte what a full re-encoding writes.


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=databases(), extra=databases(), data=st.data())
def test_a_spliced_write_equals_a_full_rewrite(
    tmp_path_factory: pytest.TempPathFactory, text: str, extra: str, data: st.DataObject
) -> None:
    import json

    path = tmp_path_factory.mktemp("splice") / "db.json"
    write_database(path, text)
    store = Store(path)
    store.load()  # validated, and remembered as canonical
    assert checked.is_canonical(path, _stamp(path)) or not json.loads(text)[TABLE]
    table = dict(json.loads(text)[TABLE])
    newcomers = json.loads(extra)[TABLE]
    changes = data.draw(st.lists(st.sampled_from(["put", "remove", "add"]), max_size=4))
    with store.edit() as database:
        for change in changes:
            present = database.ids()
            if change == "add" and newcomers:
                cid, record = newcomers.popitem()
                cid = f"new-{cid}"
                record = {**record, "id": cid}
            elif present:
                cid = data.draw(st.sampled_from(present))
                record = table[cid]
                if change == "remove":
                    database.remove(cid)
                    del table[cid]
                    continue
                record = {**record, "title": record["title"] + " (changed)"}
            else:
                continue
            table[cid] = record
            from tracker.model import build_commitment

            database.put(build_commitment(record))
    expected = empty_database()
    expected[TABLE] = table
    if changes and (table or json.loads(text)[TABLE]):
        assert path.read_bytes() == dump_bytes(expected)
    assert {c.id: c.to_dict() for c in Store(path).load()} == table


def test_an_update_does_not_parse_the_records_it_does_not_change(db: Path) -> None:
    store = Store(db)
    store.load()
    content = db.read_bytes()
    layout = splice.split(content)
    assert layout is not None and len(layout.records) == len(store.load())
    with store.edit() as database:
        first = database.ids()[0]
        record = database.get(first)
        database.put(record)
        untouched = [item for item in database.entries().values() if item is not None]
        assert all(isinstance(item, splice.Unparsed) for item in untouched[1:])
    assert db.read_bytes() == content  # the same record written back: the same bytes


def test_a_file_not_in_the_canonical_layout_is_written_the_long_way(db: Path) -> None:
    import json

    db.write_text(json.dumps(json.loads(db.read_text(encoding="utf-8"))), encoding="utf-8")
    Store(db).load()
    assert not checked.is_canonical(db, _stamp(db))
    some = next(iter(Store(db).load())).id
    assert run("update", some, "--note", "checked", "--on", "2026-01-01").exit_code == 0
    data = json.loads(db.read_text(encoding="utf-8"))
    assert db.read_bytes() == dump_bytes(data)
    assert data[TABLE][some]["history"][-1]["note"] == "checked"


# Trust in the index as a whole: a row hidden by a changed search column is never read, so its
# own checksum cannot catch it; the seal (the index file's identity when track last wrote it)
# does.


def _edit_the_index(location: Path, sql: str, *values: object) -> None:
    with sqlite3.connect(location) as connection:
        assert connection.execute(sql, values).rowcount >= 1
    connection.close()


HIDING_EDITS = {
    "status": "UPDATE events SET status = 'fulfilled' WHERE n = "
    "(SELECT n FROM commitments WHERE id = ?)",
    "reach": "UPDATE events SET reach = '2999-01-01' WHERE n = "
    "(SELECT n FROM commitments WHERE id = ?)",
    "last_status": "UPDATE commitments SET last_status = 'fulfilled' WHERE id = ?",
    "last_reach": "UPDATE commitments SET last_reach = '2999-01-01' WHERE id = ?",
    "due": "UPDATE commitments SET due = '2999-12-31' WHERE id = ?",
    "no-due": "UPDATE commitments SET due = NULL WHERE id = ?",
    "made_on": "UPDATE commitments SET made_on = '2999-01-01' WHERE id = ?",
    "id": "UPDATE commitments SET id = 'zzz-' || id WHERE id = ?",
    "deleted": "DELETE FROM commitments WHERE id = ?",
}


@pytest.mark.parametrize("column", list(HIDING_EDITS))
def test_a_search_column_changed_by_hand_hides_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch, column: str
) -> None:
    before = overdue_ids(db)
    shown = run("show", before[0], "--format", "json").json()
    expected = _as_the_file_says(db, monkeypatch)
    location = index.location(db)
    _edit_the_index(location, HIDING_EDITS[column], before[0])  # its checksum left as it was
    assert [overdue_ids(db), run("check", "--as-of", "2026-06-01").stdout] == expected
    assert run("show", before[0], "--format", "json").json() == shown
    assert run("show", before[0][:-1], "--format", "json").json() == shown
    assert index.lookup(db, _stamp(db), index.Narrowing()) is not None  # rebuilt


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=databases(), day=days, data=st.data())
def test_an_index_changed_by_hand_is_never_used(
    tmp_path_factory: pytest.TempPathFactory, text: str, day: date, data: st.DataObject
) -> None:
    path = tmp_path_factory.mktemp("edited") / "db.json"
    write_database(path, text)
    store = Store(path)
    everything = list(store.load(index.Narrowing()))  # builds the index
    location = index.location(path)
    column, value = data.draw(
        st.sampled_from(
            [
                ("commitments", "due", day.isoformat()),
                ("commitments", "due", None),
                ("commitments", "made_on", day.isoformat()),
                ("events", "status", data.draw(st.sampled_from(STATUSES))),
                ("commitments", "last_status", data.draw(st.sampled_from(STATUSES))),
                ("commitments", "last_reach", day.isoformat()),
                ("events", "reach", day.isoformat()),
            ]
        ).map(lambda t: (f"{t[0]} SET {t[1]} = :v WHERE {t[1]} IS NOT :v", t[2]))
    )
    with sqlite3.connect(location) as connection:  # at once, even within the build's tick
        edited = connection.execute(f"UPDATE {column}", {"v": value}).rowcount
    connection.close()
    assume(edited > 0)  # nothing to change (no row, or the same values)
    assert index.lookup(path, _stamp(path), index.Narrowing()) is None
    filters = query.Filters(overdue=True)
    assert query.select(store.load(query.narrowing(filters, day)), day, filters) == query.select(
        everything, day, filters
    )


@pytest.mark.parametrize("column", ["due", "made_on", "id", "last_status"])
def test_a_row_read_is_checked_against_its_columns(db: Path, column: str) -> None:
    """Even with the seal forged, a row whose columns no longer match its checksum is refused."""
    run("check")
    location = index.location(db)
    sql = {
        "due": "UPDATE commitments SET due = '2001-01-01'",
        "made_on": "UPDATE commitments SET made_on = '2001-01-01'",
        "id": "UPDATE commitments SET id = id || '-x'",
        "last_status": "UPDATE commitments SET last_status = 'broken'",
    }[column]
    _edit_the_index(location, sql)
    index._seal(location)  # as if the edit had left the file's identity as it was
    assert index.lookup(db, _stamp(db), index.Narrowing()) is None


# `track update` through the index: the block is found without searching the file, written
# back around the untouched bytes, and the index rows brought up to date in place.


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_ino, info.st_dev


def test_an_update_brings_the_index_up_to_date_without_a_rebuild(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = overdue_ids(db)[0]  # builds the index
    location = index.location(db)
    built = _identity(location)
    monkeypatch.setattr(splice, "split", _no_search)
    for status in ("stalled", "in-progress", "fulfilled"):
        result = run("update", first, "--status", status, "--on", "2026-01-01", "--note", status)
        assert result.exit_code == 0, result.stderr
        assert _identity(location) == built  # the same file: changed in place, not rebuilt
        assert index.lookup(db, _stamp(db), index.Narrowing()) is not None
    monkeypatch.undo()
    expected = _as_the_file_says(db, monkeypatch)
    monkeypatch.setattr(index, "build", _no_build)
    assert [overdue_ids(db), run("check", "--as-of", "2026-06-01").stdout] == expected
    assert db.read_bytes() == dump_bytes(Store(db).read_raw())  # canonical, every byte


def _no_search(content: bytes) -> None:
    raise AssertionError("the file was searched although the index knows where its blocks lie")


def _no_build(*args: object) -> None:
    raise AssertionError("the index was rebuilt although it was up to date")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=databases(), data=st.data())
def test_updates_through_the_index_write_what_a_full_rewrite_writes(
    tmp_path_factory: pytest.TempPathFactory, text: str, data: st.DataObject
) -> None:
    import json

    path = tmp_path_factory.mktemp("indexed-update") / "db.json"
    write_database(path, text)
    table = json.loads(text)[TABLE]
    if not table:
        return
    store = Store(path)
    store.load(index.Narrowing())  # validated, canonical and indexed
    for _ in range(data.draw(st.integers(1, 3))):
        cid = data.draw(st.sampled_from(sorted(table)))
        status = data.draw(st.sampled_from(STATUSES))
        from tracker.model import build_commitment

        with store.edit() as database:
            assert isinstance(database.entries()[cid], splice.Unparsed)
            current = database.get(cid)
            assert current.to_dict() == table[cid]  # the block read is the record's
            event = Event(current.made_on, status, "changed", (), "2024-01-01T00:00:00Z")
            changed = current.with_event(event)
            database.put(changed)
        table[cid] = changed.to_dict()
        expected = empty_database()
        expected[TABLE] = table
        assert path.read_bytes() == dump_bytes(expected)
        assert index.lookup(path, _stamp(path), index.Narrowing()) is not None  # kept in step
        assert [c.to_dict() for c in store.load(index.Narrowing())] == [
            build_commitment(table[k]).to_dict() for k in sorted(table)
        ]


@pytest.mark.parametrize("shift", ["first", "last", "middle-target", "middle-other"])
def test_block_offsets_out_of_step_with_the_file_never_corrupt_it(
    db: Path, monkeypatch: pytest.MonkeyPatch, shift: str
) -> None:
    """An index whose block sizes are wrong (and whose seal was forged): the file is still
    written exactly as a full rewrite would, or not at all, with a clear error."""
    ids = sorted(c.id for c in Store(db).load())
    overdue_ids(db)  # builds the index
    location = index.location(db)
    target = ids[len(ids) // 2]
    if shift == "first":
        _edit_the_index(location, "UPDATE meta SET value = value + 3 WHERE key = 'first'")
    elif shift == "last":
        _resize(location, {len(ids) - 1: -1})
    else:  # one block longer, the next shorter: the table still ends where it should
        _resize(location, {ids.index(target): 5, ids.index(target) + 1: -5})
    index._seal(location)
    changed = target if shift != "middle-other" else ids[0]
    before = db.read_bytes()
    result = run("update", changed, "--note", "offsets", "--on", "2026-01-01")
    raw = Store(db).read_raw()  # every check: the file is whole and valid
    if result.exit_code == 0:
        assert raw[TABLE][changed]["history"][-1]["note"] == "offsets"
        assert db.read_bytes() == dump_bytes(raw)
    else:
        assert "query index does not match" in result.stderr and "Traceback" not in result.stderr
        assert db.read_bytes() == before
        result = run("update", changed, "--note", "offsets", "--on", "2026-01-01")
        assert result.exit_code == 0, result.stderr  # the index was set aside: works again


def _resize(location: Path, changes: dict[int, int]) -> None:
    from array import array

    with sqlite3.connect(location) as connection:
        sizes = array("q", connection.execute("SELECT sizes FROM blocks").fetchone()[0])
        for n, delta in changes.items():
            sizes[n] += delta
        connection.execute("UPDATE blocks SET sizes = ?", (sizes.tobytes(),))
    connection.close()


def test_a_file_changed_in_place_during_an_update_is_not_overwritten(db: Path) -> None:
    overdue_ids(db)  # builds the index
    store = Store(db)
    first = store.load().ids()[0]
    edited = db.read_bytes().replace(b'"pending"', b'"stalled"', 1)
    with pytest.raises(StorageError, match="another program changed it"), store.edit() as data:
        assert isinstance(data.entries()[first], splice.Unparsed)  # the indexed path
        data.put(data.get(first))
        with open(db, "r+b") as handle:  # an editor that writes over the file
            handle.write(edited)
    assert db.read_bytes() == edited
    assert not list(db.parent.glob(f".{db.name}.*.tmp"))


def test_tracks_lock_and_filelocks_exclude_each_other(db: Path) -> None:
    from filelock import FileLock, Timeout

    with Store(db).lock(), pytest.raises(Timeout):
        FileLock(str(db) + ".lock", timeout=0).acquire()
    busy = pytest.raises(StorageError, match="being changed by another track command")
    with FileLock(str(db) + ".lock"), busy, Store(db, lock_timeout=0).lock():
        pass


def test_an_index_that_cannot_be_changed_never_fails_an_update(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is written; the index (its seal cannot be withdrawn, say the cache folder went
    read-only) is left as it was, stale for the new file, and rebuilt by the next reader."""
    first = overdue_ids(db)[0]  # builds the index
    location = index.location(db)
    kept = location.read_bytes()
    monkeypatch.setattr(index, "_unseal", lambda path: False)
    result = run("update", first, "--status", "fulfilled", "--on", "2026-01-01")
    assert result.exit_code == 0, result.stderr
    assert location.read_bytes() == kept  # untouched
    assert index.lookup(db, _stamp(db), index.Narrowing()) is None  # not for this file
    monkeypatch.undo()
    assert overdue_ids(db) == _as_the_file_says(db, monkeypatch)[0]
    assert first not in overdue_ids(db)
