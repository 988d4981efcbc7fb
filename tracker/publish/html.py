"""HTML pieces that every page shares: escaping, safe links, the page frame.

Everything the database holds is untrusted. It reaches a page only through `esc` (text and
attribute values, after control characters are made visible as in the terminal) or `link`
(which makes only absolute http/https URLs clickable; anything else, `javascript:` included,
is shown as text). No page loads anything from elsewhere, and the Content-Security-Policy says
so to the browser: scripts and styles from the site's own folder only.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from tracker.safe_text import clean

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'"
)
GENERATOR = "track publish"


def esc(value: object) -> str:
    """Text safe inside an element or a quoted attribute."""
    return escape(clean(str(value), keep_newlines=True), quote=True)


def safe_url(url: str) -> str | None:
    """The URL if a browser may follow it: absolute http or https with a host; else None."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if any(ch.isspace() or ord(ch) < 0x20 for ch in url):
        return None
    return url


def link(url: str, label: str | None = None) -> str:
    """A link that leaves the site when the URL is http(s); the URL as plain text otherwise."""
    target = safe_url(url)
    shown = esc(label if label is not None else url)
    if target is None:
        return f'<span class="url">{shown}</span>'
    return f'<a href="{esc(target)}" rel="noopener noreferrer external">{shown}</a>'


def page(*, title: str, site_title: str, root: str, body: str, current: str = "") -> str:
    """A whole document: CSP, one style sheet and one script from the site, landmarks."""
    nav = [("index.html", "Overview", "overview"), ("list.html", "All commitments", "list")]
    here = ' aria-current="page"'
    items = "".join(
        f'<li><a href="{root}{href}"{here if key == current else ""}>{label}</a></li>'
        for href, label, key in nav
    )
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        f"<title>{esc(title)}</title>\n"
        '<link rel="icon" href="data:,">\n'
        f'<link rel="stylesheet" href="{root}assets/site.css">\n'
        f'<script src="{root}assets/site.js" defer></script>\n'
        "</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to content</a>\n'
        f'<header class="site"><p class="brand"><a href="{root}index.html">{esc(site_title)}</a>'
        f'</p><nav aria-label="Site"><ul>{items}</ul></nav></header>\n'
        f'<main id="main" tabindex="-1">\n{body}\n</main>\n'
        f'<footer class="site"><p>Published with <code>{GENERATOR}</code>. Quotes are shown '
        "exactly as recorded from their sources.</p></footer>\n"
        "</body>\n</html>\n"
    )
