"""A real Chromium (Debian's `chromium` + `chromium-driver`, driven by Selenium) against
`tacitus serve` on a store coded from tests/data/web/corpus.jsonl. Each page's screenshot is
written to a temporary folder, or to docs/screenshots/ (the README's pictures) when
TACITUS_SCREENSHOTS=docs is set: a test run never changes the checkout.

Skips, saying why, when Chromium, its driver or Selenium is missing (.ci/run installs them).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from web_helpers import web_db  # noqa: F401  (fixture)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
DOCS_SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

pytestmark = pytest.mark.slow

selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[dev]')")
if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
    pytest.skip(f"Chromium or its driver is missing ({CHROMIUM}, {CHROMEDRIVER}); .ci/run installs Debian's chromium and chromium-driver", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("TACITUS_HOST", None)
    return env


@pytest.fixture(scope="module")
def server(web_db):  # noqa: F811
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tacitus", "serve", "--db", str(web_db), "--port", str(port)],
        env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"tacitus serve exited: {proc.stderr.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.terminate()
        pytest.fail("tacitus serve did not start within 30 s")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1360,940", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _shots_folder() -> Path:
    if os.environ.get("TACITUS_SCREENSHOTS") == "docs":
        return DOCS_SHOTS
    return Path(tempfile.gettempdir()) / "tacitus-screenshots"


def _shot(driver, name: str, max_height: int = 1500) -> None:
    """The page down to its end (at most `max_height` pixels), at the usual width."""
    shots = _shots_folder()
    shots.mkdir(parents=True, exist_ok=True)
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.set_window_size(1360, max(940, min(height + 140, max_height)))
    time.sleep(0.3)  # charts redraw on resize
    driver.save_screenshot(str(shots / f"{name}.png"))
    driver.set_window_size(1360, 940)


def _wait(driver, condition, timeout: float = 10):
    return WebDriverWait(driver, timeout).until(condition)


def test_search_finds_a_document(server, browser):
    browser.get(server + "/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("ceasefire")
    box.submit()
    _wait(browser, ec.url_contains("q=ceasefire"))
    links = browser.find_elements(By.CSS_SELECTOR, "li.result a.doc-link")
    assert [a.text for a in links] == ["Talks in Cairo"]
    assert "1 document" in browser.find_element(By.ID, "counts").text
    browser.get(server + "/")
    _shot(browser, "documents")


def test_article_highlights_an_actor_and_shows_evidence_on_click(server, browser):
    browser.get(server + "/doc?key=w01")
    spans = browser.find_elements(By.CSS_SELECTOR, "#doc-text .mention")
    israel = next(s for s in spans if s.text == "Israel")
    actor = israel.get_attribute("data-actor")
    assert israel.get_attribute("title").startswith("ISR · “Israeli”")  # the hover tooltip
    israel.click()
    active = browser.find_elements(By.CSS_SELECTOR, f'#doc-text .mention.active[data-actor="{actor}"], h1 .mention.active[data-actor="{actor}"]')
    assert len(active) == 3  # "Israeli" in the title, "Israel" twice in the text
    panel = browser.find_element(By.ID, "panel")
    assert "ISR" in panel.text and "“Israel”" in panel.text

    trigger = browser.find_element(By.CSS_SELECTOR, "#doc-text .trigger")
    trigger.click()
    evidence = _wait(browser, ec.visibility_of_element_located((By.CSS_SELECTOR, "#panel blockquote.evidence")))
    assert evidence.find_element(By.TAG_NAME, "mark").text == trigger.text
    assert "Goldstein" in panel.text and "rule" in panel.text and "modality" in panel.text
    _shot(browser, "article")


def test_hostile_script_is_shown_not_run(server, browser):
    browser.get(server + "/doc?key=w08")
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.title != "pwned"
    text = browser.find_element(By.ID, "doc-text").text
    assert "<script>window.__pwned = 1;" in text and '<img src=x onerror="window.__pwned = 2">' in text
    assert "<script>" in browser.find_element(By.ID, "doc-title").text
    browser.find_element(By.CSS_SELECTOR, "#doc-text .trigger").click()  # the panel writes text, never HTML
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    _shot(browser, "hostile")


def test_network_renders_actors_and_dyads(server, browser):
    browser.get(server + "/network")
    chart = _wait(browser, ec.presence_of_element_located((By.CSS_SELECTOR, "#network-chart svg")))
    _wait(browser, lambda d: len(chart.find_elements(By.TAG_NAME, "text")) > 5)
    labels = {t.text for t in chart.find_elements(By.TAG_NAME, "text")}
    assert {"ISR", "IRNGOV", "USA"} <= labels
    assert len(chart.find_elements(By.TAG_NAME, "path")) > 10  # nodes and edges
    _shot(browser, "network")


def test_timeline_renders_months_and_a_dyad(server, browser):
    browser.get(server + "/timeline?source=IRN&target=USA")
    chart = _wait(browser, ec.presence_of_element_located((By.CSS_SELECTOR, "#timeline-chart svg")))
    labels = {t.text for t in chart.find_elements(By.TAG_NAME, "text")}
    assert {"2024-01", "2024-02", "2024-03"} <= labels
    assert len(chart.find_elements(By.TAG_NAME, "path")) > 8  # bars are paths in the SVG renderer
    dyad = browser.find_element(By.CSS_SELECTOR, "#dyad-chart svg")
    assert "Goldstein sum" in {t.text for t in dyad.find_elements(By.TAG_NAME, "text")}
    _shot(browser, "timeline")


def test_actor_and_rejected_pages(server, browser):
    browser.get(server + "/actor?code=ISR")
    _wait(browser, ec.presence_of_element_located((By.CSS_SELECTOR, "#actor-chart svg")))
    framing = browser.find_element(By.ID, "framing").text
    assert "the Zionist regime" in framing and "Iran's foreign minister Abbas Araghchi" in framing
    _shot(browser, "actor")
    browser.get(server + "/rejected")
    assert "empty text" in browser.find_element(By.ID, "rejected").text
    _shot(browser, "rejected")


def test_server_refuses_a_non_local_bind_without_explicit_host(web_db):  # noqa: F811
    env = {**_env(), "TACITUS_HOST": "0.0.0.0"}
    done = subprocess.run([sys.executable, "-m", "tacitus", "serve", "--db", str(web_db), "--port", str(_free_port())], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2  # a usage error: one line, the way to fix it named
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("error: refusing to serve on 0.0.0.0 (from TACITUS_HOST): a non-local address needs an explicit --host")
