import re

import pytest

from methodologies.models import MethodologyPage, TargetGroup
from tests.methodologies.conftest import index_pages as index_pages_fixture  # noqa: F401 (a fixture)
from tests.utils import add_page


@pytest.fixture
def listing(index_pages):
    """The Methodologies section: the list most tests here follow."""
    return index_pages


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
