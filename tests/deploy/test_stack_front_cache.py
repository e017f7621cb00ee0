"""The production stack's front cache (nginx's proxy cache, deploy/nginx/cache.conf.template):
public pages kept and purged on publish, restricted, personal and cookie-setting answers never
kept, and kept pages answered while gunicorn is down."""

import time
from urllib.parse import urljoin

import pytest
import requests

from tests.deploy.stack import (
    APP_PORT,
    MODERATOR_PASSWORD,
    PASSWORD,
    PORT,
    SECRET,
    cached_status,
    free,
    publish,
    stop_pid,
)

pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("stack")]


def app_requests(stack, path, at_least=0):
    """The lines of gunicorn's access log that asked for path.

    Gunicorn writes a line after it has sent the answer, so a client can read the log before
    the line of its own request is there. Wait until there are at least `at_least` lines and
    nothing new has come for half a second.
    """
    log = stack.folder / "gunicorn-access.log"

    def lines():
        return [
            line
            for line in log.read_text().splitlines()
            if f'"GET {path} ' in line or f'"HEAD {path} ' in line
        ]

    deadline = time.monotonic() + 10
    seen = lines()
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = lines()
        if now != seen:
            seen, quiet_since = now, time.monotonic()
        elif len(seen) >= at_least and time.monotonic() - quiet_since >= 0.5:
            break
    return seen


def test_a_page_is_answered_from_the_front_cache_without_gunicorn(stack, front_pages):
    path = front_pages["public"]["url"]
    first, status = cached_status(stack.base + path)
    assert first.status_code == 200 and status in ("MISS", "EXPIRED", "HIT")
    asked = len(app_requests(stack, path, at_least=0 if status == "HIT" else 1))
    for method in ("GET", "HEAD", "GET"):
        response = requests.request(method, stack.base + path, timeout=30)
        assert response.status_code == 200
        assert response.headers["X-Cache-Status"] == "HIT", method
    assert len(app_requests(stack, path)) == asked, "gunicorn was not asked again"
    # Public pages say so, for a limited time, to browsers and to nginx alike.
    assert first.headers["Cache-Control"] == "public, max-age=5"


def test_a_published_change_is_seen_through_the_front_cache_within_two_seconds(stack, front_pages):
    path = front_pages["public"]["url"]
    for _ in range(2):
        response, status = cached_status(stack.base + path)
    assert status == "HIT" and "Pirmais teksts." in response.text
    # The home page lists it too: it is purged with it.
    home, _ = cached_status(f"{stack.base}/lv/")
    home, home_status = cached_status(f"{stack.base}/lv/")
    assert home_status == "HIT"
    publish(stack, front_pages["public"]["id"], "Otrais teksts pēc publicēšanas.")
    published = time.monotonic()
    while True:
        response, status = cached_status(stack.base + path)
        if "Otrais teksts pēc publicēšanas." in response.text:
            break
        assert time.monotonic() - published < 2, f"still the old page ({status})"
        time.sleep(0.1)
    assert cached_status(f"{stack.base}/lv/")[1] != "HIT", "the home page was purged too"


def test_purges_come_only_from_the_loopback_purge_server(stack, front_pages):
    path = front_pages["public"]["url"]
    cached_status(stack.base + path)
    assert cached_status(stack.base + path)[1] == "HIT"
    # The public server never purges, whoever asks.
    refused = requests.request("PURGE", stack.base + path, timeout=30)
    assert refused.status_code == 405
    assert cached_status(stack.base + path)[1] == "HIT"
    # The purge server takes only PURGE.
    purge = f"http://127.0.0.1:{PORT + 2}"
    assert requests.get(purge + path, timeout=30).status_code == 405
    assert cached_status(stack.base + path)[1] == "HIT"
    assert requests.request("PURGE", purge + path, timeout=30).status_code == 200
    assert cached_status(stack.base + path)[1] == "MISS"


# Every way a reader could try to get a restricted or personal answer out of the cache.
TRIES = [
    ("GET", {}),
    ("HEAD", {}),
    ("GET", {"Range": "bytes=0-99"}),
    ("GET", {"Accept-Encoding": "gzip"}),
]


def never_cached(stack, path, expect_status):
    for query in ("", "?x=1"):
        for method, headers in TRIES + TRIES:  # twice: the second could have come from the cache
            response = requests.request(
                method,
                stack.base + path + query,
                headers=headers,
                timeout=30,
                allow_redirects=False,
            )
            assert response.status_code == expect_status, (method, headers, query)
            assert response.headers.get("X-Cache-Status") != "HIT", (method, headers, query)
            assert SECRET.decode() not in response.text


