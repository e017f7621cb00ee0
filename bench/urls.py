"""The site's URLs and, first, a trivial view that answers the bytes of BENCH_BODY_FILE: the
fastest a Django view behind the site's middleware can answer the same page (bench/caches-http.sh).
"""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from website.urls import urlpatterns as site_urlpatterns

BODY = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()


def same_bytes(request):
    response = HttpResponse(BODY, content_type="text/html; charset=utf-8")
    # Never kept by the page cache: the view itself is measured on every request.
    response["Cache-Control"] = "no-cache"
    return response


urlpatterns = [path("bench/same-bytes/", same_bytes), *site_urlpatterns]
