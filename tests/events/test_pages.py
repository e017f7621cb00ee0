"""Each event type as readers see it, in Latvian and English, with its schema.org data."""

import json
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.test.utils.form_data import querydict_from_html

from events.models import DiscussionExpert, EventMaterial, EventSpeaker
from tests.events.helpers import conference, days_from_now, discussion, riga, seminar
from tests.utils import soup, translate
from website.models import Person

pytestmark = pytest.mark.django_db

JSON_LD_KEYS = {
    "name",
    "startDate",
    "endDate",
    "eventAttendanceMode",
    "location",
    "organizer",
    "inLanguage",
}


def text(node):
    return " ".join(node.get_text().split())


def json_ld(response):
    """The page's one Event (beside it, the breadcrumbs' BreadcrumbList)."""
    scripts = soup(response).select('script[type="application/ld+json"]')
    events = [
        data for data in map(json.loads, (s.string for s in scripts)) if data["@type"] == "Event"
    ]
    assert len(events) == 1
    return events[0]


def facts(response):
    html = soup(response)
    return {text(dt): text(dt.find_next_sibling("dd")) for dt in html.select(".event__facts dt")}


@pytest.fixture
def people(locales):
    lv = Person.objects.create(
        name="Anna Bērziņa", role="sociālā darbiniece", organisation="Kuldīgas sociālais dienests"
    )
    en = lv.copy_for_translation(locales["en"])
    en.role, en.organisation = "social worker", "Kuldīga social service"
    en.save()
    moderator = Person.objects.create(name="Jānis Ozols", role="moderators")
    return {"speaker": lv, "moderator": moderator}


