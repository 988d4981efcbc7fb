"""Hostile and malformed input: a clear one-line error, the right exit code, the file untouched;
markup and escape sequences in user text shown literally, never obeyed."""

from __future__ import annotations

import json
import string
from datetime import date
from pathlib import Path

import pytest
from helpers import load, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.model import Commitment, Event, Evidence, Source
from tracker.safe_text import clean
from tracker.store import Store

ESC = "\x1b"
HOSTILE = [
    # (arguments, exit code, part of the message)
    (["list", "--status", "done"], 2, "unknown status 'done'"),
    (["list", "--status", ""], 2, "unknown status ''"),
    (["list", "--as-of", "2025-02-30"], 2, "not a real date"),
    (["list", "--as-of", "yesterday-ish"], 2, "cannot read the date"),
    (["list", "--as-of", "2025"], 2, "not a single day"),
    (["list", "--as-of", "03/04/2026"], 2, "ambiguous"),
    (["list", "--due-within", "-5d"], 2, "cannot read the window"),
    (["list", "--due-within", "ninety"], 2, "cannot read the window"),
    (["list", "--limit", "-1"], 2, "--limit must be 0 or more"),
    (["list", "--limit", "many"], 2, "--limit"),
    (["list", "--sort", "title"], 2, "cannot sort by 'title'"),
    (["list", "--format", "yaml"], 2, "--format 'yaml' is not one of"),
    (["show", "--format", "xml", "local"], 2, "--format 'xml'"),
    (["show", ""], 2, "the id is empty"),
    (["show", "nope"], 1, "no commitment with id 'nope'"),
    (["show", "[bold]x[/]"], 1, "no commitment with id '[bold]x[/]'"),
    (["show", f"{ESC}[2J"], 1, "\\x1b[2J"),
    (["add", ""], 2, "the title is empty"),
    (["add", " \t "], 2, "the title is empty"),
    (["add", "Dup", "--id", "localities-forum"], 2, "already exists"),
    (["add", "Bad", "--id", "../etc/passwd"], 2, "not a slug"),
    (["add", "Bad", "--id", "UPPER"], 2, "not a slug"),
    (["add", "Early", "--due", "2024", "--made-on", "2025-04-28"], 2, "before the pledge was made"),
    (["add", "Odd", "--due", "when pigs fly"], 2, "unknown words 'when', 'pigs', 'fly'"),
    (["add", "Odd", "--due", "this year"], 0, ""),  # relative to --made-on (today): accepted
    (["add", "Odd", "--made-on", "2100-01-01"], 2, "in the future"),
    (["add", "Odd", "--made-on", "2999-01-01"], 2, "year 2999 is out of range"),
    (["add", "Odd", "--made-on", "2025-13-01"], 2, "not a real date"),
    (["add", "Odd", "--status", "Fulfiled"], 2, "did you mean 'fulfilled'"),
    (["add", "Odd", "--source", "seeds/002_0f0be2f1b16192b7.txt"], 2, "needs both"),
    (["add", "Odd", "--quote", "only a quote"], 2, "needs both"),
    (["update", "local", "--status", "done"], 2, "unknown status 'done'"),
    (["update", "local"], 2, "nothing to record"),
    (["update", "local", "--note", "   "], 2, "nothing to record"),
    (["update", "local", "--note", "x", "--on", "2025-02-29"], 2, "not a real date"),
    (["update", "local", "--note", "x", "--on", "2020-01-01"], 2, "before the pledge was made"),
    (["update", "local", "--note", "x", "--on", "2100-01-01"], 2, "in the future"),
    (["update", "local", "--due", "by 2024"], 2, "before the pledge was made"),
    (["update", "nothing-like-this", "--note", "x"], 1, "no commitment"),
    (["add", "bad \udcff byte", "--made-on", "2025-05-01"], 2, "not valid UTF-8"),
    (["update", "local", "--note", "bad \udcfe byte"], 2, "not valid UTF-8"),
    (["deadline", "whenever"], 2, "unknown word 'whenever'"),
    (["deadline", "within this year"], 2, "reference date"),
    (["deadline", "2026", "--fiscal-start", "13"], 2, "--fiscal-start"),
    (["--db", "/nonexistent/folder/db.json", "list"], 1, "does not exist"),
    (["list", "--no-such-flag"], 2, "No such option"),
    (["frobnicate"], 2, "No such command"),
]


@pytest.mark.parametrize(("args", "code", "message"), HOSTILE, ids=lambda v: repr(v)[:40])
def test_hostile_input(db: Path, args: list[str], code: int, message: str):
    before = db.read_bytes()
    result = run(*args)
    assert result.exit_code == code, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert ESC not in result.stderr
    if code:
        assert message in result.stderr
        assert db.read_bytes() == before


def test_at_least_thirty_hostile_cases():
    assert len(HOSTILE) >= 30


