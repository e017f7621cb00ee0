from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from website.models.media import optional_image


class Person(TranslatableMixin, index.Indexed, models.Model):
    """A speaker, author, guest or developer, shared by every section."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    photo = optional_image(_("photo"))
    bio = models.TextField(_("short bio"), blank=True)
    is_example = models.BooleanField(
        _("example person"),
        default=False,
        help_text=_("Created by the demo content loader; not a real person."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("is_example"),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def description(self):
        """ "Role, organisation" as shown under a name."""
        return ", ".join(part for part in (self.role, self.organisation) if part)


def people_in_language(people, locale_id):
    """These people as a reader of that language (a page's own: the one it is read in) sees
    them: each one's translation where there is one, in one query for any number of people.
    wagtail-localize links a translated page to the people's translations; a page copied
    without it, or an inline that still names the source's people, is shown right all the
    same."""
    people = list(people)
    keys = {person.translation_key for person in people if person.locale_id != locale_id}
    if not keys:
        return people
    translations = {
        person.translation_key: person
        for person in Person.objects.filter(locale_id=locale_id, translation_key__in=keys)
    }
    return [translations.get(person.translation_key, person) for person in people]


class PersonLink(Orderable):
    """A person a page names, in the editor's order: a methodology's or publication's authors,
    an event's speakers, a discussion's experts, an episode's guests and hosts. A section's
    model adds the ParentalKey to its page (and its own fields, such as an episode's role)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        abstract = True
