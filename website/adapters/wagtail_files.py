"""Wagtail's private _set_file_hash() of documents and images: the hash its upload forms record.

Written against Wagtail 8.0.1. Wagtail's upload views and forms record a new file's SHA-1 in
file_hash (used to find duplicates and as a cache key) through the private
AbstractDocument._set_file_hash() and AbstractImage._set_file_hash(); the public get_file_hash()
does the same but also saves the row. Files the site makes in code (the demo content) record
their hash as an upload would, before the first save.

When check() fails: read wagtail/documents/models.py and wagtail/images/models.py for how the
upload forms set file_hash now, call that from record_file_hash(), and update check().
"""

import hashlib
import inspect
import io

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

from website.adapters import outdated


def record_file_hash(obj):
    """Fill a document's or image's file_hash from its file, as Wagtail's upload forms do."""
    obj._set_file_hash()


def _png():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 1), "white").save(out, "PNG")
    return out.getvalue()


def check():
    """Raises AdapterOutdated unless _set_file_hash() still fills file_hash with the SHA-1."""
    for abstract, model, content in (
        (AbstractDocument, get_document_model(), b"adapter check\n"),
        (AbstractImage, get_image_model(), _png()),
    ):
        name = f"{abstract.__module__}.{abstract.__name__}._set_file_hash"
        method = getattr(abstract, "_set_file_hash", None)
        if method is None:
            raise outdated("wagtail", f"{name} is gone", __name__)
        parameters = list(inspect.signature(method).parameters)
        if parameters != ["self"]:
            raise outdated(
                "wagtail", f"{name} takes ({', '.join(parameters)}), not (self)", __name__
            )
        # A collection id of its own: the default one is looked up in the database.
        obj = model(title="adapter check", collection_id=0)
        obj.file = ContentFile(content, name="check.png")
        record_file_hash(obj)
        expected = hashlib.sha1(content).hexdigest()
        if obj.file_hash != expected:
            raise outdated(
                "wagtail",
                f"{name}() set file_hash to {obj.file_hash!r}, not the file's SHA-1 {expected!r}",
                __name__,
            )
