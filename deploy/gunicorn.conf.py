"""gunicorn's settings for the portal (`gunicorn -c deploy/gunicorn.conf.py website.wsgi`).

Sync workers: nginx buffers requests and answers (slow clients never hold a worker) and sends
files itself after the site's access check (X-Accel-Redirect), so no worker streams a file.
Environment: GUNICORN_BIND (127.0.0.1:8000), GUNICORN_WORKERS (2 per core + 1),
GUNICORN_TIMEOUT (30 s: a request that takes longer is cut off and its worker replaced).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (spread out), so no slow leak can grow.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this machine talks to gunicorn.
forwarded_allow_ips = "127.0.0.1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
