"""The whole demo site as load_demo_content builds it: demo_content (tests/conftest.py) is the
command's result, built once per test run with DJANGO_SUPERUSER_PASSWORD set."""

import hashlib
import io

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision

from registrations.models import Participant
from tests.databases import DEMO_ADMIN_PASSWORD
from website.models import HomePage, NavigationMenu, StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_media")]


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "menus": NavigationMenu.objects.count(),
        "participants": Participant.objects.count(),
    }


def test_the_demo_site_is_bilingual_and_a_second_load_changes_nothing(client):
    first = counts()
    call_command("load_demo_content", stdout=io.StringIO())
    assert counts() == first
    en = Locale.objects.get(language_code="en")

    assert HomePage.objects.filter(locale__language_code="lv").count() == 1
    assert HomePage.objects.filter(locale__language_code="en").count() == 1
    for slug in ("par-portalu", "pieklustamibas-pazinojums", "privatuma-politika", "kontakti"):
        page = StandardPage.objects.get(slug=slug)
        assert page.get_translation_or_none(en) is not None
    # Each file records its size and SHA-1 as an upload through the admin would.
    for model in (get_document_model(), get_image_model()):
        files = model.objects.all()
        assert files
        for obj in files:
            with obj.open_file() as f:
                content = f.read()
            assert (obj.file_size, obj.file_hash) == (
                len(content),
                hashlib.sha1(content).hexdigest(),
            )
    assert client.get("/lv/").status_code == 200
    assert client.get("/en/accessibility-statement/").status_code == 200
    # Through the admin's login form: login throttling (django-axes) needs the request.
    response = client.post("/admin/login/", {"username": "admin", "password": DEMO_ADMIN_PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_registrations_demo_has_only_demo_participants():
    # The past seminar's six and the five registered for the upcoming one; nobody else.
    assert Participant.objects.filter(is_demo=True).count() == Participant.objects.count() == 11