@pytest.fixture
def slides():
    document = get_document_model()(title="Konferences prezentācija")
    document.file.save("prezentacija.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
    document.file_size = 2_500_000
    document.save()
    return document


def test_conference_in_both_languages(client, event_index, people, slides):
    start, end = riga(2027, 11, 18, 10), riga(2027, 11, 18, 16)
    page = conference(
        event_index["lv"],
        "Sociālā darba konference",
        start,
        end,
        theme="Cilvēks. Ģimene. Kopiena",
        venue="Latvijas Nacionālā bibliotēka",
        town="Rīga",
        region="riga",
        esf_project="4.3.5.4",
        speakers=[EventSpeaker(person=people["speaker"])],
        materials=[EventMaterial(document=slides)],
        programme=[
            {
                "type": "slot",
                "value": {
                    "start_time": "10:00",
                    "end_time": "10:30",
                    "title": "Atklāšana",
                    "speakers": "Labklājības ministrija",
                    "description": "",
                },
            }
        ],
        topics=["Kopiena"],
    )
    translate(
        page,
        slug="social-work-conference",
        title="Social Work Conference",
        theme="Person. Family. Community",
    )

    lv = client.get("/lv/pasakumi/sociala-darba-konference/")
    assert lv.status_code == 200
    html = soup(lv)
    assert html.html["lang"] == "lv"
    assert html.h1.get_text(strip=True) == "Sociālā darba konference"
    lv_facts = facts(lv)
    assert lv_facts["Tēma"] == "Cilvēks. Ģimene. Kopiena"
    assert lv_facts["Kad"] == "2027. gada 18. novembris, 10:00–16:00"
    assert lv_facts["Kur"] == "Latvijas Nacionālā bibliotēka, Rīga"
    assert "Profesionāla un mūsdienīga sociālā darba attīstība" in lv_facts["Projekts"]
    assert html.select_one(".event__facts time")["datetime"] == "2027-11-18T10:00:00+02:00"
    assert "Atklāšana" in html.select_one("table.programme").get_text()
    assert "Anna Bērziņa, sociālā darbiniece" in text(html.select_one(".event__people"))
    material = html.select_one(".event__materials li")
    assert material.a["href"] == slides.url
    assert "(PDF, 2,4 MB)" in text(material)
    topic = html.select_one(".tag-list a")
    assert topic.get_text() == "Kopiena" and topic["href"] == "/lv/pasakumi/?topic=kopiena"
    assert html.select_one("a[download][href$='/ical/']")["href"] == (
        "/lv/pasakumi/sociala-darba-konference/ical/"
    )

    en = client.get("/en/events/social-work-conference/")
    assert en.status_code == 200
    html = soup(en)
    assert html.html["lang"] == "en"
    en_facts = facts(en)
    assert en_facts["Theme"] == "Person. Family. Community"
    assert en_facts["When"] == "18 November 2027, 10:00–16:00"
    # The speaker in the reader's language.
    assert "Anna Bērziņa, social worker, Kuldīga social service" in text(
        html.select_one(".event__people")
    )

    data = json_ld(lv)
    assert JSON_LD_KEYS <= set(data)
    assert data["@type"] == "Event"
    assert data["name"] == "Sociālā darba konference"
    assert data["startDate"] == "2027-11-18T10:00:00+02:00"
    assert data["endDate"] == "2027-11-18T16:00:00+02:00"
    assert data["inLanguage"] == "lv"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"]["addressLocality"] == "Rīga"
    assert data["organizer"]["name"] == "Latvijas Republikas Labklājības ministrija"
    assert data["performer"] == [{"@type": "Person", "name": "Anna Bērziņa"}]
    assert json_ld(en)["inLanguage"] == "en"


def test_discussion_in_both_languages(client, event_index, people):
    start, end = riga(2020, 12, 17, 13), riga(2020, 12, 17, 15)
    page = discussion(
        event_index["lv"],
        "Pirmssvētku saruna",
        start,
        end,
        topic="Kā parūpēties par sevi",
        moderator=people["moderator"],
        experts=[DiscussionExpert(person=people["speaker"])],
        attendance_mode="online",
        online_url="https://video.example.org/saruna",
    )
    translate(page, slug="pre-holiday-talk", title="Pre-holiday talk", topic="Caring for oneself")

    lv = client.get("/lv/pasakumi/pirmssvetku-saruna/")
    assert lv.status_code == 200
    lv_facts = facts(lv)
    assert lv_facts["Tēma"] == "Kā parūpēties par sevi"
    assert lv_facts["Moderators"] == "Jānis Ozols, moderators"
    assert "Anna Bērziņa" in lv_facts["Eksperti"]
    assert lv_facts["Norises veids"] == "Tiešsaistē"
    assert "(pasākums ir noticis)" in lv_facts["Kad"]
    # A past event's stream link is not offered.
    assert "video.example.org" not in soup(lv).select_one(".event__facts").decode()

    en = client.get("/en/events/pre-holiday-talk/")
    assert en.status_code == 200
    assert soup(en).html["lang"] == "en"
    en_facts = facts(en)
    assert en_facts["Topic"] == "Caring for oneself"
    assert "Anna Bērziņa, social worker" in en_facts["Experts"]

    data = json_ld(en)
    assert JSON_LD_KEYS <= set(data)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://video.example.org/saruna",
    }
    assert {"@type": "Person", "name": "Jānis Ozols"} in data["performer"]


