"""Menus and footer text, edited in the admin and translated like pages.

Both are translatable snippets: the English menu is a translation of the Latvian one, so
wagtail-localize points its page links at the English pages.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin

from website.panels import InlinePanel


class NavigationMenu(TranslatableMixin, ClusterableModel):
    MAIN = "main"
    FOOTER = "footer"
    HANDLE_CHOICES = [(MAIN, _("Main navigation")), (FOOTER, _("Footer links"))]

    handle = models.CharField(_("menu"), max_length=20, choices=HANDLE_CHOICES)

    panels = [
        FieldPanel("handle"),
        InlinePanel("items", heading=_("Links"), label=_("Link"), add_label=_("Add a link")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        unique_together = [("translation_key", "locale"), ("handle", "locale")]

    def __str__(self):
        return f"{self.get_handle_display()} ({self.locale})"


class NavigationMenuItem(Orderable):
    menu = ParentalKey(NavigationMenu, related_name="items", on_delete=models.CASCADE)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("external address"), blank=True)
    link_text = models.CharField(
        _("link text"), max_length=100, blank=True, help_text=_("Defaults to the page title.")
    )

    panels = [FieldPanel("link_page"), FieldPanel("link_url"), FieldPanel("link_text")]

    def clean(self):
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose either a page or an external address."))
        if self.link_url and not self.link_text:
            raise ValidationError({"link_text": _("An external link needs its text.")})

    @property
    def text(self):
        if self.link_text:
            return self.link_text
        return self.link_page.title if self.link_page_id else self.link_url

    @property
    def url(self):
        if self.link_page_id:
            return self.link_page.url
        return self.link_url


class FooterText(TranslatableMixin, models.Model):
    """The words of the footer, one per language, with the EU funding statement."""

    funding_statement = RichTextField(
        _("EU funding statement"),
        features=["bold", "italic", "link"],
        help_text=_("Required by EU funds publicity rules on every page."),
    )
    organisation = models.CharField(_("organisation"), max_length=255)
    panels = [FieldPanel("organisation"), FieldPanel("funding_statement")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return f"{self.organisation} ({self.locale})"

    def clean(self):
        others = FooterText.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        if self.locale_id and others.exists():
            raise ValidationError(_("This language already has its footer text: edit that one."))
