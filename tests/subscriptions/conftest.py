import re

import pytest

from methodologies.models import MethodologyIndexPage, MethodologyPage, TargetGroup
from tests.smtp import SMTPServer
from tests.utils import add_page, translate
from tests.worker import FROM
from website.settings.email_url import email_settings


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1 that the site's mail backend sends to."""
    with SMTPServer() as server:
        for name, value in email_settings(f"smtp://127.0.0.1:{server.port}").items():
            setattr(settings, name, value)
        settings.DEFAULT_FROM_EMAIL = FROM
        yield server.inbox


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
