"""StreamField blocks shared by every section's body."""

import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class LabelledImageBlock(ImageBlock):
    """Wagtail's ImageBlock, its image chooser labelled: Wagtail leaves it to the block's
    English name ("Image"), which no catalogue can translate."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chooser = copy.deepcopy(self.child_blocks["image"])
        chooser.label = _("Image")
        self.child_blocks["image"] = chooser


class CaptionedImageBlock(blocks.StructBlock):
    # Wagtail's ImageBlock asks for the alt text in context, or an explicit "decorative" tick.
    image = LabelledImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "components/blocks/document.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address (YouTube, Vimeo…)"))
    title = blocks.CharBlock(label=_("Title"), help_text=_("Names the video for screen readers."))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "components/blocks/video.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Heading"))
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or external address"), required=False)
    button_text = blocks.CharBlock(label=_("Button text"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "components/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choose either a page or an external address."))
                }
            )
        return value


class BodyStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="components/blocks/paragraph.html"
    )
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    table = TableBlock(
        label=_("Table"),
        help_text=_("Give the table a caption in its options: screen readers announce it."),
    )

    class Meta:
        label = _("Body")


class StandardPageStreamBlock(BodyStreamBlock):
    """A standard page's body: the shared blocks, and the site settings that such a page
    (the accessibility statement, the contacts) shows in its text."""

    accessibility_statement = blocks.StaticBlock(
        label=_("Accessibility statement"),
        admin_text=_(
            "The accessibility statement from Settings → Accessibility statement: its "
            "compliance status, non-accessible content, feedback and enforcement procedure."
        ),
        template="components/blocks/accessibility_statement.html",
    )
    contacts = blocks.StaticBlock(
        label=_("Contacts"),
        admin_text=_("The e-mail, phone and address from Settings → Site settings."),
        template="components/blocks/contacts.html",
    )

    class Meta:
        label = _("Body")
