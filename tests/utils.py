"""Helpers for building pages in tests, in both languages."""

from wagtail.models import Locale


def add_page(parent, model, publish=True, topics=(), **fields):
    """Create `model` under `parent` (in the parent's language) and publish it."""
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    page = model(locale=parent.locale, live=publish, **fields)
    parent.add_child(instance=page)
    if topics:
        page.topics.add(*topics)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page.specific_class.objects.get(pk=page.pk)


def translate(page, language="en", publish=True, **fields):
    """The page's translation with `fields` changed (its parent must be translated already)."""
    locale = Locale.objects.get(language_code=language)
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    if publish:
        translation.save_revision().publish()
    else:
        translation.save_revision()
    return translation.specific_class.objects.get(pk=translation.pk)