def test_markup_and_escapes_in_a_note_come_out_literally(db: Path):
    note = f"[bold red]alarm[/] [link=http://evil.example]x[/link] {ESC}[31mred{ESC}[0m \x9b2J \b\r end"
    assert run("update", "local", "--note", note, "--on", "2026-01-01").exit_code == 0
    shown = run("show", "local", "--as-of", "2026-11-23")
    flat = shown.stdout.replace("\n", "").replace("│", "").replace(" ", "")
    assert "[boldred]alarm[/]" in flat
    assert "[link=http://evil.example]x[/link]" in flat
    assert "\\x1b[31mred\\x1b[0m" in flat and "\\x9b2J" in flat
    for raw in (ESC, "\x9b", "\b", "\r"):
        assert raw not in shown.stdout
    as_json = run("show", "local", "--format", "json")
    assert "\\u001b" in as_json.stdout and "\\u009b" in as_json.stdout and ESC not in as_json.stdout
    assert as_json.json()["history"][-1]["note"] == note  # stored exactly as typed


def test_hostile_titles_in_the_list_table(db: Path):
    title = f"=cmd|'/C calc'!A0 [bold]{ESC}]8;;http://x{ESC}\\link\u202eevil"
    new_id = run("add", title, "--made-on", "2025-05-01").stdout.strip()
    table = run("list", "--search", "calc")
    assert "[bold]" in table.stdout and ESC not in table.stdout and "\u202e" not in table.stdout
    assert new_id in table.stdout
    assert load(db)[new_id].title == title


def test_non_latin_scripts_and_long_values_round_trip(db: Path):
    title = "Hợp tác Việt Nam–Nhật Bản 日越協力 " + "x" * 3000
    new_id = run("add", title, "--made-on", "2025-05-01", "--id", "long-one").stdout.strip()
    assert load(db)[new_id].title == title
    shown = run("show", "long-one", "--format", "json").json()
    assert shown["title"] == title
    assert "日越協力" in run("show", "long-one").stdout


def test_clean_replaces_every_control_character():
    controls = [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if chr(c) not in "\t"]
    cleaned = clean("".join(controls))
    assert not any(ch in cleaned for ch in controls)
    assert clean("a\nb", keep_newlines=True) == "a\nb"
    assert clean("Hà Nội 日本") == "Hà Nội 日本"


# --- property: any Unicode text survives the store -----------------------------------------

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
slugs = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=20).filter(
    lambda s: s[0] != "-"
)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def commitments(draw: st.DrawFn) -> Commitment:
    made_on = draw(days)
    events = sorted(
        (
            Event(draw(days), draw(st.sampled_from(["pending", "fulfilled", "stalled"])), draw(texts),
                  tuple(Evidence(url=draw(texts), quote=draw(texts)) for _ in range(draw(st.integers(0, 2)))),
                  f"2026-01-01T00:00:{i:02d}Z")
            for i in range(draw(st.integers(1, 3)))
        ),
        key=lambda e: e.sort_key,
    )  # fmt: skip
    return Commitment(
        id=draw(slugs),
        title=draw(texts.filter(lambda t: t.strip())),
        made_on=made_on,
        history=tuple(events),
        description=draw(texts),
        parties=tuple(draw(st.lists(texts, max_size=3))),
        pillar=draw(texts),
        tags=tuple(draw(st.lists(texts, max_size=3))),
        aliases=tuple(draw(st.lists(texts, max_size=2))),
        sources=(Source(draw(texts.filter(bool)), draw(texts.filter(bool)), draw(days)),),
    )


@settings(
    max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.lists(commitments(), max_size=4, unique_by=lambda c: c.id))
def test_random_commitments_round_trip_through_the_store(tmp_path: Path, items: list[Commitment]):
    path = tmp_path / "round-trip.json"
    path.unlink(missing_ok=True)
    store = Store(path)
    store.create()
    with store.edit() as database:
        for item in items:
            database.put(item)
    again = {c.id: c for c in Store(path).load()}
    assert again == {c.id: c for c in items}
    json.loads(path.read_text(encoding="utf-8"))


# The characters a terminal obeys, beside ordinary punctuation that shares their lead bytes.
NEAR_UNSAFE = "\x7f\x80\x9f\xa0\u061b\u061c\u200d\u200e\u200f\u2013\u201c\u2028\u202e\u2066\u2069"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(NEAR_UNSAFE + "aĐ "))
    | st.text(alphabet=st.characters(blacklist_categories=("Cs",)))  # valid Unicode only
)
def test_json_output_escapes_what_a_terminal_obeys_and_nothing_else(text: str) -> None:
    from tracker.render import _escape_utf8, json_bytes, unsafe_utf8

    out = json_bytes({"title": text})
    raw = json.dumps({"title": text}, ensure_ascii=False, indent=2).encode("utf-8")
    assert out == unsafe_utf8().sub(_escape_utf8, raw) + b"\n"
    assert json.loads(out) == {"title": text}
    assert not unsafe_utf8().search(out)
