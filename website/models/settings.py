from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Contact details and social links: the same in both languages."""

    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")], _("Contacts")),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("youtube_url"), FieldPanel("x_url")],
            _("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self):
        links = [("Facebook", self.facebook_url), ("YouTube", self.youtube_url), ("X", self.x_url)]
        return [(name, url) for name, url in links if url]