def test_seminar_in_both_languages(client, event_index):
    page = seminar(
        event_index["lv"],
        "Vardarbība",
        [
            (riga(2027, 5, 12, 10), riga(2027, 5, 12, 14), "Kuldīga", "kurzeme"),
            (riga(2027, 5, 19, 10), riga(2027, 5, 19, 14), "Preiļi", "latgale"),
        ],
        topic="Vardarbība ģimenē",
    )
    translate(page, slug="violence", title="Violence", topic="Domestic violence")

    for url, language, heading in (
        ("/lv/pasakumi/vardarbiba/", "lv", "Kur un kad"),
        ("/en/events/violence/", "en", "Where and when"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        html = soup(response)
        assert html.html["lang"] == language
        assert html.select_one("#occurrences-heading").get_text() == heading
        rows = [
            [cell.get_text(strip=True) for cell in row.select("td")]
            for row in html.select(".event__section table tbody tr")
        ]
        assert [row[1] for row in rows] == ["Kuldīga", "Preiļi"]
        assert rows[1][3] == "Latgale"

    data = json_ld(client.get("/lv/pasakumi/vardarbiba/"))
    assert JSON_LD_KEYS <= set(data)
    assert data["startDate"] == "2027-05-12T10:00:00+03:00"
    assert data["endDate"] == "2027-05-19T14:00:00+03:00"
    assert [place["address"]["addressLocality"] for place in data["location"]] == [
        "Kuldīga",
        "Preiļi",
    ]
    assert [event["startDate"] for event in data["subEvent"]] == [
        "2027-05-12T10:00:00+03:00",
        "2027-05-19T10:00:00+03:00",
    ]


def test_a_seminar_without_occurrences_still_renders(client, event_index):
    seminar(event_index["lv"], "Drīzumā")
    response = client.get("/lv/pasakumi/drizuma/")
    assert response.status_code == 200
    assert facts(response)["Kad"] == "Datums tiks paziņots"
    assert "tiks paziņoti" in soup(response).select_one("#occurrences-heading").parent.get_text()
    assert not soup(response).select("a[download][href$='/ical/']")
    data = json_ld(response)
    assert "startDate" not in data and data["name"] == "Drīzumā"


def test_an_approximate_date_hides_the_day_and_the_calendar(client, event_index):
    conference(event_index["lv"], "Resursi", riga(2019, 11, 14, 10), date_is_approximate=True)
    response = client.get("/lv/pasakumi/resursi/")
    when = facts(response)["Kad"]
    assert "2019. gada novembris (aptuvens datums)" in when
    assert "14" not in when and "10:00" not in when
    assert soup(response).select_one(".event__facts time")["datetime"] == "2019-11"
    assert not soup(response).select("a[download][href$='/ical/']")
    # Not "2019-11": schema.org and Google take a complete date, and any day would be invented.
    data = json_ld(response)
    assert "startDate" not in data and "endDate" not in data


def test_registration_is_offered_until_its_deadline(client, event_index):
    start, end = days_from_now(30)
    conference(
        event_index["lv"],
        "Atvērta",
        start,
        end,
        registration_url="https://forms.example.org/a",
        registration_deadline=start - timedelta(days=7),
    )
    conference(
        event_index["lv"],
        "Slēgta",
        start,
        end,
        registration_url="https://forms.example.org/b",
        registration_deadline=start - timedelta(days=40),
    )
    open_page = soup(client.get("/lv/pasakumi/atverta/"))
    assert open_page.select_one(".event__registration a")["href"] == "https://forms.example.org/a"
    closed = soup(client.get("/lv/pasakumi/slegta/"))
    assert closed.select_one(".event__registration") is None
    assert "Reģistrācija ir slēgta." in closed.select_one(".notice").get_text()


def test_json_ld_cannot_be_broken_out_of(client, event_index):
    conference(
        event_index["lv"],
        "Tituls </script><script>alert(1)</script>",
        riga(2027, 1, 1, 10),
        slug="tituls",
    )
    response = client.get("/lv/pasakumi/tituls/")
    assert "<script>alert(1)" not in response.content.decode()
    assert json_ld(response)["name"] == "Tituls </script><script>alert(1)</script>"


def test_an_unsaved_event_can_be_previewed(client, event_index, admin_user):
    client.force_login(admin_user)
    add_url = f"/admin/pages/add/events/seminarpage/{event_index['lv'].pk}/"
    data = querydict_from_html(client.get(add_url).content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "Priekšskatījums",
            "slug": "prieksskatijums",
            "programme-count": "0",
            "recordings-count": "0",
            "occurrences-TOTAL_FORMS": "1",
            "occurrences-0-start": "2027-05-12 10:00",
            "occurrences-0-end": "2027-05-12 14:00",
            "occurrences-0-town": "Kuldīga",
            "occurrences-0-ORDER": "1",
        }
    )
    preview_url = f"{add_url}preview/"
    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url)
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Priekšskatījums"
    assert "2027. gada 12. maijs" in facts(response)["Kad"]


def test_a_recording_is_embedded(client, event_index):
    # The embed as Wagtail caches it after asking the provider, so the test needs no network.
    url = "https://www.youtube.com/watch?v=konference2022"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html='<iframe title="Viņi ir mēs" src="https://www.youtube-nocookie.com/embed/x"></iframe>',
    )
    conference(
        event_index["lv"],
        "Viņi ir mēs",
        riga(2022, 11, 17, 10),
        recordings=[{"type": "video", "value": {"video": url, "title": "Konferences ieraksts"}}],
    )
    html = soup(client.get("/lv/pasakumi/vini-ir-mes/"))
    section = html.select_one("#recordings-heading").parent
    assert section.select_one("iframe")["src"] == "https://www.youtube-nocookie.com/embed/x"
    assert text(section.select_one("figcaption")) == "Konferences ieraksts"
