from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from methodologies.models import MethodologyIndexPage, MethodologyPage, TargetGroup
from website.home import HomeSection
from website.snippet_views import SnippetViewSet

HOME_ITEMS = 3


class TargetGroupViewSet(SnippetViewSet):
    add_item_label = _("Add a target group")
    model = TargetGroup
    icon = "group"
    menu_label = _("Target groups")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


register_snippet(TargetGroupViewSet)


@hooks.register("register_home_section")
def methodologies_home_section(request, home_page):
    """The newest methodologies of the home page's language, in three queries."""
    index = MethodologyIndexPage.objects.child_of(home_page).live().public().first()
    if index is None:
        return None
    items = list(
        MethodologyPage.objects.child_of(index)
        .live()
        .public()
        .newest_first()
        .for_listing()[:HOME_ITEMS]
    )
    if not items:
        return None
    return HomeSection(
        key="methodologies",
        title=index.title,
        template="methodologies/home_section.html",
        items=items,
        more_url=index.get_url(request),
        more_text=_("All methodologies"),
        order=10,
    )
