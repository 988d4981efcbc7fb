"""The published site as a reader sees it, in headless Chromium.

One database (the shipped one plus a delivered pledge with evidence and a hostile one), one
`track publish`, one browser; each test opens a page and checks what is on screen after the
page's script ran, and that the page made no request outside the site and logged no error.
Expectations come from the core, never from the shipped counts.

Chromium is required: when it is missing these tests fail and say how to install it (CI
installs it in `.ci/run`). Set TRACK_SCREENSHOTS=DIR (relative to the repository) to keep
the screenshots the run takes.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from browser import INSTALL_HINT, Browser, find_chromium, screenshot
from conftest import ROOT, SHIPPED

from tracker import publish, query, report
from tracker.model import Commitment, Event, Evidence, Source
from tracker.store import Store

AS_OF = date(2026, 11, 23)
HOSTILE_TITLE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> & co'
HOSTILE_URL = "javascript:window.pwned = 3"
EVIDENCE_URL = "https://example.org/news/forum-held?lang=en&id=7"
EVIDENCE_QUOTE = "The Localities Forum opened in Hà Nội on 10 April 2026, ten days behind plan."
SOURCE_QUOTE = "Both sides will hold the forum in Hà Nội by the end of March 2026."


def added() -> list[Commitment]:
    """A pledge delivered late with a linked, quoted piece of evidence, and a hostile one."""
    delivered = Commitment(
        id="zz-forum-hanoi",
        title="Hold a test forum in Hà Nội",
        description="Added by the browser tests.",
        parties=("Vietnam", "Japan"),
        pillar="people-exchange",
        made_on=date(2025, 5, 1),
        due=date(2026, 3, 31),
        due_phrase="by the end of March 2026",
        due_precision="month",
        sources=(Source("articles/test-forum.txt", SOURCE_QUOTE, date(2025, 5, 1)),),
        history=(
            Event(date(2025, 5, 1), "pending", "Pledge reported.", (), "2025-05-01T09:00:00Z"),
            Event(
                date(2026, 4, 10), "fulfilled", "The forum was held.",
                (Evidence(url=EVIDENCE_URL, quote=EVIDENCE_QUOTE, published=date(2026, 4, 11)),),
                "2026-04-11T09:00:00Z",
            ),
        ),
    )  # fmt: skip
    hostile = Commitment(
        id="zz-hostile",
        title=HOSTILE_TITLE,
        description="</p><script>window.pwned = 4</script>",
        parties=("Vietnam",),
        pillar="economy",
        made_on=date(2025, 5, 1),
        sources=(Source(HOSTILE_URL, "<b>not bold</b>", date(2025, 5, 1)),),
        history=(
            Event(date(2025, 5, 1), "pending", "", (), "2025-05-01T09:00:00Z"),
            Event(
                date(2025, 6, 1), "in-progress", "<a href='javascript:alert(1)'>click</a>",
                (Evidence(url=HOSTILE_URL, quote="<script>window.pwned = 5</script>"),),
                "2025-06-01T09:00:00Z",
            ),
        ),
    )  # fmt: skip
    return [delivered, hostile]


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = find_chromium()
    if binary is None:
        ci = " CI should have installed it in .ci/run." if os.environ.get("CI") == "true" else ""
        pytest.fail(INSTALL_HINT + ci, pytrace=False)
    return binary


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Commitment]]:
    """The database the site was published from (re-read through the core), and the site."""
    work = tmp_path_factory.mktemp("publish")
    database = work / "commitments.json"
    shutil.copy(SHIPPED, database)
    env = {**os.environ, "TRACK_NO_CACHE": "1", "XDG_CACHE_HOME": str(work / "cache")}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(work / "cache"))
        with Store(database).edit() as db:
            for commitment in added():
                db.put(commitment)
        commitments = list(Store(database).load())
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(database), "publish", "--output",
         str(work / "site"), "--as-of", AS_OF.isoformat(), "--title", "Test <desk>"],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return work / "site", commitments


@pytest.fixture(scope="module")
def browser(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    profile = tmp_path_factory.mktemp("chromium") / "profile"
    opened = Browser(chromium, profile)
    yield opened
    opened.close()


def visit(browser: Browser, site: Path, page: str) -> None:
    browser.open(f"{site.as_uri()}/{page}")


def assert_clean(browser: Browser, site: Path) -> None:
    """Since the last check: no request left the site's folder, none failed, no script error,
    no Content-Security-Policy violation."""
    requested = [r["request"]["url"] for r in browser.named("Network.requestWillBeSent")]
    failed = browser.named("Network.loadingFailed")
    thrown = browser.named("Runtime.exceptionThrown")
    logged = [e["entry"] for e in browser.named("Log.entryAdded")]
    browser.events.clear()
    assert requested, "the browser reported no request at all"
    assert [u for u in requested if not u.startswith(site.as_uri() + "/")] == []
    assert failed == []
    assert thrown == []
    assert [e for e in logged if e["level"] in ("error", "warning")] == []


def shown_ids(browser: Browser) -> list[str]:
    return browser.js(
        "Array.from(document.querySelectorAll('#commitments tbody tr'))"
        ".filter(tr => !tr.hidden).map(tr => tr.querySelector('code').textContent)"
    )


def expected_ids(commitments: list[Commitment], filters: query.Filters) -> list[str]:
    return [v.commitment.id for v in query.select(commitments, AS_OF, filters, sort="due")]


def test_overview_shows_the_headline_figures(browser: Browser, site):
    folder, commitments = site
    head = report.build(commitments, AS_OF, query.NO_FILTERS).headline()
    visit(browser, folder, "index.html")
    figures = browser.js(
        "Object.fromEntries(Array.from(document.querySelectorAll('.figures > div'))"
        ".map(d => [d.querySelector('dt').textContent, d.querySelector('dd').textContent]))"
    )
    assert figures["Overdue"] == str(head["overdue"])
    assert figures["Commitments"] == str(head["total"])
    assert head["overdue"] > 0  # else the check above could not tell a wrong count
    assert figures["Delivered late"] != "0"  # the added pledge came 10 days after its due date
    assert browser.js("document.querySelector('svg.timeline .today-label').textContent") == (
        f"today {AS_OF}"
    )
    assert browser.js("document.title") == "Test <desk>"
    assert_clean(browser, folder)


def test_commitment_page_shows_quotes_and_evidence_link(browser: Browser, site):
    folder, commitments = site
    visit(browser, folder, "c/zz-forum-hanoi.html")
    quotes = browser.js("Array.from(document.querySelectorAll('blockquote')).map(q => q.innerText)")
    assert SOURCE_QUOTE in quotes and EVIDENCE_QUOTE in quotes
    links = browser.js("Array.from(document.querySelectorAll('a[rel~=external]')).map(a => a.href)")
    assert links == [EVIDENCE_URL]
    verdict = browser.js("document.querySelector('.verdict').innerText")
    assert "fulfilled on 2026-04-10" in verdict and "10 days late" in verdict
    facts = browser.js("document.querySelector('.facts').innerText")
    assert "by the end of March 2026" in facts and "precision: month" in facts
    assert_clean(browser, folder)

    shipped = next(c for c in commitments if c.sources and c.id != "zz-forum-hanoi")
    visit(browser, folder, f"c/{shipped.id}.html")
    assert browser.js("document.querySelector('h1').textContent") == shipped.title
    quotes = browser.js("Array.from(document.querySelectorAll('blockquote')).map(q => q.innerText)")
    assert shipped.sources[0].quote in quotes
    assert_clean(browser, folder)


def test_the_address_drives_the_filters(browser: Browser, site):
    folder, commitments = site
    visit(browser, folder, "list.html#status=pending&party=Japan")
    wanted = expected_ids(commitments, query.Filters(statuses=("pending",), parties=("Japan",)))
    assert 0 < len(wanted) < len(commitments)
    assert shown_ids(browser) == wanted
    assert browser.js("document.getElementById('status').value") == "pending"

    visit(browser, folder, "list.html#overdue=1")
    overdue = [v.commitment.id for v in report.build(commitments, AS_OF, query.NO_FILTERS).overdue]
    assert sorted(shown_ids(browser)) == sorted(overdue)
    assert_clean(browser, folder)


def test_a_reader_types_a_search_without_accents(browser: Browser, site):
    folder, commitments = site
    visit(browser, folder, "list.html")
    assert len(shown_ids(browser)) == len(commitments)
    browser.js("document.getElementById('q').focus()")
    browser.type_text("ha noi")
    wanted = expected_ids(commitments, query.Filters(search="ha noi"))
    assert "zz-forum-hanoi" in wanted and len(wanted) < len(commitments)
    assert shown_ids(browser) == wanted
    assert browser.js("document.getElementById('count').textContent") == (
        f"Showing {len(wanted)} of {len(commitments)} commitments."
    )
    assert browser.js("location.hash") == "#q=ha%20noi"
    assert_clean(browser, folder)


def test_keyboard_reaches_the_skip_link_and_every_control_has_a_label(browser: Browser, site):
    folder, _ = site
    visit(browser, folder, "list.html")
    browser.press("Tab", "Tab", 9)
    assert browser.js("document.activeElement.textContent") == "Skip to content"
    unlabelled = browser.js(
        "Array.from(document.querySelectorAll('input, select'))"
        ".filter(el => !document.querySelector('label[for=\"' + el.id + '\"]')).map(el => el.id)"
    )
    assert unlabelled == []
    assert browser.js("document.querySelectorAll('main, nav, header, footer').length") == 4
    assert_clean(browser, folder)


def test_hostile_text_is_shown_as_text(browser: Browser, site):
    folder, _ = site
    for page in ("c/zz-hostile.html", "list.html", "index.html"):
        visit(browser, folder, page)
        assert browser.js("window.pwned") is None
        assert browser.js("Array.from(document.scripts).map(s => s.src.split('/').pop())") == [
            "site.js"
        ]
        bad = browser.js(
            "Array.from(document.querySelectorAll('[href], [src]'))"
            ".map(el => el.getAttribute('href') || el.getAttribute('src'))"
            ".filter(u => /^\\s*(javascript|data:text|vbscript)/i.test(u))"
        )
        assert bad == []
        assert browser.js("document.querySelectorAll('img').length") == 0
        assert_clean(browser, folder)
    visit(browser, folder, "c/zz-hostile.html")
    assert browser.js("document.querySelector('h1').textContent") == HOSTILE_TITLE
    text = browser.js("document.querySelector('main').innerText")
    assert HOSTILE_URL in text and "<b>not bold</b>" in text
    assert browser.js("document.querySelectorAll('main a[rel~=external]').length") == 0


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_screenshots_of_the_overview_and_a_commitment(chromium: str, tmp_path: Path):
    """The README's pictures: the shipped data alone, as of the README's date."""
    kept = os.environ.get("TRACK_SCREENSHOTS")  # relative to the repository
    out = ROOT / kept if kept else tmp_path / "shots"
    out.mkdir(parents=True, exist_ok=True)
    commitments = list(Store(SHIPPED).load())
    folder = tmp_path / "site"
    publish.write(
        publish.build(commitments, AS_OF, query.NO_FILTERS, "Vietnam–Japan commitments"), folder
    )
    with_evidence = next(c for c in commitments if any(e.evidence for e in c.history))
    for name, page in (("overview", "index.html"), ("commitment", f"c/{with_evidence.id}.html")):
        screenshot(chromium, (folder / page).as_uri(), out / f"{name}.png", tmp_path / name)
        width, height = png_size(out / f"{name}.png")
        assert (width, height) == (1280, 1600)
