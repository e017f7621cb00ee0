"""The project's image and document models.

Swappable models must exist before the first migration, so they are here from the start:
images require their alternative text (WCAG 1.1.1), documents record their MIME type and the
text extracted from them, which the page that links a document adds to its search index.
"""

import logging
import mimetypes

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model_string
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images import get_image_model_string
from wagtail.images.models import AbstractImage, AbstractRendition, Image, SourceImageIOError
from wagtail.models import Orderable

from sitesearch.documents import extract_text
from website.choices import ContentLanguage

logger = logging.getLogger(__name__)


def _optional_file(model, verbose_name, options):
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )


def optional_image(verbose_name, **options):
    """An image a page or snippet may have: when the image is deleted, the field is emptied
    and the page kept."""
    return _optional_file(get_image_model_string(), verbose_name, options)


def optional_document(verbose_name, **options):
    """A document a page may link: when the document is deleted, the field is emptied and the
    page kept."""
    return _optional_file(get_document_model_string(), verbose_name, options)


class CustomImage(AbstractImage):
    """An image whose broken file leaves it out of a page instead of breaking the page.

    A file damaged in storage (a truncated copy, a failed restore) makes Pillow fail when a
    rendition is made: that is reported as Wagtail's SourceImageIOError, as a missing file is,
    so Wagtail's image tags and the site's own code (website.templatetags.site_images) leave the
    picture out, and it is logged once per rendition asked for.
    """

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

    def generate_rendition_file(self, filter, *, source=None):
        try:
            return super().generate_rendition_file(filter, source=source)
        except SourceImageIOError:
            raise
        except Exception as error:  # noqa: BLE001 - Pillow raises many kinds on broken data
            logger.warning(
                "Image %s (%r) cannot be decoded for %s: %s",
                self.pk,
                self.title,
                filter.spec,
                error,
            )
            raise SourceImageIOError(str(error)) from error

    def create_renditions(self, *filters):
        """Wagtail's renditions, as stored: never one another process stored first.

        For several filters at once (`srcset_image`, `picture`) Wagtail inserts the new
        renditions with bulk_create(ignore_conflicts=True) and returns them all, also those
        another request stored in the meantime: the returned one then names a file of its own
        that no stored rendition has, so the page (and Wagtail's rendition cache) linked an
        image that answered 404 (the stack test's crawl saw it on the home page's cover). Here
        the stored rows are read back and returned instead, and the extra files deleted.
        """
        created = super().create_renditions(*filters)
        if len(created) < 2:
            return created  # one filter: Wagtail stores it with get_or_create
        stored = {
            (row.filter_spec, row.focal_point_key): row
            for row in self.renditions.filter(
                filter_spec__in=[rendition.filter_spec for rendition in created.values()]
            )
        }
        for filter, rendition in created.items():
            row = stored.get((rendition.filter_spec, rendition.focal_point_key))
            if row is not None and row.file.name != rendition.file.name:
                rendition.file.delete(save=False)
                created[filter] = row
        return created


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

    def clean(self):
        # The upload form (website.forms.DocumentForm) checks the file's type and content
        # itself. When it refuses a file the document has none, and Wagtail's check of the
        # extension would add a second, false message ("extension “” is not allowed").
        if self.file:
            super().clean()

    def save(self, *args, **kwargs):
        # Read the type and text once per file (a new upload, or a replaced file), never on a
        # search. A section that checks the content records a truer type itself (podcast audio).
        stored = (
            type(self).objects.filter(pk=self.pk).values("file", "collection_id").first()
            if self.pk
            else None
        )
        file_is_new = bool(self.file) and (stored is None or stored["file"] != self.file.name)
        # Pages index the text of the documents they publish unless the document's collection
        # is restricted (BasePage.get_search_documents): a new text or a move to another
        # collection makes them index again (sitesearch.receivers).
        self.search_text_changed = stored is not None and (
            stored["collection_id"] != self.collection_id
        )
        if self.file and (file_is_new or not self.mime_type):
            self.mime_type = mimetypes.guess_type(self.file.name)[0] or "application/octet-stream"
        if file_is_new:
            text = extract_text(self)
            self.search_text_changed |= text != self.extracted_text
            self.extracted_text = text
        if file_is_new and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "extracted_text", "mime_type"}
        super().save(*args, **kwargs)

    @property
    def extension(self):
        return self.file_extension.upper()


class AttachedDocument(Orderable):
    """A document a page offers for download, with the text of its link (the document's title
    unless the editor writes another). A section's model adds the ParentalKey to its page:
    an event's materials, a study's reports, a methodology's extra guidelines."""

    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("link text"), max_length=255, blank=True, help_text=_("Defaults to the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def link_text(self):
        return self.title or self.document.title
