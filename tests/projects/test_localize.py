"""Translating a project page with wagtail-localize: names translated, numbers kept in sync."""

import pytest
from wagtail_localize.models import StringTranslation, TranslationSource

from projects.models import ProjectPage
from tests.projects.conftest import project_fields
from tests.utils import add_page

pytestmark = pytest.mark.django_db


def translate_string(source, text, translation, locale):
    string = source.stringsegment_set.get(string__data=text).string
    StringTranslation.objects.create(
        translation_of=string,
        locale=locale,
        context=source.stringsegment_set.get(string__data=text).context,
        data=translation,
    )


def test_indicator_names_are_translated_and_values_synchronised(project_index, locales):
    page = add_page(project_index["lv"], ProjectPage, **project_fields())
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translate_string(source, "Iznākuma rādītājs", "Output indicator", locales["en"])
    english, _created = source.create_or_update_translation(locales["en"], fallback=True)
    output = english.indicators.get(measure="cumulative")
    assert output.name == "Output indicator"
    assert output.locale == locales["en"]
    assert [(row.year, row.value) for row in output.rows] == [
        (2015, 569),
        (2016, 1161),
        (2017, 1450),
        (2022, 2393),
    ]

    # A corrected figure in Latvian reaches the English page when the translation is synced.
    row = page.indicators.get(measure="cumulative").values.get(year=2022)
    row.value = 2312
    row.save()
    page.refresh_from_db()
    page.save_revision().publish()
    source.update_from_db()
    english, _created = source.create_or_update_translation(locales["en"], fallback=True)
    output = ProjectPage.objects.get(pk=english.pk).indicators.get(measure="cumulative")
    assert output.name == "Output indicator"
    assert output.values.get(year=2022).value == 2312
