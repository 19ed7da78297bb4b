"""briefing serve in a real browser: Debian's chromium, headless, driven by Selenium through chromedriver.

`make test` installs chromium and chromium-driver (`make browser-deps`, `.ci/run`), so a missing
browser fails this test rather than skipping it.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from conftest import flat, pdf_text
from test_serve import NEW_ARTICLE, make_desk, start_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1200,800",
)


def browser(downloads: Path) -> webdriver.Chrome:
    """Headless chromium that saves PDFs to ``downloads`` instead of showing them."""
    assert CHROMIUM.exists() and CHROMEDRIVER.exists(), "chromium and chromium-driver missing: run `make browser-deps`"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "plugins.always_open_pdf_externally": True,
        },
    )
    return webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))


def wait_for_download(folder: Path, count: int, timeout: float = 60) -> bytes:
    """The newest download once ``count`` PDFs are there in full.

    chromium may show the final name (empty) before the ``.crdownload`` file is renamed onto it,
    so a download is done only when no ``.crdownload`` is left and the file ends as a PDF ends.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.suffix == ".pdf"]
        if len(done) >= count and not list(folder.glob("*.crdownload")):
            data = max(done, key=lambda p: p.stat().st_mtime_ns).read_bytes()
            if data.rstrip().endswith(b"%%EOF"):
                return data
        time.sleep(0.1)
    raise AssertionError(f"no download in {folder}: {sorted(p.name for p in folder.iterdir())}")


def test_browser_opens_the_page_follows_the_pdf_link_and_uploads_a_source(tmp_path):
    desk = make_desk(tmp_path / "desk")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    upload = tmp_path / "c_bergen.txt"
    upload.write_text(NEW_ARTICLE["uk-norway"], encoding="utf-8")
    proc, url = start_server(desk, "--allow-upload")
    driver = browser(downloads)
    try:
        driver.set_page_load_timeout(60)
        driver.get(url + "/")
        assert driver.title == "Briefs"
        row = driver.find_element(By.ID, "brief-uk-norway")
        assert "not built yet" in row.text

        row.find_element(By.CSS_SELECTOR, "a.pdf").click()
        first = wait_for_download(downloads, 1)
        text = flat(pdf_text(first))
        assert "b_oslo_note.txt" in text and "c_bergen.txt" not in text

        driver.get(url + "/")
        row = driver.find_element(By.ID, "brief-uk-norway")
        assert "current" in row.text
        row.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(upload))
        row.find_element(By.CSS_SELECTOR, "form.upload button").click()
        notice = WebDriverWait(driver, 60).until(  # the click does not wait for the next page
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "p.notice"))
        )
        assert "Uploaded uk-norway/c_bergen.txt" in notice.text
        assert (desk / "uk-norway" / "seeds" / "c_bergen.txt").read_text(encoding="utf-8") == NEW_ARTICLE["uk-norway"]

        driver.find_element(By.ID, "brief-uk-norway").find_element(By.CSS_SELECTOR, "a.pdf").click()
        second = wait_for_download(downloads, 2)
        text = flat(pdf_text(second, "-raw"))  # drawing order: a citation follows its sentence
        listed = re.search(r"\[(\d+)\][^\[]*c_bergen\.txt", text.split("Sources [1]")[-1])
        assert listed, "the new file is not in the sources list"
        assert (
            "offshore wind research centre in Bergen on Monday, with forty scientists from universities in both "
            f"countries. [{listed.group(1)}]"
        ) in text  # cited by its number
    finally:
        driver.quit()
        proc.terminate()
        proc.communicate(timeout=30)
