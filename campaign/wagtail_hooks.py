from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from campaign.models import CampaignPage, DiaryEntryPage, Municipality
from website.home import HomeSection
from website.snippet_views import SnippetViewSet

HOME_DIARY_ENTRIES = 3


class MunicipalityViewSet(SnippetViewSet):
    add_item_label = _("Add a municipality")
    model = Municipality
    icon = "site"
    menu_label = _("Memorandum: municipalities")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "planning_region", "date_joined", "is_demo"]
    list_filter = ["planning_region", "is_demo"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(MunicipalityViewSet)


@hooks.register("register_home_section")
def campaign_home_section(request, home_page):
    """The campaign's newest public diary entries, in three queries whatever their number.

    (A fourth fetches image renditions when the entries have listing images.)
    """
    campaign = CampaignPage.objects.live().filter(locale__language_code=get_language()).first()
    if campaign is None:
        return None
    # public() also leaves out every entry when the campaign itself is restricted.
    entries = list(
        DiaryEntryPage.objects.child_of(campaign)
        .live()
        .public()
        .latest_first()
        .select_related("author")
        .with_image()[:HOME_DIARY_ENTRIES]
    )
    if not entries:
        return None
    return HomeSection(
        key="campaign",
        title=campaign.title,
        template="campaign/home_section.html",
        items=entries,
        more_url=campaign.get_url(request),
        more_text=_("Portraits, diaries and the memorandum"),
        order=70,
    )
