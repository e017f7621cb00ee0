from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from website import editorial
from website.models import FooterText, NavigationMenu, Person, Topic
from website.snippet_views import SnippetViewSet


class PersonViewSet(SnippetViewSet):
    add_item_label = _("Add a person")
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "organisation", "locale"]
    list_filter = ["locale", "is_example"]
    search_fields = ["name", "organisation"]


class TopicViewSet(SnippetViewSet):
    """The vocabulary of topics (website.models.topics): moderators add, translate and publish
    topics; editors choose among the published ones in the page editor."""

    add_item_label = _("Add a topic")
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "locale", LiveStatusTagColumn(), UpdatedAtColumn()]
    list_filter = ["locale", "live"]
    search_fields = ["name"]
    ordering = ["name"]
    copy_view_enabled = False


class NavigationMenuViewSet(SnippetViewSet):
    add_item_label = _("Add a menu")
    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Menus")
    list_display = ["__str__", "handle", "locale"]
    list_filter = ["handle", "locale"]


class FooterTextViewSet(SnippetViewSet):
    add_item_label = _("Add a footer text")
    model = FooterText
    icon = "pilcrow"
    menu_label = _("Footer")
    list_display = ["organisation", "locale"]


class SiteContentGroup(SnippetViewSetGroup):
    menu_label = _("Site content")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (PersonViewSet, TopicViewSet, NavigationMenuViewSet, FooterTextViewSet)


register_snippet(SiteContentGroup)


# Translations (website.editorial) ---------------------------------------------------------
# These admin URLs are the same as wagtail-localize's own and are registered before them (this
# app comes first in INSTALLED_APPS), so they answer instead: the same views, with the
# permission checks wagtail-localize leaves out (and the report's labels in Latvian).


@hooks.register("register_admin_urls")
def checked_translation_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            editorial.SubmitPageTranslationView.as_view(),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            editorial.SubmitSnippetTranslationView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            editorial.UpdateTranslationsView.as_view(),
        ),
        path("localize/reports/translations/", editorial.TranslationsReportView.as_view()),
        path(
            "localize/reports/translations/results/",
            editorial.TranslationsReportView.as_view(results_only=True),
        ),
    ]


hooks.register("before_edit_page", editorial.before_edit_page)


@hooks.register("register_admin_viewset")
def page_views():
    # After Wagtail's own (order -1), so that it answers for every page type.
    return editorial.EditorialPageViewSet()


hooks.register("before_edit_snippet", editorial.before_edit_snippet)
