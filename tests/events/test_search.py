"""Events are found by site search: title, theme or topic, summary, programme, people, towns."""

import pytest
from wagtail.models import Locale, Page

from events.models import DiscussionExpert, EventSpeaker
from sitesearch.analysis import analyse
from tests.events.helpers import conference, discussion, riga, seminar
from website.models import Person

pytestmark = pytest.mark.django_db


def search(query, language="lv"):
    pages = Page.objects.live().filter(locale=Locale.objects.get(language_code=language))
    return {page.title for page in pages.search(analyse(query, language), operator="or")}


@pytest.fixture
def searchable(event_index):
    index = event_index["lv"]
    expert = Person.objects.create(name="Indulis Paičs", role="mācītājs")
    speaker = Person.objects.create(name="Maija Muceniece")
    conference(
        index,
        "Ikgadējā konference",
        riga(2021, 11, 18, 10),
        theme="Cilvēks. Ģimene. Kopiena",
        speakers=[EventSpeaker(person=speaker)],
        programme=[
            {
                "type": "slot",
                "value": {
                    "start_time": "11:00",
                    "end_time": "",
                    "title": "Supervīzija pašvaldībās",
                    "speakers": "",
                    "description": "",
                },
            }
        ],
    )
    discussion(
        index,
        "Pirmssvētku saruna",
        riga(2020, 12, 17, 13),
        experts=[DiscussionExpert(person=expert)],
    )
    seminar(
        index,
        "Metodiskais seminārs",
        [(riga(2020, 9, 10, 10), riga(2020, 9, 10, 14), "Kuldīga", "kurzeme")],
        topic="Attālinātās mācīšanas sekas bērnos",
    )


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("ģimenes", "Ikgadējā konference"),  # theme, inflected
        ("supervizija", "Ikgadējā konference"),  # programme, without diacritics
        ("Muceniece", "Ikgadējā konference"),  # speaker
        ("Paičs", "Pirmssvētku saruna"),  # expert
        ("kuldiga", "Metodiskais seminārs"),  # town of an occurrence
        ("attalinata macisana", "Metodiskais seminārs"),  # topic
    ],
)
def test_events_are_found(searchable, query, title):
    assert title in search(query)
