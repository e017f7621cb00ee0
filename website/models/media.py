"""The project's image and document models.

Swappable models must exist before the first migration, so they are here from the start:
images require their alternative text (WCAG 1.1.1), documents record their MIME type and the
text extracted from them, which the page that links a document adds to its search index.
"""

import mimetypes

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from website.choices import ContentLanguage
from website.search.documents import extract_text


class CustomImage(AbstractImage):
    # Wagtail uses `description` as the default alt text; here it may not be left empty.
    description = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_(
            "What the image shows, for people who cannot see it (read aloud by screen readers)."
        ),
    )

    admin_form_fields = (*Image.admin_form_fields,)

    class Meta(AbstractImage.Meta):
        # Not Django's "custom image", made from the class name.
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    # Documents are shared by both languages' pages: a page in the other language marks the
    # link as leading to a document in this one (lang, hreflang, "in Latvian").
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=ContentLanguage.choices,
        default=ContentLanguage.LATVIAN,
        help_text=_("The language of the document and its title."),
    )
    mime_type = models.CharField(_("MIME type"), max_length=100, blank=True, editable=False)
    extracted_text = models.TextField(
        _("extracted text"),
        blank=True,
        editable=False,
        help_text=_("Text read from the file when it was saved; used by site search."),
    )

    admin_form_fields = (*Document.admin_form_fields, "language")

    def save(self, *args, **kwargs):
        # Read the type and text once per file (a new upload, or a replaced file), never on a
        # search. A section that checks the content records a truer type itself (podcast audio).
        self.text_changed = False
        file_is_new = bool(self.file) and self._file_is_new()
        if self.file and (file_is_new or not self.mime_type):
            self.mime_type = mimetypes.guess_type(self.file.name)[0] or "application/octet-stream"
        if file_is_new:
            text = extract_text(self)
            self.text_changed = text != self.extracted_text
            self.extracted_text = text
        if file_is_new and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "extracted_text", "mime_type"}
        super().save(*args, **kwargs)

    def _file_is_new(self):
        if self.pk is None:
            return True
        stored = type(self).objects.filter(pk=self.pk).values_list("file", flat=True).first()
        return stored != self.file.name

    @property
    def extension(self):
        return self.file_extension.upper()
