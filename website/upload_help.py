"""What the upload forms tell editors before they choose a file: which types and how large.

Wagtail says only "Maximum filesize" for documents (nothing about the accepted types, so a
refusal is the first an editor hears of them) and nothing about the image pixel limit. The text
is set on the file field, which every place a form is shown renders under it: the single and
multiple upload pages, the edit page (replacing a file) and the choosers' upload tabs (rendered
by Wagtail's generic chooser template, which has no block to add text to). The validation
itself stays in website.forms; these classes only extend the forms with the text.
"""

from django.conf import settings
from django.template.defaultfilters import filesizeformat, floatformat
from django.utils.translation import gettext as _

from website.forms import DocumentForm, ImageForm


def _types(extensions):
    return ", ".join(extension.upper() for extension in extensions)


def document_rules():
    return _(
        "Accepted files: %(types)s, up to %(size)s each. The content must be what the file's "
        "type says (a renamed file is refused)."
    ) % {
        "types": _types(settings.WAGTAILDOCS_EXTENSIONS),
        "size": filesizeformat(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE),
    }


def image_rules(extensions):
    return _(
        "Accepted images: %(types)s, up to %(size)s and %(megapixels)s million pixels each."
    ) % {
        "types": _types(extensions),
        "size": filesizeformat(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE),
        "megapixels": floatformat(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS / 1_000_000, -1),
    }


class DocumentUploadForm(DocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = document_rules()


class ImageUploadForm(ImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            field.help_text = image_rules(field.allowed_image_extensions)
