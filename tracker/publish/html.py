"""HTML pieces that every page shares: escaping, safe links, the page frame.

Everything the database holds is untrusted. It reaches a page only through `esc` (text and
attribute values, after control characters are made visible as in the terminal) or `link`
(which makes only absolute http/https URLs clickable; anything else, `javascript:` included,
is shown as text). No page loads anything from elsewhere, and the Content-Security-Policy says
so to the browser: scripts and styles from the site's own folder only.
"""

from __future__ import annotations

import re
from html import escape

from tracker.safe_text import clean

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'"
)
GENERATOR = "track publish"


# Anything `escape` or `clean` would change; most values have none, and skip both.
_SPECIAL = re.compile("[&<>\"'\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def esc(value: object) -> str:
    """Text safe inside an element or a quoted attribute."""
    text = value if type(value) is str else str(value)
    if _SPECIAL.search(text) is None:
        return text
    return escape(clean(text, keep_newlines=True), quote=True)


# An absolute http(s) URL: a host (no user@, no [IPv6] literal), then anything but spaces and
# control characters. Everything else, `javascript:` and relative paths included, stays text.
_CONTROL = "\\x00-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069"
_HTTP_URL = re.compile(rf"(?i:https?)://[^\s/?#\\@\[\]{_CONTROL}]+(?:[/?#][^\s{_CONTROL}]*)?")


def safe_url(url: str) -> str | None:
    """The URL if a browser may follow it: absolute http or https with a host; else None."""
    url = url.strip()
    return url if _HTTP_URL.fullmatch(url) else None


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
