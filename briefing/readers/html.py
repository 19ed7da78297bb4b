"""Saved web pages (.html, .htm): the main text without menus, banners or comments, via trafilatura.

Title, site name, publication date and canonical URL come from the page's own
metadata (``<meta>``, Open Graph, JSON-LD, ``<time>``): trafilatura reads them
with htmldate, asked here for the original publication date and told not to
guess one from the text.
"""

from __future__ import annotations

import re
from typing import Any

from briefing.readers.document import Decoded, Meta, UnreadableSource

_BULLET = re.compile(r"^\s*[-*\u2022]\s+")
# Bulk that never holds article text: scripts, styles, drawings, images inlined as data.
# JSON-LD scripts stay: they hold the page's metadata.
_BULK = re.compile(
    rb"<(script(?![^>]*ld\+json)|style|svg|noscript)\b.*?</(?:script|style|svg|noscript)\s*>"
    rb"|data:[\w/+.-]+;base64,[\w+/=\s]+",
    re.IGNORECASE | re.DOTALL,
)
MAX_MARKUP = 2 * 1024 * 1024  # an article's markup, without the bulk, is far smaller; extraction time grows with it
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def _lang_attribute(data: bytes) -> str | None:
    m = re.search(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?)", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii") if m else None


def decode_document(data: bytes, fmt: str = "html") -> Decoded:
    import logging

    import trafilatura

    from briefing.dating import parse_date_value
    from briefing.readers import language

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its own notes would repeat our one line
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    if not data.strip():
        raise UnreadableSource("empty file")
    markup = _BULK.sub(b" ", data)
    if len(markup) > MAX_MARKUP:
        raise UnreadableSource(
            f"{len(markup) / 1048576:.0f} MB of markup besides scripts and images, more than "
            f"the {MAX_MARKUP // 1048576} MB a web page's article needs"
        )
    try:
        doc: Any = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError) as exc:
        raise UnreadableSource(f"not a readable web page ({exc})") from None
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise UnreadableSource("no article text in the page (only scripts, menus or markup?)")
    lines = [_BULLET.sub("", line).strip() for line in text.split("\n")]
    text = "\n\n".join(line for line in lines if line)  # one block element per line: each its own paragraph
    lang = language.check(_lang_attribute(data), text)
    date = parse_date_value(doc.date)
    if date and date.encode() not in data:
        date = None  # found in the visible text, not in the page's metadata: the date-line rule reads it
    meta = Meta(
        title=doc.title,
        outlet=doc.sitename,
        url=doc.url,
        author=doc.author,
        language=lang,
        date=date,
        date_source="metadata" if date else "none",
    )
    return Decoded(text=text, format=fmt, meta=meta)
