import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from website.models import NavigationMenu

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "menus": NavigationMenu.objects.count(),
    }


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
