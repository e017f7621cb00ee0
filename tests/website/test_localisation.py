import datetime

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(
    ("language", "expected"),
    [("lv", "2019. gada 12. aprīlis"), ("en", "12 April 2019")],
)
def test_dates_in_the_languages_own_form(language, expected):
    with translation.override(language):
        rendered = Template("{{ day|date }}").render(Context({"day": datetime.date(2019, 4, 12)}))
    assert rendered == expected


def test_file_sizes_use_a_decimal_comma_in_latvian():
    with translation.override("lv"):
        rendered = Template("{{ size|filesizeformat }}").render(Context({"size": 2_516_582}))
    assert rendered == "2,4\xa0MB"


def test_search_url_is_translated():
    from django.urls import reverse

    with translation.override("lv"):
        assert reverse("search") == "/lv/meklet/"
    with translation.override("en"):
        assert reverse("search") == "/en/search/"
