"""``briefing add URL``: fetch a web page and save its raw HTML in the seeds folder, named from its metadata.

Standard library HTTP (urllib) with a timeout and a size limit; the page is
written to a temporary file and moved into place, so a failed or killed fetch
leaves nothing half-written. The name is ``outlet_date_title.html`` from the
page's own metadata (trafilatura), or the address when the page has none.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import BriefingError

TIMEOUT = 20.0
MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = "briefing/0.1 (+saves one page for an analyst's reading)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class FetchError(BriefingError):
    """A page that could not be fetched or saved; the message is the one line printed."""


@dataclass(frozen=True)
class Saved:
    url: str
    path: Path
    new: bool  # False: the same page was already saved under this name


def download(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> bytes:
    """Return the body of an HTML page; raise FetchError with a one-line reason."""
    import socket
    import urllib.error
    import urllib.request

    if not re.match(r"^https?://[^/\s]+", url, re.IGNORECASE):
        raise FetchError(f"{url}: not an http(s) address")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = (response.headers.get_content_type() or "").lower()
            if kind not in _HTML_TYPES:
                raise FetchError(f"{url}: not a web page ({kind or 'no content type'})")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url}: larger than the {max_bytes // (1024 * 1024)} MB limit")
            body = response.read(max_bytes + 1)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"{url}: no answer within {timeout:g} s") from None
        raise FetchError(f"{url}: {getattr(reason, 'strerror', None) or reason}") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from None
    except (OSError, ValueError) as exc:
        raise FetchError(f"{url}: {exc}") from None
    if len(body) > max_bytes:
        raise FetchError(f"{url}: larger than the {max_bytes // (1024 * 1024)} MB limit")
    if not body.strip():
        raise FetchError(f"{url}: empty page")
    return body


def slug(text: str, limit: int = 60) -> str:
    """A file-name piece: ASCII letters, digits and dashes, cut at a word."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > limit:
        text = text[:limit].rsplit("-", 1)[0]
    return text


def file_name(body: bytes, url: str) -> str:
    """``outlet_date_title.html`` from the page's metadata; the address fills what it lacks."""
    import logging
    from urllib.parse import urlsplit

    import trafilatura

    from briefing.dating import parse_date_value

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        meta = trafilatura.extract_metadata(body, default_url=url, extensive=False)
    except Exception:  # a page too broken for metadata is still saved, named from its address
        meta = None
    parts = urlsplit(url)
    outlet = slug(getattr(meta, "sitename", None) or "", 30) or slug(parts.hostname or "", 30) or "page"
    date = parse_date_value(getattr(meta, "date", None)) if meta is not None else None
    title = slug(getattr(meta, "title", None) or "") or slug(parts.path) or "page"
    return "_".join(p for p in (outlet, date, title) if p) + ".html"


def save(body: bytes, folder: Path, name: str) -> tuple[Path, bool]:
    """Write ``body`` as ``folder/name`` all at once; a different file of that name keeps it (-2, -3...)."""
    from briefing.atomic import create_new

    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = name[: -len(".html")], ".html"
    for i in range(1, 1000):
        path = folder / (f"{stem}{suffix}" if i == 1 else f"{stem}-{i}{suffix}")
        if path.exists():
            if path.read_bytes() == body:
                return path, False
            continue
        try:
            create_new(path, body)  # fails if the name was taken meanwhile: never overwrites
        except FileExistsError:
            continue
        return path, True
    raise FetchError(f"{name}: too many pages of this name in {folder}")


def add(url: str, folder: Path, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Saved:
    """Fetch one page and save it in ``folder``."""
    body = download(url, timeout, max_bytes)
    path, new = save(body, Path(folder), file_name(body, url))
    return Saved(url, path, new)
