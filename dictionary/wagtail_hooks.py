from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSetGroup

from dictionary.models import DictionaryPage, SubjectField, Term
from dictionary.search import search_queryset
from website.editorial import SnippetWorkflowActionView
from website.home import HomeSection
from website.snippet_views import SnippetViewSet


class TermIndexView(IndexView):
    """The admin list searches like the public dictionary: without diacritics, any form."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return search_queryset(queryset, self.search_query)


class TermViewSet(SnippetViewSet):
    add_item_label = _("Add an entry")
    model = Term
    icon = "openquote"
    menu_label = _("Entries")
    index_view_class = TermIndexView
    list_display = [
        "headword",
        Column("equivalent", label=_("English equivalent")),
        "subject_field",
        LiveStatusTagColumn(),
        UpdatedAtColumn(),
    ]
    list_filter = ["live", "subject_field", "part_of_speech"]
    list_per_page = 50
    ordering = ["sort_key"]
    copy_view_enabled = False
    # Approving or rejecting an entry says so.
    workflow_action_view_class = SnippetWorkflowActionView

    def get_queryset(self, request):
        return Term.objects.select_related("subject_field__parent").prefetch_related("equivalents")


class SubjectFieldViewSet(SnippetViewSet):
    add_item_label = _("Add a subject field")
    model = SubjectField
    icon = "folder-inverse"
    menu_label = _("Subject fields")
    list_display = ["__str__", "name_en"]
    search_fields = ["name", "name_en"]


class DictionaryGroup(SnippetViewSetGroup):
    menu_label = _("Dictionary")
    menu_icon = "openquote"
    menu_order = 310
    items = (TermViewSet, SubjectFieldViewSet)


register_snippet(DictionaryGroup)


@hooks.register("register_home_section")
def dictionary_home_section(request, home_page):
    """A search box and the alphabet on the home page: the dictionary is a daily tool."""
    page = DictionaryPage.for_language(home_page.locale.language_code, request)
    if page is None:
        return None
    return HomeSection(
        key="dictionary",
        title=page.full_title,
        template="dictionary/home_section.html",
        items=[
            {
                "search_url": page.route_url("search"),
                "suggest_url": page.route_url("suggest"),
                "letters": page.letters(),
            }
        ],
        more_url=page.base_url,
        more_text=_("Open the dictionary"),
        order=60,
    )
