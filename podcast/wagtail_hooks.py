from django.utils.translation import gettext as _
from wagtail import hooks

from podcast.models import EpisodePage, PodcastPage
from website.home import HOOK_NAME, HomeSection


@hooks.register(HOOK_NAME)
def latest_episode(request, home_page):
    """The newest episode with a recording, playable from the home page (three queries)."""
    # public() also leaves out the episodes of a show whose page is restricted.
    episode = (
        EpisodePage.objects.descendant_of(home_page)
        .live()
        .public()
        .with_audio()
        .newest_first()
        .select_related("audio")
        .first()
    )
    if episode is None:
        return None
    show = PodcastPage.objects.parent_of(episode).first()
    return HomeSection(
        key="podcast",
        title=_("Latest podcast episode"),
        template="podcast/home_section.html",
        items=[episode],
        more_url=show.get_url(request),
        more_text=_("All episodes of “%(show)s”") % {"show": show.title},
        order=40,
    )
