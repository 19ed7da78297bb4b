"""``briefing serve``: the freshest brief of each folder at a stable address.

A request for a PDF first asks for a build, which is the CLI's own
incremental build (``build.attempt``: same cache, same lock), run in a worker
thread so the server keeps answering. Every request that arrives while no
build of that brief has started yet joins the next one: twenty requests for a
stale brief make one build, and a request never gets a PDF older than its own
arrival. A failed build leaves the last good PDF in place (the build only
ever replaces it whole); it is served with a warning header.

Starlette and uvicorn are optional (``pip install briefing[serve]``): only
this module imports them, and only ``briefing serve`` imports this module.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import ipaddress
import json
import logging
import os
import re
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import anyio
from starlette.applications import Starlette
from starlette.requests import Request, cookie_parser
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from briefing.build import DEFAULT_MAX_BYTES, Options, Outcome, attempt, load_options, pending
from briefing.cache import Manifest
from briefing.errors import BriefingError

log = logging.getLogger("briefing.serve")

TOKEN_ENV = "BRIEFING_TOKEN"
COOKIE = "briefing_token"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")  # a brief's name is its folder's name, used in URLs
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and headers around the file
RETRY_FAILED = 60.0  # seconds a failed build is not tried again while its inputs stay the same


@dataclass(frozen=True)
class Config:
    """What one server serves and allows."""

    root: Path = Path(".")
    allow_upload: bool = False
    max_upload: int = DEFAULT_MAX_BYTES
    token: str | None = None
    loopback: bool = False  # bound to a loopback address: tokenless uploads must name a loopback host
    workers: int = 2


# --------------------------------------------------------------------------- briefs and their builds


def find_briefs(root: Path) -> tuple[dict[str, Path], list[str]]:
    """Return {name: folder} for the root and each subfolder holding ``seeds/``, and why any was left out."""
    root = Path(root)
    folders = [root] if (root / "seeds").is_dir() else []
    with contextlib.suppress(OSError):
        folders += sorted(
            p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / "seeds").is_dir()
        )
    found: dict[str, Path] = {}
    problems = []
    for folder in folders:
        name = folder.resolve().name
        if not NAME.fullmatch(name):
            problems.append(f"{folder}: folder name '{name}' cannot be an address (letters, digits, . _ -)")
        elif name in found:
            problems.append(f"{folder}: a brief named '{name}' is already served from {found[name]}")
        else:
            found[name] = folder
    return found, problems


class Brief:
    """One briefing folder and its builds: at most one at a time, shared by every request waiting for it."""

    def __init__(self, name: str, folder: Path, pool: ThreadPoolExecutor):
        self.name, self.folder, self._pool = name, Path(folder), pool
        self._mutex = threading.Lock()
        self._next: Future | None = None  # the build that has not started yet
        self._busy = False
        self.out = folder / "out" / "briefing.pdf"  # updated from briefing.toml at each build
        self.error: str | None = None  # the last build's error, until a build succeeds
        self._record: tuple = (None, (None, None))
        self._failed: tuple[str, float, Outcome] | None = None  # inputs, time and outcome of a failed build
        self._scanned: Manifest | None = None  # the last scan of the inputs: the next one only stats unchanged files

    def options(self) -> Options:
        options = load_options(self.folder)
        self.out = options.out
        return options

    def build(self) -> Future:
        """Return the future outcome of a build that starts after this call."""
        with self._mutex:
            if self._next is None:
                self._next = Future()
                if not self._busy:
                    self._busy = True
                    self._pool.submit(self._drain)
            return self._next

    def _drain(self) -> None:
        while True:
            with self._mutex:
                future, self._next = self._next, None
                if future is None:
                    self._busy = False
                    return
            future.set_running_or_notify_cancel()
            try:
                future.set_result(self._attempt())
            except BaseException as exc:  # noqa: BLE001 (never leave a reader waiting forever)
                future.set_exception(exc)

    def _attempt(self) -> Outcome:
        start = time.monotonic()
        inputs = self._inputs() if self._failed else None
        if self._failed and self._failed[0] == inputs and start - self._failed[1] < RETRY_FAILED:
            return self._failed[2]  # these inputs failed moments ago: the same answer, not the same work again
        outcome = attempt(self.options)
        self._failed = (inputs or self._inputs(), start, outcome) if outcome.status == "failed" else None
        self.error = outcome.reason if outcome.status == "failed" else None
        took = time.monotonic() - start
        if outcome.status == "up to date":
            log.debug("build %s: up to date (%.2f s)", self.name, took)
        else:
            log.info("build %s: %s (%.1f s)", self.name, outcome.line(), took)
        return outcome

    def last_build(self) -> tuple[dict | None, str | None, float]:
        """The extract (``briefing extract``'s data), time and file mtime of the last good build.

        Kept while the record's file is unchanged: for a big archive it is megabytes of JSON.
        """
        from briefing.cache import cache_dir, load_previous

        path = cache_dir(self.out) / "previous.json"
        try:
            st = path.stat()
        except OSError:
            return None, None, 0.0
        key = (str(path), st.st_mtime_ns, st.st_size, st.st_ino)
        if self._record[0] != key:
            previous = load_previous(self.out)
            self._record = (key, (previous["extract"], previous.get("built")) if previous else (None, None))
        return (*self._record[1], st.st_mtime)

    def _inputs(self) -> str:
        """Every input of a build as one string: the cache's content hashes, or the config when it does not load."""
        from briefing import cache

        try:
            options = load_options(self.folder)
        except (BriefingError, OSError):
            try:
                return "config " + cache.sha256_file(self.folder / "briefing.toml")
            except OSError as exc:
                return f"config {exc.strerror}"
        scanned = self._scanned = cache.scan(options.seeds, options.templates, options.settings, self._scanned)
        return json.dumps({k: v for k, v in scanned.to_json().items() if k != "stamps"}, sort_keys=True)

    def summary(self) -> dict:
        """What the listing shows; reads hashes and the last build's record, builds nothing."""
        info: dict = {
            "name": self.name,
            "title": self.name,
            "countries": [],
            "updated": "",
            "sources": None,
            "built": "",
            "built_iso": "",
            "current": False,
            "state": "",
            "error": self.error,
        }
        title = ""
        try:
            options = self.options()
            why, title = pending(options), options.settings.title
        except (BriefingError, OSError) as exc:  # e.g. a broken briefing.toml: the last build still shows
            why, info["error"] = ["cannot check"], _line(exc)
        extract, built, _ = self.last_build()
        if extract is not None:
            from briefing.render import format_date

            countries = [str(c) for c in extract.get("countries", ())]
            dates = sorted(d["date"] for d in extract.get("documents", ()) if d.get("date"))
            pair_title = "\u2013".join(countries) + " Relations" if countries else self.name
            info.update(
                countries=countries,
                sources=len(extract.get("documents", ())),
                updated=format_date(dates[-1]) if dates else "",
                built=_local_time(built),
                built_iso=built or "",
                title=title or pair_title,
            )
        info["current"] = not why and extract is not None and info["error"] is None
        info["state"] = (
            "build failed"
            if info["error"]
            else "current"
            if info["current"]
            else "not built yet"
            if extract is None
            else "out of date: " + "; ".join(why)
        )
        return info

    def sources(self) -> dict:
        """The seed files now in the folder, with what the last build knew of each (title, date...)."""
        from briefing.seedfiles import list_seeds

        options = self.options()
        extract, built, _ = self.last_build()
        docs = {d.get("file"): d for d in (extract or {}).get("documents", ())}
        skipped = dict(s.split(": ", 1) for s in (extract or {}).get("skipped", ()) if ": " in s)
        rows = []
        for name in list_seeds(options.seeds):
            try:
                st = (options.seeds / name).stat()
            except OSError:
                continue
            doc = docs.get(name, {})
            rows.append(
                {
                    "file": name,
                    "bytes": st.st_size,
                    "modified": _iso(st.st_mtime),
                    "in_last_build": name in docs,
                    **{k: doc.get(k) for k in ("title", "outlet", "date", "url", "agency")},
                    "skipped": skipped.get(name),
                }
            )
        return {"brief": self.name, "built": built, "sources": rows}


class Desk:
    """Every brief under the root, found afresh at each look-up (new folders appear without a restart)."""

    def __init__(self, root: Path, pool: ThreadPoolExecutor):
        self.root, self.pool = Path(root), pool
        self._briefs: dict[str, Brief] = {}
        self._told: set[str] = set()
        self._lock = threading.Lock()

    def briefs(self) -> list[Brief]:
        found, problems = find_briefs(self.root)
        with self._lock:
            for problem in problems:
                if problem not in self._told:
                    self._told.add(problem)
                    log.warning("not served: %s", problem)
            for name, folder in found.items():
                if name not in self._briefs or self._briefs[name].folder != folder:
                    self._briefs[name] = Brief(name, folder, self.pool)
            return [self._briefs[name] for name in found]

    def get(self, name: str) -> Brief | None:
        return next((b for b in self.briefs() if b.name == name), None)


# --------------------------------------------------------------------------- HTTP helpers


def _line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f": {exc.filename}" if exc.filename else "")
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def _local_time(iso: str | None) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M") if iso else ""
    except ValueError:
        return iso or ""


