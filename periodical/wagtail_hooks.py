from django.utils.translation import gettext as _
from wagtail import hooks

from periodical.models import ArticlePage, IssuePage, PeriodicalPage
from website.home import HomeSection

HOME_ARTICLES = 6


@hooks.register("register_home_section")
def latest_issue_section(request, home_page):
    """The latest issue with its first articles, in four queries."""
    periodical = PeriodicalPage.objects.child_of(home_page).live().first()
    if periodical is None:
        return None
    # One query for the view restrictions, shared by both lists (.public() would run it twice).
    private = IssuePage.objects.private_q()
    issue = (
        IssuePage.objects.child_of(periodical)
        .live()
        .exclude(private)
        # One cover: its rendition comes from Wagtail's rendition cache, no prefetch query.
        .select_related("cover_image")
        .newest_first()
        .first()
    )
    if issue is None:
        return None
    articles = list(ArticlePage.objects.child_of(issue).live().exclude(private))
    articles.sort(key=ArticlePage.contents_order)
    issue.contents_preview = articles[:HOME_ARTICLES]
    return HomeSection(
        key="periodical",
        title=_("%(periodical)s: the latest issue") % {"periodical": periodical.title},
        template="periodical/home_section.html",
        items=[issue],
        more_url=periodical.get_url(request),
        more_text=_("All issues of the periodical"),
        order=40,
    )
