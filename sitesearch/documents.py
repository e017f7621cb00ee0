"""Text of uploaded PDF documents, read once when a document is saved (never on a search).

The text is stored on the document (``CustomDocument.extracted_text``); a page adds the text of
the documents it publishes to its own index entry (``BasePage.get_search_documents()``), so a
methodology is found by words inside its PDF. Broken, encrypted or huge files give no text
(and a log line), never an error for the editor who uploads them.
"""

import logging

from pypdf import PdfReader

logger = logging.getLogger(__name__)

# Larger files are stored and served, but not read: their text would be slow to extract on save.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PAGES = 300
# About a hundred pages of prose: plenty to be found by, small enough for every index.
MAX_TEXT_CHARS = 200_000


def is_pdf(document):
    name = (document.file.name or "").lower()
    return name.endswith(".pdf") or document.mime_type == "application/pdf"


def extract_text(document):
    """The document's text, cut to MAX_TEXT_CHARS; "" for anything that is not a readable PDF."""
    if not document.file or not is_pdf(document):
        return ""
    try:
        if document.file.size > MAX_FILE_BYTES:
            logger.info("Document %r is too large to read its text.", document.title)
            return ""
        # An upload not stored yet is read in place and rewound, for the storage to save it.
        stored = getattr(document.file, "_committed", True)
        document.file.open("rb")
        try:
            return _read(document.file)
        finally:
            if stored:
                document.file.close()
            else:
                document.file.seek(0)
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on malformed files
        logger.warning("Could not read the text of document %r: %s", document.title, error)
        return ""


def _read(stream):
    reader = PdfReader(stream, strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        logger.info("Document is encrypted; its text is not indexed.")
        return ""
    parts = []
    size = 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES or size >= MAX_TEXT_CHARS:
            break
        text = " ".join((page.extract_text() or "").split())
        parts.append(text)
        size += len(text) + 1
    return " ".join(filter(None, parts))[:MAX_TEXT_CHARS]


def pages_using(document):
    """The specific pages that link this document (from Wagtail's reference index)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.filter(pk__in=[int(pk) for pk in page_ids]).specific())
