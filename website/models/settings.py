from django.db import models
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Contact details and social links: the same in both languages."""

    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_address = models.CharField(
        _("postal address"),
        max_length=255,
        blank=True,
        help_text=_("Shown in the footer and on the contacts page, e.g. Skolas iela 28, Rīga."),
    )
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page that says how the portal processes personal data; forms that ask for "
            "consent (event registration) link to it, in the reader's language."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            _("Contacts"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("youtube_url"), FieldPanel("x_url")],
            _("Social media"),
        ),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("site settings")

    def privacy_url(self, language):
        """The address of the privacy notice in `language` (its translation, else the page
        itself), or "" when none is chosen or it is not public."""
        page = self.privacy_page
        if page is None:
            return ""
        pages = Page.objects.live().public().filter(translation_key=page.translation_key)
        found = (
            pages.filter(locale__language_code=language).first() or pages.filter(pk=page.pk).first()
        )
        return found.url if found is not None else ""

    @property
    def social_links(self):
        links = [("Facebook", self.facebook_url), ("YouTube", self.youtube_url), ("X", self.x_url)]
        return [(name, url) for name, url in links if url]


IN_LATVIAN = pgettext_lazy("statement field", "in Latvian")
IN_ENGLISH = pgettext_lazy("statement field", "in English")
STATEMENT_TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]
# The parts of the statement written in words, each in both languages (the site's two).
STATEMENT_TEXTS = ("non_accessible_content", "alternatives", "feedback", "enforcement")


def _statement_text(label, help_text, language):
    return RichTextField(
        format_lazy("{} ({})", label, language),
        features=STATEMENT_TEXT_FEATURES,
        blank=True,
        help_text=help_text,
    )


@register_setting(icon="doc-full")
class AccessibilityStatement(BaseSiteSetting):
    """The accessibility statement, in the parts the model statement of Cabinet Regulation
    No. 445 (14 July 2020, annex) asks for. The statement page shows it wherever its body has
    the "accessibility statement" block.

    A site setting, not translatable: the facts (status, dates, contacts) are the same in both
    languages, and each part in words has a Latvian and an English field side by side, so that
    one person keeps both up to date on one screen.
    """

    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"
    STATUS_CHOICES = [
        (FULL, _("fully compliant")),
        (PARTIAL, _("partially compliant")),
        (NONE, _("not compliant")),
    ]
    SELF = "self"
    THIRD_PARTY = "third_party"
    EVALUATION_CHOICES = [(SELF, _("self-evaluation")), (THIRD_PARTY, _("third-party evaluation"))]

    compliance_status = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=STATUS_CHOICES,
        default=PARTIAL,
        help_text=_("With the requirements of standard EN 301 549 (WCAG 2.1 level AA)."),
    )
    evaluation_method = models.CharField(
        _("how it was evaluated"), max_length=20, choices=EVALUATION_CHOICES, default=SELF
    )
    evaluated_on = models.DateField(_("date of the evaluation"), null=True, blank=True)
    prepared_on = models.DateField(_("date the statement was prepared"), null=True, blank=True)
    reviewed_on = models.DateField(_("date of the last review"), null=True, blank=True)
    feedback_email = models.EmailField(_("e-mail for accessibility feedback"), blank=True)
    feedback_phone = models.CharField(
        _("phone for accessibility feedback"), max_length=40, blank=True
    )

    non_accessible_content_lv = _statement_text(
        _("Non-accessible content"),
        _(
            "What is not accessible and why: not compliant, a disproportionate burden, or outside "
            "the scope of the regulation."
        ),
        IN_LATVIAN,
    )
    non_accessible_content_en = _statement_text(_("Non-accessible content"), "", IN_ENGLISH)
    alternatives_lv = _statement_text(
        _("Accessible alternatives"),
        _("How to get the content that is not accessible in another way."),
        IN_LATVIAN,
    )
    alternatives_en = _statement_text(_("Accessible alternatives"), "", IN_ENGLISH)
    feedback_lv = _statement_text(
        _("Feedback"),
        _(
            "How to report a barrier and when to expect an answer (the e-mail and phone above are "
            "shown with it)."
        ),
        IN_LATVIAN,
    )
    feedback_en = _statement_text(_("Feedback"), "", IN_ENGLISH)
    enforcement_lv = _statement_text(
        _("Enforcement procedure"),
        _(
            "Where to complain when the answer does not satisfy: the supervising authority and "
            "its contacts."
        ),
        IN_LATVIAN,
    )
    enforcement_en = _statement_text(_("Enforcement procedure"), "", IN_ENGLISH)

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("compliance_status"),
                    MultiFieldPanel(
                        [
                            FieldPanel("evaluation_method"),
                            FieldPanel("evaluated_on"),
                            FieldPanel("prepared_on"),
                            FieldPanel("reviewed_on"),
                        ],
                        _("Preparation of the statement"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("feedback_email"), FieldPanel("feedback_phone")],
                        _("Feedback and contact information"),
                    ),
                ],
                heading=_("Facts"),
            ),
            ObjectList(
                [FieldPanel(f"{name}_lv") for name in STATEMENT_TEXTS],
                heading=pgettext_lazy("statement tab", "In Latvian"),
            ),
            ObjectList(
                [FieldPanel(f"{name}_en") for name in STATEMENT_TEXTS],
                heading=pgettext_lazy("statement tab", "In English"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("accessibility statement")

    def texts(self):
        """{part: (text, its language)} for the active language, for the template."""
        language = (translation.get_language() or "lv").split("-")[0]
        found = {}
        for name in STATEMENT_TEXTS:
            own = getattr(self, f"{name}_{language}", "") if language in ("lv", "en") else ""
            found[name] = (own, language) if own else (getattr(self, f"{name}_lv"), "lv")
        return found
