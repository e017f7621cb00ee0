from events.models import EventIndexPage
from tests.shared import shared_fixture
from tests.utils import add_page, translate


@shared_fixture
def event_index(site_tree):
    """The Events section in Latvian and English."""
    lv = add_page(
        site_tree["lv"],
        EventIndexPage,
        title="Pasākumi",
        slug="pasakumi",
        introduction="Konferences, diskusijas un semināri.",
    )
    en = translate(lv, slug="events", title="Events", introduction="Conferences and more.")
    return {"lv": lv, "en": en}
