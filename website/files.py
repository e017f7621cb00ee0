"""Uploaded files — documents and images — served with their access rules, on every path.

Who may have a file:
- its collection's view restrictions (password, login, groups; a parent collection's too) apply
  to documents as Wagtail applies them, and here to images, their renditions and originals too;
- a file used only by pages nobody may see follows those pages: used only by restricted pages,
  it asks what they ask; used only by unpublished pages, it is shown to editors only. A file
  that a live public page uses, or that no page uses (a logo, a person's photo, a file linked
  from elsewhere), is public. "Uses" is what Wagtail's reference index records of live content.

Every request is checked before anything of the file is read, whatever its method, Range,
If-Range or conditional headers: a refused request gets the password form, the login page or
404, never a byte of the file, a 206, a 304 or a hand-off to the web server.

A file that may be served is sent by `send`: in production handed to nginx (X-Accel-Redirect,
MEDIA_ACCEL_REDIRECT) or to the object storage (a short-lived signed redirect), which answer
Range and slow clients themselves; otherwise streamed here, with Range, If-Range and
conditional requests answered.
"""

import mimetypes
import re
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header, http_date, parse_http_date_safe
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.images import get_image_model
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    ReferenceIndex,
)

from website.cache import Versioned

CHUNK_SIZE = 64 * 1024
RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
# How long browsers and proxies may keep a public file; files change name when replaced.
PUBLIC_MAX_AGE = 60 * 60
PUBLIC_FILES = Versioned("files", 10 * 60)


# Who may have it --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    """The verdict on one request for one file: refused (with the answer to give), or allowed."""

    refusal: HttpResponse | None = None
    public: bool = False

    @property
    def allowed(self):
        return self.refusal is None


def access(request, obj):
    """May this request have the file of `obj` (a document or an image)?"""
    collection_refusal = _collection_refusal(request, obj.collection)
    if collection_refusal is not None:
        return Access(refusal=collection_refusal)
    restricted = _collection_is_restricted(obj.collection)
    if _used_publicly(obj):
        return Access(public=not restricted)
    # Used only by pages the public cannot see.
    if _is_editor(request.user):
        return Access()
    pages = list(_using_pages(obj).live().specific(defer=True))
    for page in pages:
        if all(r.accept_request(request) for r in page.get_view_restrictions()):
            return Access()
    if not pages:
        raise Http404("Only unpublished pages use this file.")
    return Access(refusal=_page_refusal(request, pages[0]))


def restricted_collection_ids():
    """Ids of the collections behind a view restriction, their own or an ancestor's."""
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    condition = Q()
    for path in set(paths):
        condition |= Q(path__startswith=path)
    if not condition:
        return set()
    return set(Collection.objects.filter(condition).values_list("pk", flat=True))


def _is_editor(user):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def _collection_is_restricted(collection):
    return collection.get_view_restrictions().exists()


def _collection_refusal(request, collection):
    for restriction in collection.get_view_restrictions():
        if not restriction.accept_request(request):
            action = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
            return _restriction_response(request, restriction, action)
    return None


def _page_refusal(request, page):
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            action = reverse(
                "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
            )
            return _restriction_response(request, restriction, action, page=page)
    raise PermissionDenied


def _restriction_response(request, restriction, action_url, page=None):
    if restriction.restriction_type == BaseViewRestriction.PASSWORD:
        form = PasswordViewRestrictionForm(
            instance=restriction, initial={"return_url": request.get_full_path()}
        )
        if page is not None:
            response = page.serve_password_required_response(request, form, action_url)
        else:
            response = TemplateResponse(
                request,
                settings.WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE,
                {"form": form, "action_url": action_url},
            )
    elif request.user.is_authenticated:
        # Logged in, but not in the groups the restriction names.
        raise PermissionDenied
    else:
        response = redirect(
            f"{reverse('wagtailcore_login')}?next={quote(request.get_full_path(), safe='/')}"
        )
    patch_cache_control(response, private=True, no_store=True)
    return response


def _using_pages(obj):
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(pk__in=[int(pk) for pk in ids])


def _used_publicly(obj):
    """No page uses it, something other than a page does, or a live public page does.

    The answer depends on content only, so it is kept until content changes (website.cache:
    view restrictions are content too)."""
    return PUBLIC_FILES.get_or_build(lambda: _find_public_use(obj), obj._meta.label_lower, obj.pk)


def _find_public_use(obj):
    page_type = ContentType.objects.get_for_model(Page)
    references = set(
        ReferenceIndex.get_references_to(obj).values_list("base_content_type_id", "object_id")
    )
    if not references or any(kind != page_type.pk for kind, _pk in references):
        return True
    return _using_pages(obj).live().public().exists()


# Sending it -------------------------------------------------------------------------------------


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


