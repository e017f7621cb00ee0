"""Demo registrations: a past seminar whose participants were checked in and got certificates.

``manage.py load_demo_content`` calls ``load`` after the events' demo (INSTALLED_APPS order), in
the same transaction. The seminar is an example dated relative to the day the demo is first
loaded (two weeks before), with one visit in Valmiera; its participants are made up and marked
``is_demo`` ("Demo dalībnieks 1", … at example.invalid addresses, which no mail reaches). Five
attended: four have certificates (one of them revoked, to show the page of a revoked
certificate); the fifth has none yet, so the moderators' "issue" button has something to do.
No mail is sent and no PDF is made while loading: the PDF is made when it is downloaded.
Running it again changes nothing.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.apps import apps
from django.utils import timezone

from registrations import certificates
from registrations.models import Offer, Participant, Status

RIGA = ZoneInfo("Europe/Riga")
SLUG_LV = "piemers-supervizija-socialaja-darba"
SLUG_EN = "example-supervision-in-social-work"
PARTICIPANTS = [
    # (number, language, attended, certificate: None, "valid" or "revoked")
    (1, "lv", True, "valid"),
    (2, "lv", True, "valid"),
    (3, "en", True, "valid"),
    (4, "lv", True, "revoked"),
    (5, "lv", True, None),
    (6, "lv", False, None),
]


def load(loader):
    add_past_event_with_certificates(loader)


def add_past_event_with_certificates(loader, days_ago=14):
    """The past seminar, its offer, demo participants and their certificates. Returns the
    offer."""
    loader.step("Registrations: a past seminar with demo participants and certificates")
    event_index = apps.get_model("events", "EventIndexPage")
    seminar_page = apps.get_model("events", "SeminarPage")
    occurrence_model = apps.get_model("events", "SeminarOccurrence")
    index = event_index.objects.filter(locale=loader.locales["lv"]).first()
    if index is None:
        loader.detail("no Events section: skipped")
        return None
    day = timezone.localdate(timezone=RIGA) - timedelta(days=days_ago)
    start = datetime.combine(day, time(10, 0), tzinfo=RIGA)
    page = loader.page(
        index,
        seminar_page,
        SLUG_LV,
        title="Piemērs: supervīzija sociālā darba praksē",
        introduction=(
            "Piemērs demonstrācijas vietnei: reģionālais seminārs, kurā dalībnieki reģistrējās "
            "portālā un pēc tam saņēma apliecības ar QR kodu."
        ),
        topic="Supervīzija sociālā darba praksē",
        attendance_mode="offline",
        esf_project="4.3.5.4",
        occurrences=[
            occurrence_model(
                start=start,
                end=start + timedelta(hours=6),
                town="Valmiera",
                venue="Valmieras novada pašvaldība",
                region="vidzeme",
                sort_order=0,
            )
        ],
    )
    loader.translate(
        page,
        slug=SLUG_EN,
        title="Example: supervision in social work practice",
        introduction=(
            "An example for the demo site: a regional seminar whose participants registered on "
            "the portal and then received certificates with a QR code."
        ),
        topic="Supervision in social work practice",
    )
    visit = page.occurrences.first()
    offer, created = Offer.objects.get_or_create(
        event=page,
        session_key=str(visit.calendar_uid),
        defaults={"capacity": 25, "hours": Decimal("6.0"), "is_open": False},
    )
    loader.created += created
    for number, language, attended, certificate in PARTICIPANTS:
        _participant(loader, offer, number, language, attended, start, certificate)
    return offer


def _participant(loader, offer, number, language, attended, start, certificate):
    name = f"Demo dalībnieks {number}" if language == "lv" else f"Demo participant {number}"
    person, created = Participant.objects.get_or_create(
        offer=offer,
        email=f"demo.dalibnieks{number}@example.invalid",
        defaults={
            "name": name,
            "municipality": "Valmieras novads",
            "institution": "Demo sociālais dienests",
            "position": "sociālais darbinieks",
            "consent_at": start - timedelta(days=10),
            "language": language,
            "status": Status.CONFIRMED,
            "attended_at": start + timedelta(minutes=5) if attended else None,
            "hours": offer.hours if attended else None,
            "is_demo": True,
        },
    )
    loader.created += created
    if certificate is None or person.certificates.exists():
        return
    try:
        issued, _mailed = certificates.issue(person, send=False)
    except certificates.CertificateError as error:  # e.g. no DejaVu font on this machine
        loader.detail(f"no certificate for {person.name}: {error}")
        return
    loader.created += 1
    if certificate == "revoked":
        certificates.revoke(issued, None, "Demo: izsniegta kļūdaini")
    loader.detail(f"{issued.number} ({certificate}): {person.name}")