def test_restricted_pages_are_never_kept_by_the_front_cache(stack, front_pages):
    password = front_pages["password"]["url"]
    form = requests.get(stack.base + password, timeout=30)
    assert b'type="password"' in form.content
    assert "private" in form.headers["Cache-Control"] or "no-cache" in form.headers["Cache-Control"]
    never_cached(stack, password, 200)
    login = front_pages["login"]["url"]
    redirect = requests.get(stack.base + login, timeout=30, allow_redirects=False)
    assert "/login" in redirect.headers["Location"]
    never_cached(stack, login, 302)


def test_a_password_page_once_unlocked_is_not_served_to_others(stack, front_pages):
    path = front_pages["password"]["url"]
    session = requests.Session()
    form = session.get(stack.base + path, timeout=30)
    assert "Set-Cookie" in form.headers, "the form sets the CSRF cookie"
    token = form.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    action = form.text.split('class="password-form" action="', 1)[1].split('"', 1)[0]
    session.post(
        urljoin(stack.base + path, action),
        data={"csrfmiddlewaretoken": token, "password": PASSWORD, "return_url": path},
        headers={"Referer": stack.base + path},
        timeout=30,
    )
    unlocked = session.get(stack.base + path, timeout=30)
    assert "Pirmais teksts." in unlocked.text
    assert unlocked.headers["X-Cache-Status"] == "BYPASS"
    for method, headers in TRIES:
        anonymous = requests.request(method, stack.base + path, headers=headers, timeout=30)
        assert "Pirmais teksts." not in anonymous.text
        assert anonymous.headers.get("X-Cache-Status") != "HIT"


def test_an_editors_view_is_never_kept_nor_served_from_the_cache(stack, front_pages):
    path = front_pages["public"]["url"]
    editor = requests.Session()
    login = editor.get(f"{stack.base}/admin/login/", timeout=30)
    token = login.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    signed_in = editor.post(
        f"{stack.base}/admin/login/",
        data={
            "csrfmiddlewaretoken": token,
            "username": "kesa-moderatore",
            "password": MODERATOR_PASSWORD,
        },
        headers={"Referer": f"{stack.base}/admin/login/"},
        timeout=30,
    )
    assert "sessionid" in editor.cookies, signed_in.status_code
    # Purged, so that the editor's request would be the one to fill the cache.
    requests.request("PURGE", f"http://127.0.0.1:{PORT + 2}{path}", timeout=30)
    for method in ("GET", "HEAD", "GET"):
        seen = editor.request(method, stack.base + path, timeout=30)
        assert seen.status_code == 200
        assert seen.headers["X-Cache-Status"] == "BYPASS"
        assert "private" in seen.headers["Cache-Control"]
    assert "userbar" in editor.get(stack.base + path, timeout=30).text
    # A reader after the editor gets a page of their own, never the editor's.
    for _ in range(2):
        reader, status = cached_status(stack.base + path)
        assert "userbar" not in reader.text
    assert status == "HIT"
    # Any cookie at all, even only the CSRF one, and the cache is neither read nor filled.
    for cookies in ({"csrftoken": "x" * 32}, {"sessionid": "forged"}):
        response, status = cached_status(stack.base + path, cookies=cookies)
        assert status == "BYPASS"


def test_a_response_that_sets_a_cookie_is_never_kept(stack, front_pages):
    # The login page a restricted page sends to sets the CSRF cookie for every visitor.
    redirect = requests.get(
        stack.base + front_pages["login"]["url"], timeout=30, allow_redirects=False
    )
    login = urljoin(stack.base, redirect.headers["Location"])
    for _ in range(3):
        response, status = cached_status(login)
        assert response.status_code == 200
        assert "Set-Cookie" in response.headers
        assert status != "HIT"


def test_without_gunicorn_cached_pages_still_answer(stack, front_pages):
    path = front_pages["public"]["url"]
    cached_status(stack.base + path)
    assert cached_status(stack.base + path)[1] == "HIT"
    pid_file = stack.folder / "gunicorn.pid"
    stop_pid(pid_file)
    try:
        assert free(APP_PORT)
        time.sleep(6)  # past max-age: nginx must ask gunicorn, which is not there
        for _ in range(3):
            response, status = cached_status(stack.base + path)
            assert response.status_code == 200
            assert "Kešs public" in response.text
            assert status in ("STALE", "UPDATING")
        # A page nginx never kept gets the clear page at once.
        missing = requests.get(f"{stack.base}/lv/nav-kesa/", timeout=30)
        assert missing.status_code == 502
    finally:
        pid = stack.gunicorn(
            APP_PORT, GUNICORN_WORKERS="2", GUNICORN_ERROR_LOG=str(stack.folder / "gunicorn.log")
        )
        pid.rename(pid_file)  # run-local stop stops it
