"""Which language a piece of shown text is written in, so that it can be marked (WCAG 3.1.2).

A screen reader reads everything in the page's language (``<html lang>``) unless an element
says otherwise. Text whose language differs from the page's is known from data, never guessed
from its words:

- a page's own title and text are in its locale's language, except a wagtail-localize alias
  (``alias_of``: the untranslated copy it keeps in step with the source in another locale),
  whose text is the source's (`BasePage.text_language`);
- a field that is always in one language says so: a part of ``get_search_text_parts()`` may be
  a `Text`, a string that carries its language (a periodical article's English summary);
- an object without a locale says which language its title and summary are in
  (``title_language`` / ``summary_language``: a dictionary entry's Latvian headword or English
  equivalent, its English or Latvian definition).

Templates mark an element with ``{% lang_attribute language %}`` (website.templatetags.site_tags),
which writes ``lang="…"`` only when the language differs from the page's.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from wagtail.models import Locale, Page


class Text(str):
    """A string that knows its language: a field that is in this language whatever the page's."""

    language = ""

    def __new__(cls, value="", language=""):
        text = super().__new__(cls, value or "")
        text.language = language
        return text


def language_of(text, default=""):
    """The language a text says it is in (a `Text`), else `default`."""
    return getattr(text, "language", "") or default


def title_language(obj):
    """The language of what an object shows as its title ("" when unknown)."""
    return getattr(obj, "title_language", "") or getattr(obj, "text_language", "") or ""


def summary_language(obj):
    """The language of what an object shows as its summary ("" when unknown)."""
    return getattr(obj, "summary_language", "") or getattr(obj, "text_language", "") or ""


def primary(language):
    """ "en" of "en-gb": what a screen reader switches its voice by."""
    return (language or "").split("-")[0].lower()


def differs_from_page(language):
    """Whether text in `language` needs its own lang attribute on the current page."""
    return bool(language) and primary(language) != primary(translation.get_language())


# Locales -------------------------------------------------------------------------------------

_locale_languages = {}  # locale id -> language code, for this process


def locale_language(locale_id):
    """The language code of a locale, without a query once the few locales are read."""
    if locale_id is None:
        return ""
    if locale_id not in _locale_languages:
        _locale_languages.clear()
        _locale_languages.update(Locale.objects.values_list("pk", "language_code"))
    return _locale_languages.get(locale_id, "")


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def _locales_changed(**kwargs):
    # The admin offers a locale no language another locale has, and with the site's two
    # languages both in use a locale's code cannot change; a new locale is read on first use.
    _locale_languages.clear()


def page_text_language(page):
    """The language a page's title and text are written in (see `BasePage.text_language`)."""
    if page.alias_of_id:
        source = Page.objects.filter(pk=page.alias_of_id).values_list("locale_id", flat=True)
        return locale_language(source.first())
    return locale_language(page.locale_id)


def prefetch_text_languages(pages):
    """Set `text_language` on these pages with one query for all the aliases among them
    (none when there are none), instead of one per alias."""
    aliases = {page.alias_of_id for page in pages if getattr(page, "alias_of_id", None)}
    sources = dict(Page.objects.filter(pk__in=aliases).values_list("pk", "locale_id"))
    for page in pages:
        if not hasattr(page, "locale_id"):
            continue
        source = sources.get(page.alias_of_id) if page.alias_of_id else page.locale_id
        page.__dict__["text_language"] = locale_language(source)
    return pages
