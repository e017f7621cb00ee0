"""How tall the section listings are on the demo site, in CSS pixels, at 1280 and 360 px wide.

    python -m bench.listing_heights                 # this checkout
    python -m bench.listing_heights /path/to/other  # another checkout (e.g. main), same venv
    SCREENSHOTS=/tmp/shots python -m bench.listing_heights   # also full-page PNGs there

Builds the demo site (migrate + load_demo_content) on SQLite in a temporary folder, serves it
with runserver and reads document.documentElement.scrollHeight of each listing in Debian's
Chromium (the browser tests' launch options). A list that reads like a programme is shorter
than one of narrow cards; the numbers go in the note, not in a timed assertion.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

LISTINGS = [
    "/lv/pasakumi/",
    "/lv/metodikas/",
    "/lv/petijumi/",
    "/lv/raidieraksts/",
    "/lv/socialais-darbs-latvija/",
    "/en/events/",
    "/en/methodologies/",
    "/en/research/",
    "/en/podcast/",
    "/en/social-work-in-latvia/",
]
WIDTHS = (1280, 360)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(project, folder):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "SITE_URL": f"http://127.0.0.1:{port}",
    }
    for name in ("REDIS_URL", "ELASTICSEARCH_URL", "SEARCH_ENGINE_URL", "EMAIL_URL"):
        env.pop(name, None)
    manage = [sys.executable, str(project / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["load_demo_content"]):
        subprocess.run([*manage, *command], cwd=project, env=env, check=True, capture_output=True)
    log = open(folder / "server.log", "w")
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/robots.txt", timeout=2)
            return base, server
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                log = folder / "server.log"
                raise RuntimeError(f"the demo server did not start; see {log}") from None
            time.sleep(0.3)


def heights(base):
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    shots = os.environ.get("SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 800})
            tab = context.new_page()
            for url in LISTINGS:
                response = tab.goto(base + url, wait_until="load")
                height = tab.evaluate("document.documentElement.scrollHeight")
                if shots:
                    name = url.strip("/").replace("/", "-")
                    tab.screenshot(path=f"{shots}/{name}-{width}.png", full_page=True)
                rows.append((url, width, response.status, height))
            context.close()
        browser.close()
    return rows


def main():
    here = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(here))
    project = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else here
    with tempfile.TemporaryDirectory() as tmp:
        base, server = serve(project, Path(tmp))
        try:
            rows = heights(base)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{'listing':<22} {'width':>5} {'status':>6} {'height px':>9}")
    for url, width, status, height in rows:
        print(f"{url:<22} {width:>5} {status:>6} {height:>9}")


if __name__ == "__main__":
    main()
