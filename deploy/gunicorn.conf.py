"""gunicorn's settings for the portal (`gunicorn -c deploy/gunicorn.conf.py website.wsgi`).

Sync workers: nginx buffers requests and answers (slow clients never hold a worker) and sends
files itself after the site's access check (X-Accel-Redirect), so no worker streams a file.
Environment: GUNICORN_BIND (127.0.0.1:8000), GUNICORN_WORKERS (2 per core + 1),
GUNICORN_TIMEOUT (30 s: a request that takes longer is cut off and its worker replaced),
GUNICORN_WARM_PATHS (/lv/ /en/: asked by each new worker of itself before it takes requests;
what they loaded is then frozen out of the garbage collector's walks, website.memory).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (spread out), so no slow leak can grow. Not
# more often, and far apart: at 350 requests a second (pages from the cache) 2000 ± 200 replaced
# both workers every ten seconds or so, close together, and a worker takes seconds to start, so
# nobody answered for up to 4.5 s (p99 of the pages 4.4 s in bench/load.sh, 0.13 s without).
max_requests = 20000
max_requests_jitter = 10000
# Only nginx on this machine talks to gunicorn.
forwarded_allow_ips = "127.0.0.1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")


def post_worker_init(worker):
    """A new worker answers GUNICORN_WARM_PATHS (/lv/ /en/) to itself before it takes requests.

    Django loads the URLs, middleware and templates on a worker's first request, which took one
    to four seconds under load: with workers replaced now and then (max_requests), that was the
    p99 of the pages (bench/load.sh). A failure here (a database that is down) is only logged.
    """
    import io
    from urllib.parse import urlsplit

    from django.conf import settings

    from website import memory

    site = urlsplit(settings.SITE_URL or "http://127.0.0.1")
    for path in os.environ.get("GUNICORN_WARM_PATHS", "/lv/ /en/").split():
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": site.hostname,
            "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": site.netloc,
            "HTTP_X_FORWARDED_PROTO": site.scheme,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": site.scheme,
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        answered = []
        try:
            body = worker.wsgi(
                environ, lambda status, headers, *_, seen=answered: seen.append(status)
            )
            for _ in body:
                pass
            getattr(body, "close", lambda: None)()
        except Exception as error:  # noqa: BLE001 - warming is optional; requests will tell
            worker.log.warning("Warming %s failed: %s", path, error)
        else:
            worker.log.debug("Warmed %s: %s", path, answered[0] if answered else "?")
    # What the warm requests loaded stays for the worker's life: out of the collector's walks.
    memory.settle()
