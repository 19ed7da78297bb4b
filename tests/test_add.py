"""`briefing add URL`: pages fetched from a local server only (127.0.0.1), saved whole or not at all."""

import re
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from briefing.fetch import FetchError, add, download, slug
from formats_material import FIXTURES

PAGE = (FIXTURES / "001_andes_wire.html").read_bytes()
BARE = (
    b"<html><body><article><p>Norway and Sweden agreed on Monday to build a second power line across "
    b"their border, officials said.</p></article></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    routes = {
        "/story": (200, "text/html; charset=utf-8", PAGE),
        "/news/norway-sweden-power-line": (200, "text/html", BARE),
        "/doc": (200, "application/pdf", b"%PDF-1.4"),
        "/big": (200, "text/html", b"<p>x</p>" * 200_000),
    }

    def do_GET(self):
        if self.path == "/slow":
            time.sleep(3)
        if self.path not in self.routes:
            self.send_error(404, "Not Found")
            return
        code, kind, body = self.routes[self.path]
        self.send_response(code)
        self.send_header("Content-Type", kind)
        if self.path != "/big":  # no length: the limit must hold while reading
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_saves_raw_html_named_from_outlet_date_title(server, tmp_path):
    saved = add(f"{server}/story", tmp_path)
    assert saved.new and saved.path.name == "andes-wire_2023-03-14_chile-and-peru-agree-to-widen-their-trade-pact.html"
    assert saved.path.read_bytes() == PAGE
    again = add(f"{server}/story", tmp_path)
    assert (again.path, again.new) == (saved.path, False)
    assert sorted(p.name for p in tmp_path.iterdir()) == [saved.path.name]


def test_page_without_metadata_named_from_its_address(server, tmp_path):
    saved = add(f"{server}/news/norway-sweden-power-line", tmp_path)
    assert re.fullmatch(r"127-0-0-1(-\d+)?_news-norway-sweden-power-line\.html", saved.path.name), saved.path.name


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/missing", "HTTP 404"),
        ("/doc", "not a web page (application/pdf)"),
        ("/big", "larger than the 1 MB limit"),
        ("/slow", "no answer within 1 s"),
    ],
)
def test_failed_fetch_writes_nothing(server, tmp_path, path, reason):
    with pytest.raises(FetchError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        add(f"{server}{path}", tmp_path, timeout=1, max_bytes=1024 * 1024)
    assert list(tmp_path.iterdir()) == []


def test_refuses_other_schemes():
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/x", "127.0.0.1/page"):
        with pytest.raises(FetchError, match="not an http"):
            download(url)


def test_slug():
    assert slug("Trade: Côte d'Ivoire & Ghana — a record!") == "trade-cote-d-ivoire-ghana-a-record"
    assert len(slug("word " * 40)) <= 60


def test_cli_prints_what_it_saved_and_exits_1_on_failure(server, tmp_path):
    seeds = tmp_path / "seeds"
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "add", f"{server}/story", "--seeds", str(seeds)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("saved ") and "andes-wire_2023-03-14" in done.stdout
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "add", f"{server}/missing", "--seeds", str(seeds)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "HTTP 404" in done.stderr
    assert len(list(seeds.iterdir())) == 1
