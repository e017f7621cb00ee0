"""Template tags for the admin screens the project adds to or extends."""

from django import template

from website.editorial import SUBMIT_TRANSLATION, translation_moderation, untranslated_count

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_submission(context, page, translation):
    """What the translation editor offers the current user (website.editorial)."""
    offer = translation_moderation(page, context["request"].user)
    offer["field_name"] = SUBMIT_TRANSLATION
    offer["untranslated"] = untranslated_count(translation)
    return offer
