"""Take docs/serve.png: the `briefing serve` page in headless chromium, as the browser test drives it.

Run from the repository root after `make test` has installed chromium: `.venv/bin/python tools/serve_screenshot.py`.
Three briefs: the example seeds and two test fixtures, one of them changed since its last build.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_serve import NEW_ARTICLE, make_desk, start_server  # noqa: E402 (tests/ joins the path above)
from test_serve_browser import browser  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        desk = make_desk(Path(tmp) / "desk")
        shutil.copytree(ROOT / "seeds", desk / "example" / "seeds")
        proc, url = start_server(desk, "--allow-upload")
        driver = browser(Path(tmp))
        try:
            for name in ("example", "uk-norway", "india-japan"):
                httpx.get(f"{url}/{name}.pdf", timeout=120).raise_for_status()
            (desk / "india-japan" / "seeds" / "c_osaka.txt").write_text(NEW_ARTICLE["india-japan"], encoding="utf-8")
            driver.set_window_size(1280, 600)
            driver.get(url + "/")
            driver.save_screenshot(str(ROOT / "docs" / "serve.png"))
        finally:
            driver.quit()
            proc.terminate()
            proc.communicate(timeout=30)


if __name__ == "__main__":
    main()
