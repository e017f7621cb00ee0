import re

import pytest

from methodologies.models import MethodologyIndexPage, MethodologyPage, TargetGroup
from tests.utils import add_page, translate


@pytest.fixture
def listing(site_tree):
    lv = add_page(site_tree["lv"], MethodologyIndexPage, title="Metodikas", slug="metodikas")
    en = translate(lv, slug="methodologies", title="Methodologies")
    return {"lv": lv, "en": en}


@pytest.fixture
def groups(locales):
    return {
        slug: TargetGroup.objects.create(locale=locales["lv"], name=name, slug=slug)
        for slug, name in (("seniori", "Seniori"), ("kopiena", "Kopiena"))
    }


def methodology(index, title, groups=(), publish=True):
    return add_page(
        index,
        MethodologyPage,
        publish=publish,
        title=title,
        listing_summary=f"Par {title}.",
        year=2026,
        target_groups=list(groups),
    )


LINK = re.compile(r"https?://\S+")


def links_in(text):
    return LINK.findall(text)