def send(request, fieldfile, *, access, content_type=None, filename=None, inline=True, headers=()):
    """The response that delivers this stored file to a request that `access` allowed."""
    if not access.allowed:
        raise ValueError("send() is only for allowed requests")
    content_type = content_type or mimetypes.guess_type(fieldfile.name)[0]
    content_type = content_type or "application/octet-stream"
    storage, name = fieldfile.storage, fieldfile.name
    try:
        path = storage.path(name)
    except NotImplementedError:
        path = None
    if path is None:
        return _signed_redirect(storage, name, access, content_type, filename, inline)
    try:
        size = storage.size(name)
        modified = storage.get_modified_time(name)
    except (FileNotFoundError, OSError) as error:
        raise Http404("The file is missing from storage.") from error

    response_headers = {
        "Content-Type": content_type,
        "Content-Disposition": content_disposition_header(
            not inline, filename or name.rsplit("/", 1)[-1]
        ),
        "X-Content-Type-Options": "nosniff",
        **dict(headers),
    }
    accel = getattr(settings, "MEDIA_ACCEL_REDIRECT", "")
    if accel:
        # nginx sends the bytes, with Range, conditional requests and slow clients its job.
        response = HttpResponse(headers=response_headers)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + quote(name)
        _cache_headers(response, access)
        return response

    timestamp = int(modified.timestamp())
    # The same form as nginx's ETag, so that a client's validator survives a change of server.
    etag = f'"{timestamp:x}-{size:x}"'
    response_headers.update(
        {"ETag": etag, "Last-Modified": http_date(timestamp), "Accept-Ranges": "bytes"}
    )
    if _not_modified(request, etag, timestamp):
        response = HttpResponseNotModified(headers={"ETag": etag})
        _cache_headers(response, access)
        return response

    start, end, status = 0, size - 1, 200
    range_header = request.headers.get("Range")
    if range_header and size and _if_range_holds(request, etag, timestamp):
        try:
            byte_range = parse_range(range_header, size)
        except ValueError:
            response = HttpResponse(status=416, headers={"Content-Range": f"bytes */{size}"})
            _cache_headers(response, access)
            return response
        if byte_range is not None:
            (start, end), status = byte_range, 206
            response_headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    length = max(0, end - start + 1)
    response_headers["Content-Length"] = str(length)
    if request.method == "HEAD":
        response = HttpResponse(status=status, headers=response_headers)
        # HttpResponse would count its empty body; HEAD tells the length of what GET sends.
        response["Content-Length"] = str(length)
    else:
        response = StreamingHttpResponse(
            _read(storage, name, start, length), status=status, headers=response_headers
        )
    _cache_headers(response, access)
    return response


def _read(storage, name, start, length):
    with storage.open(name, "rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def _not_modified(request, etag, timestamp):
    if request.method not in ("GET", "HEAD"):
        return False
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
    return since is not None and timestamp <= since


def _if_range_holds(request, etag, timestamp):
    """A Range applies when there is no If-Range or it names the current version exactly."""
    if_range = request.headers.get("If-Range")
    if not if_range:
        return True
    if_range = if_range.strip()
    if if_range.startswith('"'):
        return if_range == etag
    return parse_http_date_safe(if_range) == timestamp


def _cache_headers(response, access):
    if access.public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        # A file behind a restriction is kept by nobody but the browser that was let in.
        patch_cache_control(response, private=True, no_cache=True)
        response["Vary"] = "Cookie"


def _signed_redirect(storage, name, access, content_type, filename, inline):
    """Object storage answers Range itself: send the client there with a short-lived link.

    Signing is done here, without asking the storage anything: the file is neither read nor
    looked up. The redirect is kept no longer than the link works: a public one by anyone for
    half its life (so that a page's pictures are not fetched anew at every view), a
    restricted one by nobody.
    """
    seconds = settings.MEDIA_SIGNED_URL_SECONDS
    parameters = {
        "ResponseContentType": content_type,
        "ResponseContentDisposition": content_disposition_header(
            not inline, filename or name.rsplit("/", 1)[-1]
        ),
    }
    sign = getattr(storage, "signed_url", None)
    if sign is not None:
        url = sign(name, parameters=parameters, expire=seconds)
    else:
        url = storage.url(name, parameters=parameters, expire=seconds)
    response = redirect(url)
    if access.public:
        patch_cache_control(response, public=True, max_age=seconds // 2)
    else:
        patch_cache_control(response, private=True, no_store=True)
        response["Vary"] = "Cookie"
    return response


# The views -----------------------------------------------------------------------------------


@require_safe
def serve_document(request, document_id, document_filename):
    """Wagtail's document address, /documents/<id>/<filename>, with the rules above."""
    document_model = get_document_model()
    document = get_object_or_404(
        document_model.objects.select_related("collection"), pk=document_id
    )
    if document.filename != document_filename:
        raise Http404("This document does not match the given filename.")
    verdict = access(request, document)
    if not verdict.allowed:
        return verdict.refusal
    document_served.send(sender=document_model, instance=document, request=request)
    inline = document.content_type in getattr(
        settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ["application/pdf", "text/plain"]
    )
    # A document is never a page of this site: nothing in it may run (Wagtail's default).
    headers = {"Content-Security-Policy": "default-src 'none'"}
    if verdict.public and document.content_type.startswith("text/vtt"):
        # Web players on other sites load a podcast's captions; never a restricted file's.
        headers["Access-Control-Allow-Origin"] = "*"
    return send(
        request,
        document.file,
        access=verdict,
        content_type=document.content_type,
        filename=document.filename,
        inline=inline,
        headers=headers,
    )


@require_safe
def serve_media(request, path):
    """/media/<path>: images' originals and renditions, with their image's rules.

    Nothing else of the media folder is served: documents only through serve_document.
    """
    image, fieldfile = _media_image(path)
    verdict = access(request, image)
    if not verdict.allowed:
        return verdict.refusal
    return send(request, fieldfile, access=verdict)


def _media_image(path):
    if ".." in path.split("/") or "\\" in path or "\0" in path:
        raise Http404
    image_model = get_image_model()
    if path.startswith("original_images/"):
        image = image_model.objects.filter(file=path).select_related("collection").first()
        if image is not None:
            return image, image.file
    elif path.startswith("images/"):
        rendition = (
            image_model.get_rendition_model()
            .objects.filter(file=path)
            .select_related("image__collection")
            .first()
        )
        if rendition is not None:
            return rendition.image, rendition.file
    raise Http404
