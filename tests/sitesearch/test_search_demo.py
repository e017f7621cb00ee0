"""Every page type of the demo site is found the way a social worker would type its title.

Generic on purpose: sections land independently, so the page types are those the demo content
has when the test runs, not a list written here.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from modelsearch.backends.base import get_model_root
from wagtail.models import Locale, Page

from sitesearch import engine, participants
from sitesearch.analysis import LATVIAN_STOP_WORDS, analyse, fold, stem_latvian, tokens

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_media")]

# Endings tried to make another form of a title word: dative and locative plurals, genitive…
ENDINGS = ["iem", "ām", "ēm", "am", "u", "os", "as", "ai", "ei", "us", "a", "i", "e", "s"]


def inflect(word):
    """Another form of a Latvian title word, written without diacritics, or None."""
    folded = fold(word)
    if len(folded) < 5 or not folded.isalpha() or word.lower() in LATVIAN_STOP_WORDS:
        return None
    stem = stem_latvian(folded)
    if stem == folded:
        return None  # the stemmer knows no ending here: not an inflectable word
    for ending in ENDINGS:
        form = fold(stem + ending)
        if form != folded and analyse(form) == analyse(word):
            return form
    return None


def keys_found(locale, query):
    result = engine.run(locale, {"q": query})
    return set(result.page_obj.paginator.object_list), result.analysed


def test_latvian_page_types_are_found_without_diacritics_and_by_an_inflected_form(capsys):
    lv = Locale.objects.get(language_code="lv")
    root = ContentType.objects.get_for_model(Page).pk
    pages = Page.objects.live().filter(locale=lv, depth__gt=1).specific().order_by("path")
    by_type = {}
    for page in pages:
        if participants.takes_part(type(page)):
            by_type.setdefault(type(page), []).append(page)
    assert len(by_type) >= 2

    covered, skipped, failures = [], [], []
    with translation.override("lv"):
        for model, candidates in sorted(by_type.items(), key=lambda item: item[0].__name__):
            name = model.__name__
            # The first page of the type whose title has a word with another form.
            chosen = next(
                (
                    (page, word, form)
                    for page in candidates
                    for word in tokens(page.title)
                    if (form := inflect(word))
                ),
                None,
            )
            page = chosen[0] if chosen else candidates[0]
            folded_title = fold(page.title)
            found, analysed = keys_found(lv, folded_title)
            if (root, page.pk) not in found:
                failures.append(f"{name}: {folded_title!r} ({analysed!r}) misses {page.title!r}")
            if chosen is None:
                skipped.append(f"{name}: no inflectable Latvian word in {page.title!r}")
                continue
            _page, word, form = chosen
            found, analysed = keys_found(lv, form)
            if (root, page.pk) not in found:
                failures.append(f"{name}: {form!r} (from {word!r}) misses {page.title!r}")
            covered.append(f"{name}: {folded_title!r} and {form!r} find {page.title!r}")

    with capsys.disabled():
        print("\nSite search over the demo content (lv):")
        for line in covered:
            print(f"  covered  {line}")
        for line in skipped:
            print(f"  skipped  {line}")
    assert not failures, "\n".join(failures)
    assert covered


def test_other_searchable_models_are_found_by_their_title():
    """Models that take part in site search without being pages (dictionary entries)."""
    lv = Locale.objects.get(language_code="lv")
    failures = []
    with translation.override("lv"):
        for model in participants.models():
            if issubclass(model, Page):
                continue
            visible = model._default_manager.all()
            if hasattr(model, "live"):
                visible = visible.filter(live=True)
            obj = visible.order_by("pk").first()
            if obj is None:
                continue
            root = ContentType.objects.get_for_model(get_model_root(model)).pk
            found, analysed = keys_found(lv, fold(str(obj.title)))
            if (root, obj.pk) not in found:
                failures.append(f"{model.__name__}: {obj.title!r} ({analysed!r})")
    assert not failures, "\n".join(failures)


def test_english_pages_are_found_on_the_english_site_only():
    en = Locale.objects.get(language_code="en")
    lv = Locale.objects.get(language_code="lv")
    root = ContentType.objects.get_for_model(Page).pk
    pages = [
        page
        for page in Page.objects.live().filter(locale=en, depth__gt=1).specific()
        if participants.takes_part(type(page))
    ]
    assert pages
    failures = []
    with translation.override("en"):
        for page in pages:
            found, _analysed = keys_found(en, page.title.lower())
            if (root, page.pk) not in found:
                failures.append(f"{type(page).__name__}: {page.title!r} not found")
            lv_found, _ = keys_found(lv, page.title)
            if (root, page.pk) in lv_found:
                failures.append(f"{type(page).__name__}: {page.title!r} shown on the Latvian site")
    assert not failures, "\n".join(failures)
