"""briefing serve over HTTP: listing, fresh PDFs, 304, one build for many readers, failures, uploads, token."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

import briefing.build
import briefing.serve
from briefing.cli import main
from briefing.serve import Config, bind_warning, create_app, find_briefs
from briefing.uploads import UploadError, check_name, save_upload
from conftest import flat, pdf_text

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "fixtures" / "pairs"

# Articles written for these tests (a new source for each of two country pairs).
NEW_ARTICLE = {
    "uk-norway": (
        "Bergen, 3 June 2024 (NTX): Norway and the United Kingdom opened a joint offshore wind research "
        "centre in Bergen on Monday, with forty scientists from universities in both countries.\n"
    ),
    "india-japan": (
        "Osaka, 12 March 2024 (KTN): India and Japan agreed on Tuesday to open a joint training "
        "institute for railway engineers in Osaka, with each government paying half of its cost.\n"
    ),
}


def make_desk(root: Path) -> Path:
    """Two briefs, one folder each, from the test fixtures of two country pairs."""
    for name, pair in (("uk-norway", "uk_norway"), ("india-japan", "india_japan")):
        seeds = root / name / "seeds"
        seeds.mkdir(parents=True)
        for path in (PAIRS / pair).glob("*.txt"):
            shutil.copy(path, seeds / path.name)
    return root


def text_of(pdf: bytes) -> str:
    return flat(pdf_text(pdf))


def cell(row: str, cls: str) -> str:
    return row.split(f'<td class="{cls}">')[1].split("</td>")[0].strip()


@pytest.fixture
def desk(tmp_path):
    return make_desk(tmp_path / "desk")


def client_for(root: Path, **config) -> TestClient:
    return TestClient(create_app(Config(root=root, **config)))


@pytest.fixture
def builds(monkeypatch):
    """Count the PDFs actually rendered; each render is slowed so concurrent readers overlap it."""
    calls = []
    real = briefing.build.render

    def counted(*args, **kwargs):
        calls.append(threading.get_ident())
        time.sleep(0.4)
        return real(*args, **kwargs)

    monkeypatch.setattr(briefing.build, "render", counted)
    return calls


# --------------------------------------------------------------------------- listing and reading


def test_listing_shows_each_brief_with_its_state(desk):
    with client_for(desk) as client:
        page = client.get("/")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert page.text.count("not built yet") == 2
        assert client.get("/uk-norway.pdf").status_code == 200
        page = client.get("/").text
    row = page.split('id="brief-uk-norway"')[1].split("</tr>")[0]
    assert sorted(cell(row, "countries").split(", ")) == ["Norway", "United Kingdom"]
    assert cell(row, "updated") == "2 May 2024"  # the newest source date
    assert cell(row, "num sources") == '<a href="/uk-norway/sources">2</a>'
    built = row.split('<td class="built" title="')[1].split("</td>")[0]
    assert re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d">\d{4}-\d\d-\d\d \d\d:\d\d', built)
    assert '<span class="current">current</span>' in row
    assert 'href="/uk-norway.pdf"' in row and 'href="/uk-norway.json"' in row
    other = page.split('id="brief-india-japan"')[1].split("</tr>")[0]
    assert "not built yet" in other
    assert 'method="post"' not in page  # no upload form unless allowed


def test_listing_says_out_of_date_after_a_change(desk):
    with client_for(desk) as client:
        client.get("/india-japan.pdf")
        (desk / "india-japan" / "seeds" / "c_new.txt").write_text(NEW_ARTICLE["india-japan"], encoding="utf-8")
        row = client.get("/").text.split('id="brief-india-japan"')[1].split("</tr>")[0]
    assert "out of date" in row and "c_new.txt" in row


def test_root_that_holds_seeds_is_one_brief(tmp_path):
    folder = make_desk(tmp_path / "d") / "uk-norway"
    (folder / "briefing.toml").write_text('title = "Desk note"\n', encoding="utf-8")
    found, problems = find_briefs(folder)
    assert list(found) == ["uk-norway"] and not problems
    with client_for(folder) as client:
        assert client.get("/uk-norway.pdf").status_code == 200
        assert "Desk note" in client.get("/").text


def test_folders_that_cannot_be_addresses_are_reported(tmp_path):
    root = make_desk(tmp_path / "d")
    (root / "two words" / "seeds").mkdir(parents=True)
    (root / "notes").mkdir()
    found, problems = find_briefs(root)
    assert sorted(found) == ["india-japan", "uk-norway"]
    assert len(problems) == 1 and "two words" in problems[0]


def test_pdf_is_served_and_rebuilt_after_a_seed_changes(desk):
    with client_for(desk) as client:
        first = client.get("/uk-norway.pdf")
        assert first.status_code == 200 and first.headers["content-type"] == "application/pdf"
        assert first.content.startswith(b"%PDF") and "b_oslo_note.txt" in text_of(first.content)
        assert client.get("/uk-norway.pdf").content == first.content  # nothing changed: same bytes
        (desk / "uk-norway" / "seeds" / "c_bergen.txt").write_text(NEW_ARTICLE["uk-norway"], encoding="utf-8")
        second = client.get("/uk-norway.pdf")
    assert second.status_code == 200 and second.headers["etag"] != first.headers["etag"]
    text = text_of(second.content)
    assert "c_bergen.txt" in text and "offshore wind research centre" in text
    assert (desk / "uk-norway" / "out" / "briefing.pdf").read_bytes() == second.content


def test_conditional_get_gets_304_until_the_brief_changes(desk):
    with client_for(desk) as client:
        first = client.get("/india-japan.pdf")
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert first.headers["cache-control"] == "no-cache"
        again = client.get("/india-japan.pdf", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        assert client.get("/india-japan.pdf", headers={"If-Modified-Since": modified}).status_code == 304
        assert client.get("/india-japan.pdf", headers={"If-None-Match": '"other"'}).status_code == 200
        js = client.get("/india-japan.json")
        assert client.get("/india-japan.json", headers={"If-None-Match": js.headers["etag"]}).status_code == 304
        (desk / "india-japan" / "seeds" / "c_osaka.txt").write_text(NEW_ARTICLE["india-japan"], encoding="utf-8")
        changed = client.get("/india-japan.pdf", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_twenty_concurrent_readers_of_a_stale_brief_cause_one_build(desk, builds):
    barrier = threading.Barrier(20)
    results = []

    with client_for(desk) as client:

        def read():
            barrier.wait()
            results.append(client.get("/uk-norway.pdf"))

        threads = [threading.Thread(target=read) for _ in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    assert len(results) == 20 and {r.status_code for r in results} == {200}
    assert len({r.headers["etag"] for r in results}) == 1
    assert len(builds) == 1


def test_server_keeps_answering_while_a_brief_builds(desk, monkeypatch):
    entered, gate = threading.Event(), threading.Event()
    real = briefing.build.render

    def held(*args, **kwargs):  # the build stays in its render until the test lets it go
        entered.set()
        gate.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(briefing.build, "render", held)
    answers = []
    with client_for(desk) as client:
        reader = threading.Thread(target=lambda: answers.append(client.get("/uk-norway.pdf")))
        reader.start()
        assert entered.wait(30)
        assert client.get("/healthz").json() == {"status": "ok"}
        assert "not built yet" in client.get("/").text
        assert reader.is_alive() and not answers  # both answered while the build was running
        gate.set()
        reader.join(30)
    assert answers[0].status_code == 200


@pytest.mark.parametrize("breakage", ["config", "seeds"])
def test_failing_rebuild_serves_the_last_good_pdf(desk, breakage):
    brief = desk / "india-japan"
    with client_for(desk) as client:
        good = client.get("/india-japan.pdf")
        if breakage == "config":
            (brief / "briefing.toml").write_text('title = "Note"\npages = 3\n', encoding="utf-8")
            error = "unknown key 'pages'"
        else:
            for path in (brief / "seeds").iterdir():
                path.write_bytes(b"\x00\x01\x02 not text \x00" * 40)
            error = "no readable seed files"
        served = client.get("/india-japan.pdf")
        assert served.status_code == 200 and served.content == good.content
        assert error in served.headers["x-briefing-warning"]
        assert client.get("/india-japan.json").headers["x-briefing-warning"]
        row = client.get("/").text.split('id="brief-india-japan"')[1].split("</tr>")[0]
    assert "build failed" in row and error.replace("'", "&#39;") in row
    assert (brief / "out" / "briefing.pdf").read_bytes() == good.content


def test_a_failed_build_is_not_redone_until_its_inputs_change(desk, monkeypatch):
    reads = []
    real = briefing.build.read_sources
    monkeypatch.setattr(briefing.build, "read_sources", lambda *a, **k: reads.append(1) or real(*a, **k))
    seeds = desk / "uk-norway" / "seeds"
    with client_for(desk) as client:
        good = client.get("/uk-norway.pdf").content
        for path in seeds.iterdir():
            path.write_bytes(b"\x00\x01 not text \x00" * 40)
        answers = [client.get("/uk-norway.pdf") for _ in range(4)]
        assert len(reads) == 2  # the good build, then one failed build for the four readers
        assert all(a.content == good and "no readable" in a.headers["x-briefing-warning"] for a in answers)
        (seeds / "c_bergen.txt").write_text(NEW_ARTICLE["uk-norway"], encoding="utf-8")
        fixed = client.get("/uk-norway.pdf")
        assert len(reads) == 3 and "x-briefing-warning" not in fixed.headers
        assert "c_bergen.txt" in text_of(fixed.content)
        for path in seeds.iterdir():
            path.write_bytes(b"\x00\x02 not text \x00" * 40)
        monkeypatch.setattr(briefing.serve, "RETRY_FAILED", 0.0)  # a failure may be passing (a full disk)
        client.get("/uk-norway.pdf")
        client.get("/uk-norway.pdf")
    assert len(reads) == 5


def test_a_brief_that_never_built_says_why(desk):
    (desk / "uk-norway" / "briefing.toml").write_text("countries = 3\n", encoding="utf-8")
    with client_for(desk) as client:
        answer = client.get("/uk-norway.pdf")
    assert answer.status_code == 503 and "'countries' must be list" in answer.text


def test_sources_give_titles_outlets_and_dates_where_known(desk):
    seeds = desk / "india-japan" / "seeds"
    (seeds / "c_institute.md").write_text(
        "---\ntitle: Rail engineers to train together\noutlet: Test Wire\n"
        "date: 2024-03-12\n---\n\n" + NEW_ARTICLE["india-japan"],
        encoding="utf-8",
    )
    (seeds / "d_broken.txt").write_bytes(b"\x00\x01 not text \x00" * 40)
    (seeds / "f_link.md").write_text(
        "---\ntitle: <b>Bold</b> claim\nurl: javascript:alert(1)\n---\n\n"
        "Osaka, 2 April 2024 (KTN): India and Japan held talks.\n",
        encoding="utf-8",
    )
    with client_for(desk) as client:
        client.get("/india-japan.pdf")
        (seeds / "e_later.txt").write_text("Osaka, 1 April 2024 (KTN): A short note.\n", encoding="utf-8")
        listed = {r["file"]: r for r in client.get("/india-japan/sources").json()["sources"]}
        html = client.get("/india-japan/sources", headers={"Accept": "text/html"}).text
    assert listed["c_institute.md"]["title"] == "Rail engineers to train together"
    assert listed["c_institute.md"]["outlet"] == "Test Wire" and listed["c_institute.md"]["date"] == "2024-03-12"
    assert listed["a_fy_trade.txt"]["title"] is None and listed["a_fy_trade.txt"]["date"] == "2023-06-12"
    assert listed["d_broken.txt"]["skipped"] and not listed["d_broken.txt"]["in_last_build"]
    assert listed["e_later.txt"]["in_last_build"] is False and listed["e_later.txt"]["skipped"] is None
    assert '<td class="title">Rail engineers to train together' in html and "Test Wire" in html
    assert "not in the last build yet" in html and "skipped:" in html
    assert "javascript:" not in html and "&lt;b&gt;Bold&lt;/b&gt; claim" in html  # no link, no markup from a source


def test_json_is_the_extract_and_sources_are_listed(desk, monkeypatch):
    with client_for(desk) as client:
        data = client.get("/uk-norway.json")
        listed = client.get("/uk-norway/sources").json()
        assert client.get("/nowhere.json").status_code == 404
    monkeypatch.chdir(desk / "uk-norway")
    cli = CliRunner().invoke(main, ["extract"])
    assert cli.exit_code == 0
    assert data.headers["content-type"] == "application/json"
    assert data.json() == json.loads(cli.output)
    rows = {r["file"]: r for r in listed["sources"]}
    assert sorted(rows) == ["a_gas_trade.txt", "b_oslo_note.txt"]
    assert rows["a_gas_trade.txt"]["date"] == "2024-04-05" and rows["b_oslo_note.txt"]["in_last_build"]
    assert listed["built"]


# --------------------------------------------------------------------------- uploads


def test_upload_refused_without_the_flag(desk):
    with client_for(desk) as client:
        answer = client.post("/uk-norway/sources", files={"file": ("c_bergen.txt", NEW_ARTICLE["uk-norway"])})
    assert answer.status_code == 403 and "--allow-upload" in answer.text
    assert not (desk / "uk-norway" / "seeds" / "c_bergen.txt").exists()


def test_upload_accepted_with_the_flag_and_cited_after_the_rebuild(desk):
    with client_for(desk, allow_upload=True) as client:
        assert 'method="post"' in client.get("/").text
        answer = client.post(
            "/india-japan/sources", files={"file": ("c_osaka.txt", NEW_ARTICLE["india-japan"].encode())}
        )
        assert answer.status_code == 201 and answer.json()["file"] == "c_osaka.txt"
        raw = client.post("/india-japan/sources?name=d_raw.md", content=b"# Note\n\nShort note.\n")
        assert raw.status_code == 201
        text = text_of(client.get("/india-japan.pdf").content)
        again = client.post("/india-japan/sources", files={"file": ("c_osaka.txt", b"other")})
    seeds = desk / "india-japan" / "seeds"
    assert (seeds / "c_osaka.txt").read_text(encoding="utf-8") == NEW_ARTICLE["india-japan"]
    assert "c_osaka.txt" in text and "joint training institute for railway engineers" in text
    assert again.status_code == 409  # an existing source is never replaced
    assert (seeds / "c_osaka.txt").read_text(encoding="utf-8") == NEW_ARTICLE["india-japan"]
    assert not [p for p in seeds.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_browser_form_upload_redirects_to_the_page(desk):
    with client_for(desk, allow_upload=True) as client:
        answer = client.post(
            "/uk-norway/sources",
            files={"file": ("c_bergen.txt", NEW_ARTICLE["uk-norway"])},
            headers={"Accept": "text/html"},
            follow_redirects=False,
        )
        assert answer.status_code == 303
        page = client.get(answer.headers["location"]).text
    assert "Uploaded uk-norway/c_bergen.txt" in page


@pytest.mark.parametrize(
    "name",
    ["../escape.txt", "/tmp/escape.txt", "sub/../../escape.txt", "..\\escape.txt", "..", "C:\\seeds\\..\\escape.txt"],
)
def test_upload_path_traversal_refused(desk, name):
    with client_for(desk, allow_upload=True) as client:
        raw = client.post("/uk-norway/sources", params={"name": name}, content=b"Oslo, 1 May 2024: text.\n")
        # the form parser itself cuts a Windows path to its last part, as browsers send it
        answer = (
            None
            if name.startswith("C:")
            else client.post("/uk-norway/sources", files={"file": (name, b"Oslo, 1 May 2024: text.\n")})
        )
    assert raw.status_code == 400 and (answer is None or answer.status_code == 400)
    assert not list(desk.parent.rglob("escape.txt"))
    assert sorted(p.name for p in (desk / "uk-norway" / "seeds").iterdir()) == ["a_gas_trade.txt", "b_oslo_note.txt"]


def test_upload_never_writes_through_a_symlink(desk, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n", encoding="utf-8")
    (desk / "uk-norway" / "seeds" / "link.txt").symlink_to(outside)
    with client_for(desk, allow_upload=True) as client:
        answer = client.post("/uk-norway/sources", files={"file": ("link.txt", b"Oslo, 1 May 2024: new.\n")})
    assert answer.status_code == 409 and "symbolic link" in answer.text
    assert outside.read_text(encoding="utf-8") == "keep me\n"


def test_upload_of_other_file_kinds_refused(desk):
    with client_for(desk, allow_upload=True) as client:
        for name in ("tool.exe", ".hidden.txt", "draft.txt~"):
            assert client.post("/uk-norway/sources", files={"file": (name, b"x")}).status_code == 415


def test_oversize_upload_refused(desk):
    limit = 2000
    with client_for(desk, allow_upload=True, max_upload=limit) as client:
        small = client.post("/uk-norway/sources", files={"file": ("fits.txt", b"Oslo, 1 May 2024: a." * 50)})
        over = client.post("/uk-norway/sources", files={"file": ("over.txt", b"a" * (limit + 1))})
        huge = client.post("/uk-norway/sources", files={"file": ("huge.txt", b"a" * (limit + 200_000))})
        raw = client.post("/uk-norway/sources?name=raw.txt", content=b"a" * (limit + 1))
    assert small.status_code == 201
    assert over.status_code == huge.status_code == raw.status_code == 413
    assert "MB limit" in over.text
    names = sorted(p.name for p in (desk / "uk-norway" / "seeds").iterdir())
    assert names == ["a_gas_trade.txt", "b_oslo_note.txt", "fits.txt"]


def test_cross_site_upload_refused_without_a_token(desk):
    with client_for(desk, allow_upload=True, loopback=True) as client:
        foreign = client.post(
            "/uk-norway/sources",
            files={"file": ("a.txt", b"x")},
            headers={"Origin": "http://elsewhere.example", "Host": "127.0.0.1:8000"},
        )
        rebound = client.post(
            "/uk-norway/sources", files={"file": ("b.txt", b"x")}, headers={"Host": "attacker.example:8000"}
        )
        local = client.post(
            "/uk-norway/sources",
            files={"file": ("c.txt", b"Oslo, 1 May 2024: x.")},
            headers={"Origin": "http://127.0.0.1:8000", "Host": "127.0.0.1:8000"},
        )
    assert foreign.status_code == rebound.status_code == 403
    assert local.status_code == 201


@pytest.mark.parametrize("name", ["notes.txt", "Année 2024.md", "wire-12.TXT"])
def test_plain_seed_names_accepted(name):
    assert check_name(name) == name


@pytest.mark.parametrize(
    "name", ["", "  ", "a/b.txt", "../a.txt", "/abs.txt", "a\\b.txt", "bad\x00.txt", "x" * 300 + ".txt", " lead.txt"]
)
def test_unsafe_names_refused(name):
    with pytest.raises(UploadError):
        check_name(name)


def test_save_upload_is_atomic_and_keeps_existing_files(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    path = save_upload(seeds, "one.txt", b"first", 100)
    assert path.read_bytes() == b"first"
    with pytest.raises(UploadError) as exc:
        save_upload(seeds, "one.txt", b"second", 100)
    assert exc.value.status == 409 and path.read_bytes() == b"first"
    with pytest.raises(UploadError):
        save_upload(seeds, "two.txt", b"x" * 101, 100)
    assert sorted(p.name for p in seeds.iterdir()) == ["one.txt"]


# --------------------------------------------------------------------------- token and binding


def test_token_enforced_on_every_request(desk):
    with client_for(desk, token="s3cret-token", allow_upload=True) as client:
        for method, path in (
            ("GET", "/"),
            ("GET", "/healthz"),
            ("GET", "/uk-norway.pdf"),
            ("GET", "/uk-norway.json"),
            ("GET", "/uk-norway/sources"),
            ("POST", "/uk-norway/sources"),
        ):
            assert client.request(method, path).status_code == 401, path
            assert client.request(method, path, headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = client.get("/uk-norway.pdf", headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200 and ok.content.startswith(b"%PDF")
        link = client.get("/?token=s3cret-token", follow_redirects=False)
        assert link.status_code == 303 and link.headers["location"] == "/" and "token" not in link.headers["location"]
        assert "httponly" in link.headers["set-cookie"].lower()
        assert client.get("/").status_code == 200  # the cookie set by the link
        client.cookies.clear()
        assert client.get("/").status_code == 401
        assert client.get("/?token=wrong").status_code == 401


@pytest.mark.parametrize(
    "host,token,warned",
    [
        ("127.0.0.1", None, False),
        ("localhost", None, False),
        ("::1", None, False),
        ("0.0.0.0", None, True),
        ("192.168.1.20", None, True),
        ("0.0.0.0", "t", False),
    ],
)
def test_binding_beyond_this_machine_warns_without_a_token(host, token, warned):
    assert (bind_warning(host, token) is not None) == warned


def test_cli_without_the_serve_extra_says_what_to_install(tmp_path):
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "starlette.py").write_text("raise ImportError(\"No module named 'starlette'\", name='starlette')\n")
    env = {**os.environ, "PYTHONPATH": str(blocker)}
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "serve"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error: `briefing serve` needs starlette: pip install 'briefing[serve]'"
    ]
    build = subprocess.run(
        [sys.executable, "-m", "briefing", "--help"], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert build.returncode == 0 and "serve" in build.stdout


# --------------------------------------------------------------------------- a real server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """``briefing serve`` in a child process on 127.0.0.1; returns it and its base URL once it answers."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", "--root", str(root), "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/healthz", timeout=1)
            return proc, url
        except httpx.HTTPError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("server did not start: " + proc.communicate()[1])


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_real_server_serves_logs_and_stops_cleanly(desk, stop):
    proc, url = start_server(desk)
    try:
        assert httpx.get(url + "/").status_code == 200
        first = httpx.get(url + "/uk-norway.pdf", timeout=60)
        assert first.status_code == 200 and "a_gas_trade.txt" in text_of(first.content)
        assert httpx.get(url + "/uk-norway.pdf", headers={"If-None-Match": first.headers["etag"]}).status_code == 304
        (desk / "india-japan" / "seeds" / "c_osaka.txt").write_text(NEW_ARTICLE["india-japan"], encoding="utf-8")
        answers = []
        pending = threading.Thread(target=lambda: answers.append(httpx.get(url + "/india-japan.pdf", timeout=60)))
        pending.start()
        lock = desk / "india-japan" / "out" / ".briefing.pdf.lock"
        deadline = time.monotonic() + 30
        while not lock.exists() and time.monotonic() < deadline:  # its build has begun
            time.sleep(0.02)
        proc.send_signal(stop)
        _, err = proc.communicate(timeout=60)
        pending.join(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert answers and answers[0].status_code == 200  # the request in flight was finished, its build too
    assert "c_osaka.txt" in text_of(answers[0].content)
    assert answers[0].content == (desk / "india-japan" / "out" / "briefing.pdf").read_bytes()
    lines = err.splitlines()
    assert sum(" GET /uk-norway.pdf " in line for line in lines) == 2
    assert sum("build uk-norway: rebuilt" in line for line in lines) == 1
    assert sum("build india-japan: rebuilt" in line for line in lines) == 1
    assert lines[-1].endswith(" stopped")
    assert not [p for p in desk.rglob("*") if p.name.endswith(".tmp")]


def test_real_server_with_a_token_on_all_addresses(desk):
    proc, url = start_server(desk, "--host", "0.0.0.0", "--token", "t0ken")
    try:
        assert httpx.get(url + "/healthz").status_code == 401
        assert httpx.get(url + "/healthz", headers={"Authorization": "Bearer t0ken"}).status_code == 200
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "warning" not in err
