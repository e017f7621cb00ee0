import os

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

QUIET = {"stdout": open(os.devnull, "w")}


def test_restore_names_a_missing_backup(tmp_path, db):
    with pytest.raises(CommandError, match="No database backup"):
        call_command("restore_site", str(tmp_path / "nothing"), **QUIET)


# A restore is all or nothing ---------------------------------------------------------------


def small_site(title="Sākums"):
    """A few rows of every kind a restore must keep: pages, a user, a dictionary entry."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale, Site

    from tests.utils import add_page
    from website.models import HomePage, StandardPage

    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePage(title=title, slug="sakums", hero_title=title, locale=Locale.get_default())
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
    add_page(home, StandardPage, title="Par projektu", slug="par-projektu")
    get_user_model().objects.get_or_create(username="redaktore")
    return home


def census():
    from django.contrib.auth import get_user_model

    return {
        "pages": sorted(Page.objects.values_list("url_path", "title")),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
        "revisions": Revision.objects.count(),
    }


def rewrite_backup(directory, change):
    """Apply `change` to the list of rows in the backup's data file."""
    import gzip
    import json

    path = directory / "data.json.gz"
    with gzip.open(path, "rt") as stream:
        rows = json.load(stream)
    change(rows)
    with gzip.open(path, "wt") as stream:
        json.dump(rows, stream)


def break_one_foreign_key(rows):
    page = next(row for row in rows if row["model"] == "wagtailcore.page" and row["pk"] > 1)
    page["fields"]["locale"] = 987654


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: rewrite_backup(d, break_one_foreign_key), "as it was"),
        (lambda d: (d / "data.json.gz").write_bytes(b"\x1f\x8b\x08\x00broken"), "cannot be read"),
        (lambda d: rewrite_backup(d, lambda rows: rows.append({"model": "nav.nav"})), "read"),
        (lambda d: (d / "media.tar.gz").write_bytes(b"not a tar"), "cannot be read"),
    ],
)
def test_a_failing_restore_leaves_the_site_as_it_was(tmp_path, settings, client, damage, message):
    small_site("Vecais sākums")
    call_command("backup_site", str(tmp_path / "backup"), **QUIET)
    small_site("Jaunais sākums")
    before = census()
    media_before = (
        sorted(p.name for p in settings.MEDIA_ROOT.rglob("*"))
        if settings.MEDIA_ROOT.exists()
        else []
    )
    damage(tmp_path / "backup")

    with pytest.raises(CommandError, match=message):
        call_command("restore_site", str(tmp_path / "backup"), "--replace", **QUIET)

    assert census() == before
    media_after = (
        sorted(p.name for p in settings.MEDIA_ROOT.rglob("*"))
        if settings.MEDIA_ROOT.exists()
        else []
    )
    assert media_after == media_before
    assert "Jaunais sākums" in client.get("/lv/").content.decode()


@pytest.mark.django_db
def test_after_a_restore_no_cache_serves_the_old_site(tmp_path, settings, client):
    settings.PAGE_CACHE_SECONDS = 600
    settings.HOME_SECTIONS_CACHE_SECONDS = 600
    small_site("Vecais sākums")
    call_command("backup_site", str(tmp_path / "backup"), **QUIET)
    small_site("Jaunais sākums")
    assert "Jaunais sākums" in client.get("/lv/").content.decode()
    assert client.get("/lv/")["X-Page-Cache"] == "hit"

    call_command("restore_site", str(tmp_path / "backup"), "--replace", **QUIET)
    response = client.get("/lv/")
    assert "Vecais sākums" in response.content.decode()
    assert "Jaunais sākums" not in response.content.decode()
