"""The production stack with a dependency hung or down: a hung PostgreSQL or Redis, no
gunicorn behind nginx, and the stack's own PostgreSQL stopped and started again."""

import os
import subprocess
import time

import pytest
import requests

from tests.deploy.stack import (
    APP_PORT,
    NGINX,
    PORT,
    PRIVATE_POSTGRES,
    ROOT,
    SMTP_PORT,
    cached_status,
    free,
    request_password_reset,
    stop_pid,
    timed_get,
)
from tests.smtp import SMTPServer

pytestmark = [pytest.mark.stack, pytest.mark.xdist_group("stack")]


def test_a_hung_postgresql_cached_pages_answer_and_the_rest_fail_fast(stack, hung_server):
    # Pages already in the shared page cache (Redis)…
    assert requests.get(f"{stack.base}/lv/", timeout=30).status_code == 200
    port = APP_PORT + 10
    pid = stack.gunicorn(
        port,
        DATABASE_URL=f"postgres://postgres:postgres@127.0.0.1:{hung_server.port}/stack",
        GUNICORN_TIMEOUT="30",
    )
    try:
        app = f"http://127.0.0.1:{port}"
        # The worker's first request loads the site; robots.txt needs no database.
        assert requests.get(f"{app}/robots.txt", timeout=30).status_code == 200
        cached, seconds = timed_get(f"{app}/lv/", headers={"Host": "127.0.0.1"})
        assert cached.status_code == 200 and cached.headers["X-Page-Cache"] == "hit"
        assert seconds < 2
        # …the others get the site's own error page after DATABASE_CONNECT_TIMEOUT (3 s), not
        # gunicorn's after its worker timeout (30 s).
        failed, seconds = timed_get(f"{app}/lv/meklet/?q=nav-kese", headers={"Host": "127.0.0.1"})
        assert failed.status_code == 500
        assert "Radās kļūda" in failed.text
        assert seconds < 10
    finally:
        stop_pid(pid)


def test_a_hung_redis_pages_are_rendered_without_waiting(stack, hung_server):
    port = APP_PORT + 11
    pid = stack.gunicorn(port, REDIS_URL=f"redis://127.0.0.1:{hung_server.port}/0")
    try:
        app = f"http://127.0.0.1:{port}"
        for path in ("/lv/", "/en/", "/lv/par-portalu/"):
            response, seconds = timed_get(app + path, headers={"Host": "127.0.0.1"})
            assert response.status_code == 200, path
            assert seconds < 10, path
    finally:
        stop_pid(pid)


def test_without_gunicorn_nginx_answers_at_once_with_a_clear_page(stack, tmp_path):
    """The same locations in front of an address where nothing listens."""
    closed = APP_PORT + 15  # not PORT + 13, where this nginx listens
    assert free(closed)
    listen = PORT + 13
    env = {
        **os.environ,
        **stack.env,
        "LISTEN": f"127.0.0.1:{listen}",
        "APP_ADDRESS": f"127.0.0.1:{closed}",
        "PURGE_LISTEN": f"127.0.0.1:{PORT + 14}",
    }
    subprocess.run(["deploy/render-nginx", "local", str(tmp_path)], cwd=ROOT, env=env, check=True)
    conf = ["-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "e.log")]
    subprocess.run([NGINX, *conf], check=True)
    try:
        for _ in range(50):
            if not free(listen):
                break
            time.sleep(0.1)
        response, seconds = timed_get(f"http://127.0.0.1:{listen}/lv/")
        assert response.status_code == 502
        assert "Sociālā darba portāls īslaicīgi nav pieejams" in response.text
        assert response.headers["Cache-Control"] == "no-store"
        assert seconds < 5
    finally:
        subprocess.run([NGINX, *conf, "-s", "quit"], check=False)


def test_with_postgresql_stopped_cached_pages_answer_the_rest_fail_fast_then_recover(
    stack, front_pages
):
    if not PRIVATE_POSTGRES:
        pytest.skip("the stack runs on the shared PostgreSQL (STACK_PRIVATE_POSTGRES=0)")
    path = front_pages["public"]["url"]
    for page in (path, "/lv/"):
        cached_status(stack.base + page)
        # nginx keeps a copy: answered from it (UPDATING: a copy past its 5 s max-age on a busy
        # machine, answered while gunicorn is asked for a fresh one).
        assert cached_status(stack.base + page)[1] in ("HIT", "UPDATING")
    stack.run_local("pg-stop")
    try:
        # Within max-age nginx answers on its own; past it, it must ask gunicorn, which cannot
        # reach the database: the kept copy still answers.
        for pause in (0, 6):
            time.sleep(pause)
            for page, text in ((path, "Kešs public"), ("/lv/", "Sociālā darba portāls")):
                (response, status), seconds = timed(cached_status, stack.base + page)
                assert response.status_code == 200, (page, pause)
                assert text in response.text
                assert status in ("HIT", "STALE", "UPDATING", "EXPIRED"), (page, status)
                assert seconds < 2, page
        # What nginx never kept gets the site's error page at once (refused: no timeout).
        for uncached in ("/lv/meklet/?q=bez-datubazes", "/lv/nav-kesa-bez-datubazes/"):
            response, seconds = timed_get(stack.base + uncached)
            assert response.status_code == 500, uncached
            assert "Radās kļūda" in response.text
            assert response.headers.get("X-Cache-Status") != "HIT"
            assert seconds < 5, uncached
    finally:
        stack.run_local("pg-start")
    # Back: pages render again (the first request may still meet a broken pooled connection)…
    deadline = time.monotonic() + 30
    while True:
        response = requests.get(f"{stack.base}/lv/meklet/?q=ar-datubazi", timeout=30)
        if response.status_code == 200:
            break
        assert time.monotonic() < deadline, response.status_code
        time.sleep(0.5)
    assert requests.get(f"{stack.base}/lv/nav-kesa-bez-datubazes/", timeout=30).status_code == 404
    # …and the worker, which exited with the database, runs again (as systemd restarts it):
    # a mail asked for now is sent.
    with SMTPServer(port=SMTP_PORT) as sink:
        response, _seconds = request_password_reset(stack, "kesa@example.lv")
        assert response.status_code == 302
        with sink.inbox.arrived:
            assert sink.inbox.arrived.wait_for(lambda: sink.inbox.messages, timeout=30)
    assert "the worker stopped" in (stack.folder / "worker.log").read_text()


def timed(function, *args, **kwargs):
    started = time.monotonic()
    result = function(*args, **kwargs)
    return result, time.monotonic() - started