def _header_text(text: str) -> str:
    """One line of printable ASCII: what every HTTP client can read in a header."""
    return " ".join(text.encode("ascii", "backslashreplace").decode("ascii").split())[:500]


def _read(path: Path) -> tuple[bytes, float] | None:
    """The whole file and its mtime, from one open (a build may replace it meanwhile), or None."""
    try:
        with open(path, "rb") as fh:
            return fh.read(), os.fstat(fh.fileno()).st_mtime
    except FileNotFoundError:
        return None


def validators(data: bytes, mtime: float) -> dict[str, str]:
    """ETag from the content (the same inputs give the same bytes) and Last-Modified from the file."""
    return {
        "ETag": '"' + hashlib.sha256(data).hexdigest()[:32] + '"',
        "Last-Modified": formatdate(mtime, usegmt=True),
        "Cache-Control": "no-cache",
    }


def not_modified(request: Request, headers: dict[str, str]) -> bool:
    """RFC 9110: If-None-Match decides when present; otherwise If-Modified-Since."""
    match = request.headers.get("if-none-match")
    if match is not None:
        tags = [t.strip().removeprefix("W/") for t in match.split(",")]
        return "*" in tags or headers["ETag"] in tags
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return parsedate_to_datetime(headers["Last-Modified"]) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def _conditional(request: Request, data: bytes, mtime: float, media_type: str, extra: dict) -> Response:
    headers = {**validators(data, mtime), **extra}
    if not_modified(request, headers):
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=media_type, headers=headers)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_warning(host: str, token: str | None) -> str | None:
    """The warning for a server others can reach without a token, or None."""
    if token or is_loopback(host):
        return None
    return (
        f"warning: serving on {host} without a token: anyone who can reach this address reads the briefs"
        f"; set --token or {TOKEN_ENV}"
    )


