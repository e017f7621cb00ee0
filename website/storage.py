"""Media on S3-compatible object storage, behind the site's access check (website.files).

The bucket stays private. Every file's address is the site's own (/media/… for images and
renditions, /documents/… for documents), so every request is checked by website.files first;
an allowed one is sent on to the bucket with a short-lived signed link (`signed_url`), and the
object storage answers Range and slow clients itself. Nothing on the way reads the file.

When the object storage does not answer, every operation raises StorageUnavailable, an
OSError as a failing disk's would be: reading an image's file is then reported by Wagtail as
SourceImageIOError, and pages leave the picture out (website.templatetags.site_images); any
other request that needed the storage (an upload, a deletion) gets a 503 page that says so
(StorageUnavailableMiddleware), not a 500. The client's timeouts and retries are in the
settings (website.settings.media_storage): nobody waits long.
"""

import functools
import logging

from botocore.exceptions import BotoCoreError
from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

logger = logging.getLogger(__name__)


class StorageUnavailable(OSError):
    """The object storage did not answer (refused, timed out, or the connection broke)."""


def _reported(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except BotoCoreError as error:
            # botocore's own errors: connecting, reading, the connection closed. Answers of
            # the storage (ClientError: missing object, access denied) are not among them.
            raise StorageUnavailable(f"The media storage did not answer: {error}") from error

    return wrapper


class S3MediaStorage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        """The site's own address of the file: the bucket is never linked directly."""
        return settings.MEDIA_URL + filepath_to_uri(clean_name(name).lstrip("/"))

    def signed_url(self, name, *, expire, parameters=None):
        """A link to the object that works for `expire` seconds, with the response headers
        given in `parameters` (ResponseContentType, ResponseContentDisposition)."""
        # django-storages' own link: signed (AWS_QUERYSTRING_AUTH) and to the bucket itself (no
        # custom domain is configured, website.settings.media_storage).
        return super().url(name, parameters=parameters, expire=expire)

    _open = _reported(S3Storage._open)
    _save = _reported(S3Storage._save)
    delete = _reported(S3Storage.delete)
    exists = _reported(S3Storage.exists)
    size = _reported(S3Storage.size)
    listdir = _reported(S3Storage.listdir)
    get_modified_time = _reported(S3Storage.get_modified_time)


class StorageUnavailableMiddleware:
    """A request that needed the media storage while it was down: a 503 page saying so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StorageUnavailable):
            return None
        logger.error("%s %s: %s", request.method, request.path, exception)
        response = TemplateResponse(request, "website/storage_unavailable.html", status=503)
        response["Retry-After"] = "120"
        response["Cache-Control"] = "no-store"
        return response
