import hashlib

import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from website.models import HomePage, NavigationMenu, StandardPage

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "menus": NavigationMenu.objects.count(),
    }


def test_demo_content_builds_a_bilingual_site_and_is_idempotent(client, locales, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "demo-password-123")
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    first = counts()
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    assert counts() == first

    assert HomePage.objects.filter(locale__language_code="lv").count() == 1
    assert HomePage.objects.filter(locale__language_code="en").count() == 1
    for slug in ("par-portalu", "pieklustamibas-pazinojums", "privatuma-politika", "kontakti"):
        page = StandardPage.objects.get(slug=slug)
        assert page.get_translation_or_none(locales["en"]) is not None
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
    response = client.post("/admin/login/", {"username": "admin", "password": "demo-password-123"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_malformed_data_file_stops_the_load_and_changes_nothing(locales, tmp_path, monkeypatch):
    import website.demo

    broken = tmp_path / "site.json"
    broken.write_text('{"home": ', encoding="utf-8")
    monkeypatch.setattr(website.demo, "DATA", broken)
    before = counts()
    with pytest.raises(CommandError, match="site.json"):
        call_command("load_demo_content", stdout=open("/dev/null", "w"))
    assert counts() == before


def test_a_missing_data_file_is_named(locales, tmp_path, monkeypatch):
    import website.demo

    monkeypatch.setattr(website.demo, "DATA", tmp_path / "missing.json")
    with pytest.raises(CommandError, match="missing.json"):
        call_command("load_demo_content", stdout=open("/dev/null", "w"))
