"""Admin forms: the upload forms check what a file is before anything is stored.

Wagtail builds every document and image form (single upload, multiple upload, the chooser's
upload tab, editing to replace the file) on WAGTAILDOCS_DOCUMENT_FORM_BASE and
WAGTAILIMAGES_IMAGE_FORM_BASE, so the checks below cover them all. Files created in code (the
demo loaders) do not pass through them.
"""

from django.conf import settings
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from website.uploads import validate_document_content, validate_image_content


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A document's language (CustomDocument.language) is Latvian unless the editor says
        # otherwise: an upload that does not name one (Wagtail's multiple upload posts the file
        # first and shows the rest of the form afterwards) gets the default, not an error.
        if "language" in self.fields:
            self.fields["language"].required = False

    def clean_language(self):
        language = self.cleaned_data.get("language")
        return language or self._meta.model._meta.get_field("language").get_default()

    def clean_file(self):
        file = self.cleaned_data.get("file")
        # An unchanged file on an edit is the stored one: it was checked when it was uploaded.
        if file and "file" in self.changed_data:
            validate_document_content(file, settings.WAGTAILDOCS_EXTENSIONS)
        return file


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, refusing a file Pillow cannot decode to the last pixel.

    Checked before Wagtail's own checks, which read frames and fail on some broken files with
    errors of their own (a 500 instead of a message).
    """

    def to_python(self, data):
        if data and hasattr(data, "read"):
            validate_image_content(data, self.max_image_pixels)
        return super().to_python(data)


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the file field itself (wagtail.images.forms.formfield_for_dbfield),
        # with its labels and messages: the field keeps them and gains the decoding check.
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = DecodedImageField
