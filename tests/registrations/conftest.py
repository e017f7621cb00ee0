import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from events.models import EventIndexPage
from registrations.models import Offer
from tests.events.helpers import seminar
from tests.shared import shared_fixture
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


@shared_fixture
def events(site_tree):
    """The Events section and a seminar visiting two towns, 10 and 11 days from now, in
    Latvian and English."""
    lv = add_page(site_tree["lv"], EventIndexPage, title="Pasākumi", slug="pasakumi")
    en = translate(lv, slug="events", title="Events")
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    page = seminar(
        lv,
        "Reģionālais seminārs par kopienu",
        occurrences=[
            (start, start + timedelta(hours=4), "Kuldīga", "kurzeme"),
            (start + timedelta(days=1), start + timedelta(days=1, hours=4), "Cēsis", "vidzeme"),
        ],
    )
    page_en = translate(page, slug="regional-seminar", title="Regional seminar on community")
    return {"index": lv, "index_en": en, "seminar": page, "seminar_en": page_en}


def visit_key(page, number=0):
    return str(page.occurrences.order_by("sort_order")[number].calendar_uid)


@pytest.fixture
def offer(events):
    return Offer.objects.create(
        event=events["seminar"],
        session_key=visit_key(events["seminar"]),
        capacity=10,
        hours=Decimal("4"),
    )


def form_data(
    email="anna@example.lv", name="Anna Bērziņa", municipality="Kuldīgas novads", **extra
):
    return {
        "name": name,
        "email": email,
        "municipality": municipality,
        "institution": "Kuldīgas novada sociālais dienests",
        "position": "sociālā darbiniece",
        "access_needs": "",
        "consent": "on",
        **extra,
    }


def member(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@lm.example.lv", "x")
    user.groups.add(Group.objects.get(name=group))
    return user


LINK = re.compile(r"https?://\S+")


def links_in(text):
    return LINK.findall(text)


def link_path(mail, part):
    url = next(link for link in links_in(mail.text) if part in link)
    return urlsplit(url).path
