"""`track publish` without a browser: the files it writes, the folders it refuses, escaping,
which links are clickable, colour contrast. What a reader sees is in test_publish_browser."""

from __future__ import annotations

import html
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import load, run
from hypothesis import example, given
from hypothesis import strategies as st

from tracker import publish, query
from tracker.publish.html import CSP, esc, link, safe_url
from tracker.safe_text import clean
from tracker.schema import STATUSES

AS_OF = "2026-11-23"


def test_publish_writes_a_page_per_commitment_and_says_where(db: Path, tmp_path: Path):
    result = run("publish", "--output", str(tmp_path / "site"), "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    ids = sorted(load(db))
    pages = sorted(p.stem for p in (tmp_path / "site" / "c").glob("*.html"))
    assert pages == ids
    for name in ("index.html", "list.html", "assets/site.css", "assets/site.js"):
        assert (tmp_path / "site" / name).is_file()
    assert result.stderr.strip() == (
        f"published {len(ids)} commitments as of {AS_OF} to {tmp_path / 'site'}/index.html"
    )
    assert result.stdout == ""


def test_filters_choose_what_is_published_and_a_republish_removes_stale_pages(
    db: Path, tmp_path: Path
):
    site = tmp_path / "site"
    assert run("publish", "-o", str(site), "--as-of", AS_OF).exit_code == 0
    result = run("publish", "-o", str(site), "--as-of", AS_OF, "--overdue")
    assert result.exit_code == 0, result.stderr
    overdue = [v.commitment.id for v in query.select(load(db).values(), date(2026, 11, 23),
                                                     query.Filters(overdue=True))]  # fmt: skip
    assert 0 < len(overdue) < len(load(db))
    assert sorted(p.stem for p in (site / "c").glob("*.html")) == sorted(overdue)
    removed = len(load(db)) - len(overdue)
    assert f"removed {removed} pages no longer published" in result.stderr


def test_date_filters_choose_what_is_published_as_they_do_for_list(db: Path, tmp_path: Path):
    window = ("--due-after", "2026-01-01", "--due-before", "2026-12-31")
    listed = run("list", "--format", "json", "--as-of", AS_OF, *window).json()
    site = tmp_path / "site"
    result = run("publish", "-o", str(site), "--as-of", AS_OF, *window)
    assert result.exit_code == 0, result.stderr
    assert listed and {p.stem for p in (site / "c").glob("*.html")} == {r["id"] for r in listed}


def test_refuses_a_folder_it_did_not_publish_and_touches_nothing(db: Path, tmp_path: Path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = run("publish", "-o", str(folder))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"track: error: {folder} is not empty and was not published by track; give a new or "
        "empty folder (track only replaces a site it published itself)"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "someday"], "--as-of"),
        (["--status", "done"], "unknown status"),
        (["--due-within", "soon"], "--due-within"),
    ],
)
def test_bad_usage_exits_2_and_writes_nothing(db: Path, tmp_path: Path, args, message):
    result = run("publish", "-o", str(tmp_path / "site"), *args)
    assert result.exit_code == 2
    assert message in result.stderr.lower() or message in result.stderr
    assert not (tmp_path / "site").exists()


def test_missing_output_is_bad_usage(db: Path):
    result = run("publish")
    assert result.exit_code == 2
    assert "--output" in result.stderr


class Refs(HTMLParser):
    """Every address a page refers to, and its meta tags."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.csp: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("href", "src"):
            if found.get(name) is not None:
                self.refs.append((tag, found[name] or "", found.get("rel") or ""))
        if tag == "meta" and found.get("http-equiv") == "Content-Security-Policy":
            self.csp.append(found.get("content") or "")


def test_every_page_has_the_csp_and_loads_only_its_own_files(db: Path):
    site = publish.build(load(db).values(), date(2026, 11, 23), query.NO_FILTERS, "T")
    for name, content in site.items():
        if not name.endswith(".html"):
            continue
        refs = Refs()
        refs.feed(content)
        assert refs.csp == [CSP], name
        for tag, address, rel in refs.refs:
            if address.startswith(("http://", "https://")):
                assert tag == "a" and "external" in rel, (name, address)
            else:
                assert not re.match(r"^[a-z][a-z0-9+.-]*:", address) or address == "data:,", (
                    name,
                    address,
                )
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP


@given(st.text())
def test_escaped_text_reads_back_as_the_cleaned_text(value: str):
    escaped = esc(value)
    assert "<" not in escaped and '"' not in escaped
    assert html.unescape(escaped) == clean(value, keep_newlines=True)


VALID_URLS = [
    "https://example.org/a?b=1&c=2",
    "http://baomoi.vn/tin",
    "HTTPS://Example.org",
]
INVALID_URLS = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:x",
    "file:///etc/passwd",
    "//example.org/no-scheme",
    "seeds/002.txt",
    "https://",
    "https://exa mple.org",
    "https://example.org/\nsecond-line",
    "http://[::1",
    "https://user@evil.example/",
    "https://example.org/\u202egnp.exe",
    "https://example.org/\x9b31m",
]


@pytest.mark.parametrize("url", VALID_URLS)
def test_http_and_https_links_are_clickable(url: str):
    assert safe_url(url) == url
    assert link(url).startswith(f'<a href="{esc(url)}"')


@pytest.mark.parametrize("url", INVALID_URLS)
def test_other_addresses_are_shown_as_text(url: str):
    assert safe_url(url) is None
    shown = link(url)
    assert "<a" not in shown and "href" not in shown
    assert html.unescape(re.sub(r"<[^>]+>", "", shown)) == clean(url, keep_newlines=True)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_text_colours_meet_wcag_aa_contrast_on_both_backgrounds():
    css = (Path(publish.__file__).parent / "assets" / "site.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    backgrounds = [colours["paper"], colours["soft"]]
    texts = ["ink", "muted", "accent", "late", "ok", *(s for s in colours if s in STATUSES)]
    assert set(STATUSES) <= set(colours)
    for name in texts:
        for background in backgrounds:
            light, dark = sorted((_luminance(colours[name]), _luminance(background)), reverse=True)
            assert (light + 0.05) / (dark + 0.05) >= 4.5, (name, background)


class Tags(HTMLParser):
    """The element structure of a page and the text of its <h1>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.h1 = ""
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_h1 = tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(f"/{tag}")
        self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1 += data


def structure_with(text: str) -> Tags:
    """A commitment page with `text` in every field a user fills, parsed."""
    from tracker.model import Commitment, Event, Evidence, Source
    from tracker.publish.commitment import commitment_page

    day = date(2025, 1, 1)
    commitment = Commitment(
        id="p",
        title=text,
        description=text,
        parties=(text,),
        pillar=text,
        tags=(text,),
        aliases=(text,),
        made_on=day,
        due_phrase=text,
        sources=(Source(text, text, day),),
        history=(Event(day, "pending", text, (Evidence(document=text, url=text, quote=text),)),),
    )
    item = query.view(commitment, date(2026, 1, 1))
    assert item is not None
    parsed = Tags()
    parsed.feed(commitment_page(item, text))
    return parsed


@given(st.text(min_size=1).filter(lambda t: not safe_url(t)))
@example('<script>alert(1)</script><img src=x onerror="alert(2)">')
@example("javascript:alert(1)")
@example("</h1></main><a href='https://evil.example'>x</a>")
@example("&lt;b&gt; &amp; \u202eevil\x1b[31m")
def test_no_text_in_any_field_changes_the_page_structure(text: str):
    hostile = structure_with(text)
    assert hostile.tags == structure_with("plain").tags
    assert hostile.h1 == clean(text, keep_newlines=True)
