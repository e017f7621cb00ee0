from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from events.models import EventIndexPage, EventPage
from website.home import HomeSection

HOME_SECTION_SIZE = 3


@hooks.register("register_home_section")
def upcoming_events(request, home_page):
    """The next few events of the reader's language, soonest first (nothing when none is)."""
    # The home page shown is the one in the reader's language: its locale costs no query.
    in_language = EventPage.objects.live().public().filter(locale_id=home_page.locale_id)
    events = list(in_language.upcoming().for_listing()[:HOME_SECTION_SIZE])
    if not events:
        return None
    index = EventIndexPage.objects.live().filter(locale_id=home_page.locale_id).first()
    return HomeSection(
        key="events",
        title=_("Upcoming events"),
        template="events/home_section.html",
        items=events,
        more_url=index.get_url(request) if index else "",
        more_text=_("All events"),
        order=20,
    )
