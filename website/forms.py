"""Admin forms: the document upload form checks what a file is before anything is stored.

Wagtail builds every document form (single upload, multiple upload, the chooser's upload tab,
editing a document to replace its file) on WAGTAILDOCS_DOCUMENT_FORM_BASE, so the check below
covers them all. Files created in code (the demo loaders) do not pass through it.
"""

from django.conf import settings
from wagtail.documents.forms import BaseDocumentForm

from website.uploads import validate_document_content


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        # An unchanged file on an edit is the stored one: it was checked when it was uploaded.
        if file and "file" in self.changed_data:
            validate_document_content(file, settings.WAGTAILDOCS_EXTENSIONS)
        return file
