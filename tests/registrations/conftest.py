"""Registrations' test data: a seminar visiting two towns soon (registration), a past seminar
visit with an offer and participants (certificates of attendance), a real SMTP server, and the
independent readers of the certificate's PDF (pypdf) and of its QR code (zxing-cpp).
"""

import io
import re
from datetime import datetime, time, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone
from pypdf import PdfReader

from events.dates import EVENT_TIME_ZONE
from events.models import AttendanceMode, EventIndexPage, SeminarOccurrence, SeminarPage
from registrations.models import Offer, Participant
from tests.events.helpers import seminar
from tests.shared import shared_fixture
from tests.utils import add_page, translate
from website.choices import EsfProject


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


@shared_fixture
def certificate_event(site_tree):
    """A past seminar visit in Kuldīga, in Latvian and English, of the ESF+ project."""
    index = add_page(site_tree["lv"], EventIndexPage, title="Pasākumi", slug="pasakumi")
    translate(index, slug="events", title="Events")
    day = timezone.localdate(timezone=EVENT_TIME_ZONE) - timedelta(days=20)
    start = datetime.combine(day, time(10, 0), tzinfo=EVENT_TIME_ZONE)
    lv = add_page(
        index,
        SeminarPage,
        title="Supervīzija ģimeņu atbalstā",
        slug="supervizija",
        topic="Supervīzija",
        attendance_mode=AttendanceMode.OFFLINE,
        esf_project=EsfProject.MODERN_2022,
        occurrences=[
            SeminarOccurrence(
                start=start,
                end=start + timedelta(hours=6),
                town="Kuldīga",
                venue="Kuldīgas novada dome",
                region="kurzeme",
                sort_order=0,
            )
        ],
    )
    translate(lv, slug="supervision", title="Supervision in family support")
    occurrence = lv.occurrences.get()
    offer = Offer.objects.create(
        event=lv, session_key=str(occurrence.calendar_uid), capacity=30, hours=Decimal("6.0")
    )
    return {"page": lv, "offer": offer}


def participant(offer, name="Jana Bērziņa-Ožola", language="lv", attended=True, **fields):
    number = Participant.objects.count() + 1
    return Participant.objects.create(
        offer=offer,
        name=name,
        email=fields.pop("email", f"dalibnieks{number}@example.lv"),
        municipality="Kuldīgas novads",
        institution="Kuldīgas novada Sociālais dienests",
        position="sociālā darbiniece",
        consent_at=timezone.now(),
        language=language,
        attended_at=timezone.now() if attended else None,
        **fields,
    )


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def text_off_the_page(data):
    """The pieces of text a PDF writes outside its page (that no reader sees)."""
    outside = []
    for page in PdfReader(io.BytesIO(data)).pages:
        box = tuple(float(value) for value in page.mediabox)

        def visit(text, cm, tm, font, size, box=box):
            left, bottom, right, top = box
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if not (left <= x < right - 5 and bottom <= y <= top):
                outside.append(text)

        page.extract_text(visitor_text=visit)
    return outside


def qr_urls(data):
    """Every QR code in the PDF's images, decoded by zxing-cpp."""
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for image in page.images:
            found += [code.text for code in zxingcpp.read_barcodes(image.image.convert("L"))]
    return found


def path_of(url):
    assert url.startswith("http://testserver/")
    return url.removeprefix("http://testserver")


def status_of(client, path):
    response = client.get(path)
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    return response, text