def _cross_site(request: Request, config: Config) -> str | None:
    """Why a tokenless upload may come from another site's page (CSRF, DNS rebinding), or None."""
    if config.token:
        return None  # the token is a cookie of this host only, or a header no other page can set
    host = request.headers.get("host", "")
    origin = request.headers.get("origin")
    if request.headers.get("sec-fetch-site") == "cross-site" or (origin and urlsplit(origin).netloc != host):
        return "an upload from another site's page is refused"
    if config.loopback and not is_loopback(urlsplit("//" + host).hostname or ""):
        return f"host '{host}' is not this machine; use 127.0.0.1 or set a token"
    return None


# --------------------------------------------------------------------------- token and log


class Guard:
    """ASGI middleware: the token on every request (when set), then one log line per request.

    A token is accepted as ``Authorization: Bearer``, as the cookie set when a
    browser first opens a link with ``?token=``, or in that query string; the
    query is then dropped by a redirect, so the token stays out of history
    and logs. The log line never shows the query string.
    """

    def __init__(self, app, token: str | None):
        self.app, self.token = app, token

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.monotonic()
        sent = {"status": 0, "bytes": 0}

        async def send_logged(message):
            if message["type"] == "http.response.start":
                sent["status"] = message["status"]
            elif message["type"] == "http.response.body":
                sent["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            refusal = self._check(scope)
            if refusal is None:
                await self.app(scope, receive, send_logged)
            else:
                await refusal(scope, receive, send_logged)
        finally:
            client = scope.get("client") or ("-", 0)
            log.info(
                "%s %s %s %d %dB %.0fms",
                client[0],
                scope["method"],
                scope["path"],
                sent["status"],
                sent["bytes"],
                (time.monotonic() - start) * 1000,
            )

    def _check(self, scope) -> Response | None:
        if not self.token:
            return None
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        auth = headers.get("authorization", "")
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if auth.lower().startswith("bearer ") and self._equal(auth[7:].strip()):
            return None
        if self._equal(cookie_parser(headers.get("cookie", "")).get(COOKIE, "")):
            return None
        if self._equal(query.get("token", "")):
            if scope["method"] != "GET":
                return None
            rest = urlencode({k: v for k, v in query.items() if k != "token"})
            response = RedirectResponse(scope["path"] + (f"?{rest}" if rest else ""), status_code=303)
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
            return response
        return PlainTextResponse(
            "a token is required: Authorization: Bearer TOKEN, or open a link with ?token=TOKEN\n",
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer realm="briefing"'},
        )

    def _equal(self, given: str) -> bool:
        return bool(given and self.token) and hmac.compare_digest(given.encode(), (self.token or "").encode())


# --------------------------------------------------------------------------- the application


def _templates():
    """The page and the sources view (package files, not the brief's templates: they are no build input)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return env.get_template("serve_page.html.j2"), env.get_template("serve_sources.html.j2")


def _web_address(url) -> bool:
    """Only http(s) addresses from a source become links (a javascript: one would run in the page)."""
    return isinstance(url, str) and urlsplit(url).scheme.lower() in ("http", "https")


def _wants_html(request: Request) -> bool:
    """A browser following a link (Accept: text/html...), unless ``?format=json`` asks otherwise."""
    return request.query_params.get("format") != "json" and "text/html" in request.headers.get("accept", "")


def create_app(config: Config) -> Starlette:
    """The ASGI application; ``config.root`` is searched for briefs at every request."""
    pool = ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="briefing-build")
    desk = Desk(config.root, pool)
    page, sources_page = _templates()

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        # uvicorn has waited for the requests in flight; a build still running (started by an upload) ends
        await anyio.to_thread.run_sync(lambda: pool.shutdown(wait=True, cancel_futures=True))
        log.info("stopped")

    def brief_of(request: Request) -> Brief:
        brief = desk.get(request.path_params["name"])
        if brief is None:
            raise _NotFound(request.path_params["name"])
        return brief

    async def fresh(brief: Brief) -> Outcome:
        return await asyncio.wrap_future(brief.build())

    def warning(outcome: Outcome) -> dict:
        if outcome.status != "failed":
            return {}
        return {"X-Briefing-Warning": _header_text(f"rebuild failed, this is the last good build: {outcome.reason}")}

    async def index(request: Request) -> Response:
        briefs = await anyio.to_thread.run_sync(lambda: [b.summary() for b in desk.briefs()])
        html = page.render(
            briefs=briefs,
            allow_upload=config.allow_upload,
            max_upload_mb=f"{config.max_upload / (1024 * 1024):g}",
            uploaded=request.query_params.get("uploaded", ""),
        )
        return Response(html, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})

    async def pdf(request: Request) -> Response:
        brief = brief_of(request)
        outcome = await fresh(brief)
        found = await anyio.to_thread.run_sync(_read, brief.out)
        if found is None:
            return PlainTextResponse(f"{brief.name}: no PDF yet: {outcome.reason or outcome.status}\n", 503)
        headers = {**warning(outcome), "Content-Disposition": f'inline; filename="{brief.name}.pdf"'}
        return _conditional(request, *found, "application/pdf", headers)

    async def extract(request: Request) -> Response:
        brief = brief_of(request)
        outcome = await fresh(brief)

        def load() -> tuple[bytes, float] | None:
            data, _, mtime = brief.last_build()
            if data is None:
                return None
            return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), mtime

        found = await anyio.to_thread.run_sync(load)
        if found is None:
            return PlainTextResponse(f"{brief.name}: no build yet: {outcome.reason or outcome.status}\n", 503)
        return _conditional(request, *found, "application/json", warning(outcome))

    async def sources(request: Request) -> Response:
        brief = brief_of(request)
        try:
            listing = await anyio.to_thread.run_sync(brief.sources)
        except BriefingError as exc:
            return PlainTextResponse(f"{brief.name}: {_line(exc)}\n", 503)
        if _wants_html(request):
            rows = [{**row, "link": row["url"] if _web_address(row["url"]) else None} for row in listing["sources"]]
            html = sources_page.render(brief=listing["brief"], sources=rows, built=_local_time(listing["built"]))
            return Response(html, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})
        return JSONResponse(listing)

    async def upload(request: Request) -> Response:
        from briefing.uploads import UploadError, save_upload

        brief = brief_of(request)
        if not config.allow_upload:
            return PlainTextResponse("uploads are off: start the server with `briefing serve --allow-upload`\n", 403)
        refused = _cross_site(request, config)
        if refused:
            return PlainTextResponse(refused + "\n", 403)
        length = request.headers.get("content-length")
        if length is None or not length.isdigit():
            return PlainTextResponse("an upload needs a Content-Length\n", 411)
        if int(length) > config.max_upload + FORM_OVERHEAD:
            return PlainTextResponse(f"upload larger than the {config.max_upload / (1024 * 1024):g} MB limit\n", 413)
        try:
            name, data = await _received(request, config.max_upload)
            options = await anyio.to_thread.run_sync(brief.options)
            path = await anyio.to_thread.run_sync(save_upload, options.seeds, name, data, config.max_upload)
        except UploadError as exc:
            return PlainTextResponse(f"{exc}\n", exc.status)
        except BriefingError as exc:
            return PlainTextResponse(f"{brief.name}: {_line(exc)}\n", 409)
        log.info("upload %s: saved %s (%d bytes)", brief.name, path, len(data))
        brief.build()  # start now: the next reader finds it built or nearly so
        if "text/html" in request.headers.get("accept", ""):
            return RedirectResponse("/?" + urlencode({"uploaded": f"{brief.name}/{name}"}), status_code=303)
        return JSONResponse({"brief": brief.name, "file": name, "bytes": len(data)}, status_code=201)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def not_found(request: Request, exc: Exception) -> Response:
        return PlainTextResponse(f"{exc}\n", 404)

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/healthz", healthz),
            Route("/{name}.pdf", pdf),
            Route("/{name}.json", extract),
            Route("/{name}/sources", sources, methods=["GET"]),
            Route("/{name}/sources", upload, methods=["POST"]),
        ],
        lifespan=lifespan,
        exception_handlers={_NotFound: not_found},
    )
    app.add_middleware(Guard, token=config.token)
    return app


class _NotFound(Exception):
    def __init__(self, name: str):
        super().__init__(f"no brief named '{name}'")


async def _received(request: Request, max_bytes: int) -> tuple[str, bytes]:
    """The uploaded file's name and bytes: a form's ``file`` field, or the raw body with ``?name=``."""
    from briefing.uploads import UploadError

    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        async with request.form(max_files=1, max_fields=10) as form:
            part = form.get("file")
            if part is None or isinstance(part, str):
                raise UploadError(400, "the form has no file field named 'file'")
            return part.filename or "", await part.read(max_bytes + 1)
    name = request.query_params.get("name", "")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            break
    return name, bytes(body)


def run(config: Config, host: str, port: int) -> None:
    """Serve until SIGINT or SIGTERM; then finish the requests and build in flight and return."""
    import signal

    import uvicorn

    from briefing import progress

    progress.enable(False)  # builds run in threads, between log lines: no bar redrawn across them
    _log_to_stderr()
    app = create_app(config)
    server = uvicorn.Server(
        uvicorn.Config(
            app, host=host, port=port, log_level="warning", access_log=False, lifespan="on", server_header=False
        )
    )
    # uvicorn shuts down gracefully, restores these handlers and raises the signal again: ignore it then
    previous = {sig: signal.signal(sig, lambda *_: None) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _log_to_stderr() -> None:
    """Request and build lines with a timestamp, at INFO unless -q asked for errors only."""
    level = logging.getLogger("briefing").getEffectiveLevel()
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%dT%H:%M:%S%z"))
    log.addHandler(handler)
    log.propagate = False
    log.setLevel(level if level >= logging.ERROR else min(level, logging.INFO))
