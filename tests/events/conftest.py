from events.models import EventIndexPage
from tests.shared import shared_fixture
from tests.utils import add_bilingual_page


@shared_fixture
def event_index(site_tree):
    """The Events section in Latvian and English."""
    return add_bilingual_page(
        site_tree["lv"],
        EventIndexPage,
        lv={
            "title": "Pasākumi",
            "slug": "pasakumi",
            "introduction": "Konferences, diskusijas un semināri.",
        },
        en={"slug": "events", "title": "Events", "introduction": "Conferences and more."},
    )
