"""Serving documents with byte ranges.

Browsers and podcast apps seek in audio with Range requests and expect "206 Partial Content";
download managers resume PDFs the same way. Wagtail's document view (which checks collection
view restrictions and sends the document_served signal) answers whole files only, so this view
lets it decide whether the file may be served and then answers the requested range itself.
"""

import re

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK_SIZE = 64 * 1024
COPIED_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "ETag",
    "Last-Modified",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Access-Control-Allow-Origin",
)


def parse_range(header, size):
    """(start, end) inclusive for a single satisfiable range; None to send the whole file.

    Raises ValueError for a range that cannot be satisfied. Multiple ranges are answered with
    the whole file, which RFC 9110 allows.
    """
    match = RANGE_RE.match(header.strip())
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0:
            raise ValueError("empty suffix range")
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        raise ValueError("range outside the file")
    return start, end


def _read(file, start, length):
    with file.open("rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def _discard(response):
    """Close the file behind a response that is replaced by a partial one.

    Not with response.close(): that also sends request_finished, which closes the request's
    database connection in the middle of the request.
    """
    for close in response._resource_closers:
        close()
    response._resource_closers.clear()


def _fix_headers(response, document_id):
    """Wagtail writes Python's None as the Content-Encoding of files that have none. Web
    players load captions from other sites: a WebVTT file may be read from any origin, but
    only when no collection restriction applies to it (then never, signed in or not)."""
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    if response.get("Content-Type", "").startswith("text/vtt"):
        document = get_document_model().objects.select_related("collection").get(id=document_id)
        if not document.collection.get_view_restrictions().exists():
            response["Access-Control-Allow-Origin"] = "*"


def serve(request, document_id, document_filename):
    response = wagtail_serve(request, document_id, document_filename)
    if response.status_code != 200:
        return response
    _fix_headers(response, document_id)
    response["Accept-Ranges"] = "bytes"
    range_header = request.headers.get("Range")
    if not range_header or request.method not in ("GET", "HEAD"):
        return response
    if_range = request.headers.get("If-Range")
    if if_range and if_range != response.get("ETag"):
        return response

    document = get_object_or_404(get_document_model(), id=document_id)
    size = document.file.size
    try:
        byte_range = parse_range(range_header, size)
    except ValueError:
        _discard(response)
        unsatisfiable = HttpResponse(status=416)
        unsatisfiable["Content-Range"] = f"bytes */{size}"
        return unsatisfiable
    if byte_range is None:
        return response

    _discard(response)
    start, end = byte_range
    length = end - start + 1
    partial = StreamingHttpResponse(_read(document.file, start, length), status=206)
    for header in COPIED_HEADERS:
        if header in response:
            partial[header] = response[header]
    partial["Content-Range"] = f"bytes {start}-{end}/{size}"
    partial["Content-Length"] = str(length)
    partial["Accept-Ranges"] = "bytes"
    return partial
