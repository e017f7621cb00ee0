import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from methodologies.models import (
    MethodologyIndexPage,
    MethodologyPage,
    MethodologyPageForm,
    MethodologyRelatedPage,
    TargetGroup,
)
from tests.utils import add_page, translate
from website.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_tree_rules():
    assert MethodologyIndexPage in HomePage.allowed_subpage_models()
    assert MethodologyIndexPage.allowed_parent_page_models() == [HomePage]
    assert MethodologyIndexPage.allowed_subpage_models() == [MethodologyPage]
    assert MethodologyPage.allowed_parent_page_models() == [MethodologyIndexPage]
    assert MethodologyPage.allowed_subpage_models() == []


def test_one_methodology_index_per_home_page(index_pages, site_tree):
    assert not MethodologyIndexPage.can_create_at(site_tree["lv"])
    assert MethodologyPage.can_create_at(Page.objects.get(pk=index_pages["lv"].pk).specific)
    assert not StandardPage.can_create_at(Page.objects.get(pk=index_pages["lv"].pk).specific)


def test_target_group_slug_is_unique_per_language(target_groups, locales):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        TargetGroup.objects.create(locale=locales["lv"], name="Citi seniori", slug="seniori")
    # The same slug in the other language is another group's business.
    TargetGroup.objects.create(locale=locales["en"], name="Kopiena (lv slug)", slug="kopiena")


def test_translating_a_page_links_the_target_groups_of_its_language(index_pages, target_groups):
    seniors, community = target_groups["seniors"], target_groups["community"]
    page = add_page(
        index_pages["lv"],
        MethodologyPage,
        title="Abām",
        slug="abam",
        target_groups=[seniors["lv"], community["lv"]],
    )
    english = translate(page, slug="both", title="Both")
    assert set(english.target_groups.all()) == {seniors["en"], community["en"]}
    assert set(page.target_groups.all()) == {seniors["lv"], community["lv"]}


def test_a_group_without_translation_stays_linked(index_pages, target_groups, locales):
    lonely = TargetGroup.objects.create(locale=locales["lv"], name="Jaunieši", slug="jauniesi")
    page = add_page(
        index_pages["lv"], MethodologyPage, title="Jauniešiem", slug="j", target_groups=[lonely]
    )
    english = translate(page, slug="youth", title="For young people")
    assert list(english.target_groups.all()) == [lonely]


def test_admin_form_offers_the_target_groups_of_the_pages_language(
    index_pages, target_groups, admin_user
):
    page = add_page(index_pages["en"], MethodologyPage, title="English", slug="english")
    form_class = MethodologyPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, MethodologyPageForm)
    form = form_class(instance=page, for_user=admin_user)
    offered = set(form.fields["target_groups"].queryset)
    assert offered == {target_groups["seniors"]["en"], target_groups["community"]["en"]}


def test_related_pages_may_be_methodologies_or_events_only(index_pages, site_tree):
    methodology = add_page(index_pages["lv"], MethodologyPage, title="Kopiena", slug="kopiena")
    other = add_page(site_tree["lv"], StandardPage, title="Kontakti", slug="kontakti")
    with pytest.raises(ValidationError) as error:
        MethodologyRelatedPage(page=methodology, related_page=other).clean()
    assert "related_page" in error.value.message_dict
    MethodologyRelatedPage(page=methodology, related_page=methodology).clean()


def test_events_are_accepted_as_related_and_shown_on_the_page(client, index_pages, site_tree):
    from events.models import EventIndexPage
    from tests.events.helpers import conference, riga

    methodology = add_page(index_pages["lv"], MethodologyPage, title="Kopiena", slug="kopiena")
    events = add_page(site_tree["lv"], EventIndexPage, title="Pasākumi", slug="pasakumi")
    event = conference(events, "Kopienas konference", riga(2024, 5, 1, 10))
    for page in (events, event):
        related = MethodologyRelatedPage(page=methodology, related_page=page)
        related.clean()  # an event app's page: accepted (its section page too)
    methodology.related_links = [MethodologyRelatedPage(related_page=event)]
    methodology.save_revision().publish()
    html = client.get("/lv/metodikas/kopiena/").content.decode()
    assert "Kopienas konference" in html and event.url in html


def test_card_meta_and_summary(index_pages, target_groups):
    page = add_page(
        index_pages["lv"],
        MethodologyPage,
        title="Kopienai",
        slug="kopienai",
        year=2020,
        introduction="Ievads par kopienu.",
        target_groups=[target_groups["community"]["lv"], target_groups["seniors"]["lv"]],
    )
    assert page.card_meta == "Kopiena, Seniori · 2020"
    assert page.summary == "Ievads par kopienu."
    page.listing_summary = "Īss kopsavilkums."
    assert page.summary == "Īss kopsavilkums."


def test_editor_can_open_the_methodology_form_in_latvian(client, index_pages, admin_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "lv"
    profile.save()
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/add/methodologies/methodologypage/{index_pages['lv'].pk}/")
    assert response.status_code == 200
    for label in ("Sastāvdaļas", "Metodiskais materiāls", "Izstrādātāji un autori"):
        assert label in response.text
