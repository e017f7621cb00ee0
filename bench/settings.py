"""Production settings plus one trivial view (bench/urls.py), for bench/caches-http.sh only."""

from website.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
