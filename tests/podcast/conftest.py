from podcast.models import EpisodePage, PodcastPage
from tests.podcast.samples import make_document, make_image, mp3_bytes
from tests.shared import shared_fixture
from tests.utils import add_page, translate


@shared_fixture
def audio(db):
    return make_document(mp3_bytes(), "epizode.mp3", "Epizodes ieraksts")


@shared_fixture
def artwork(db):
    return make_image((1400, 1400))


@shared_fixture
def show(site_tree, artwork):
    return add_page(
        site_tree["lv"],
        PodcastPage,
        title="Ne tikai par sociālo darbu",
        slug="raidieraksts",
        description="Labklājības ministrijas raidieraksts par sociālo darbu.",
        artwork=artwork,
        author="Labklājības ministrija",
        owner_name="Labklājības ministrija",
        owner_email="raidieraksts@example.org",
        copyright="© Labklājības ministrija",
        category="Education",
        secondary_category="Society & Culture > Relationships",
        esf_project="9.2.1.1/15/I/001",
    )


@shared_fixture
def show_en(show):
    return translate(
        show,
        slug="podcast",
        title="Not Only About Social Work",
        description="The Ministry of Welfare's podcast about social work.",
        author="Ministry of Welfare",
    )


def add_episode(show, number, audio=None, **fields):
    fields.setdefault("title", f"Epizode {number}")
    fields.setdefault("slug", f"epizode-{number}")
    fields.setdefault("description", f"Par ko ir {number}. epizode.")
    return add_page(show, EpisodePage, number=number, audio=audio, **fields)
