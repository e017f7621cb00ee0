"""Helpers for the methodology and research tests."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model


def make_document(title, size=1000, filename=None):
    document = get_document_model()(title=title)
    content = b"%PDF-1.4\n" + b"0" * (size - 9)
    document.file.save(filename or f"{title.lower().replace(' ', '-')}.pdf", ContentFile(content))
    document.file_size = size
    document.save()
    return document
