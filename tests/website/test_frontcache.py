"""The front cache's purge, in process (the stack test checks it through real nginx): the keys
nginx keeps are noted, all purged after a change commits, and a purge server that is down costs
one attempt, not one per kept page."""

import http.server
import socket
import threading

import pytest

from tests.utils import add_page
from website import frontcache
from website.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def purge_server():
    """A loopback server that records the PURGE requests it gets."""
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def use(settings, location):
    settings.PAGE_CACHE_SECONDS = 600
    settings.SITE_URL = "https://socialais-darbs.example.lv"
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {"BACKEND": "website.frontcache.PurgeBackend", "LOCATION": location}
    }


def test_every_kept_page_is_purged_once_a_change_commits(
    settings, client, site_tree, purge_server, django_capture_on_commit_callbacks
):
    location, received = purge_server
    use(settings, location)
    page = add_page(site_tree["lv"], StandardPage, title="Metodika", slug="metodika")
    for path in ("/lv/", "/lv/metodika/"):
        assert client.get(path, HTTP_X_FRONT_CACHE_KEY=path).status_code == 200
    # A request nginx may not keep (it sends no key) is not noted.
    client.get("/en/")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.title = "Metodika (labota)"
        page.save_revision().publish()
    assert received == []  # not before the commit
    for callback in callbacks:
        callback()
    assert sorted(path for _host, path in received) == ["/lv/", "/lv/metodika/"]
    assert {host for host, _path in received} == {"socialais-darbs.example.lv"}

    # Purged keys are forgotten: the next change purges only what was kept again.
    received.clear()
    client.get("/lv/", HTTP_X_FRONT_CACHE_KEY="/lv/")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert [path for _host, path in received] == ["/lv/"]


def test_a_key_not_an_address_is_not_noted(settings, client, site_tree, purge_server):
    location, received = purge_server
    use(settings, location)
    client.get("/lv/", HTTP_X_FRONT_CACHE_KEY="http://elsewhere.example/")
    frontcache.purge_all()
    assert received == []


def test_a_purge_server_that_is_down_costs_one_attempt(settings, caplog):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    backend = frontcache.PurgeBackend({"LOCATION": f"http://127.0.0.1:{port}"})
    attempts = []
    purge = backend.purge

    def counting(url):
        attempts.append(url)
        return purge(url)

    backend.purge = counting
    backend.purge_batch([f"https://socialais-darbs.example.lv/lv/{n}/" for n in range(50)])
    assert len(attempts) == 1
    assert "purge stopped" in caplog.text
