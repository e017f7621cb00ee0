"""Demo registrations, made up and marked as such (``is_demo``, "Demo dalībnieks 1", … at
example.invalid addresses, which no mail reaches):

- the upcoming example seminar of the events demo takes registrations for its first visit, partly
  taken (``open_seminar_registration``);
- a past example seminar, dated relative to the day the demo is first loaded (two weeks before),
  with one visit in Valmiera, whose participants were checked in and got certificates
  (``add_past_event_with_certificates``): five attended, four have certificates (one of them
  revoked, to show the page of a revoked certificate); the fifth has none yet, so the
  moderators' "issue" button has something to do.

``manage.py load_demo_content`` calls ``load`` after the events' demo (INSTALLED_APPS order), in
the same transaction. No mail is sent and no PDF is made while loading: the PDF is made when it
is downloaded. Running it again adds only what is missing.
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


# The events demo's upcoming seminar (events/demo/events.json, "upcoming").
UPCOMING_SEMINAR_SLUG = "piemers-starpprofesionalas-komandas-vietejo-krizu-risku-mazinasana"
DEMO_MUNICIPALITIES = ["Kuldīgas novads", "Liepāja", "Rīga", "Cēsu novads", "Valmieras novads"]


def load(loader):
    open_seminar_registration(loader)
    add_past_event_with_certificates(loader)


def _upcoming_seminar(loader):
    seminars = apps.get_model("events", "SeminarPage").objects.filter(locale=loader.locales["lv"])
    page = seminars.filter(slug=UPCOMING_SEMINAR_SLUG).first()
    if page is None:
        page = seminars.filter(end__gte=timezone.now()).order_by("start").first()
    return page


def open_seminar_registration(loader):
    """Registration open on the first visit of the upcoming seminar, partly taken."""
    page = _upcoming_seminar(loader)
    occurrence = page.occurrences.order_by("sort_order").first() if page else None
    if occurrence is None:
        loader.detail("Registrations: no upcoming seminar to open registration on.")
        return
    loader.step("Registrations: a seminar visit with registration open")
    offer, created = Offer.objects.get_or_create(
        event=page,
        session_key=str(occurrence.calendar_uid),
        defaults={
            "capacity": 25,
            "seats_per_municipality": 5,
            "hours": Decimal("6"),
            "is_open": True,
        },
    )
    loader.created += created
    if offer.participants.exists():
        return
    now = timezone.now()
    for number, municipality in enumerate(DEMO_MUNICIPALITIES, start=1):
        Participant.objects.create(
            offer=offer,
            name=f"Demo dalībnieks {number}",
            email=f"demo-dalibnieks-{number}@example.invalid",
            municipality=municipality,
            institution=f"{municipality} sociālais dienests (demo)",
            position="sociālais darbinieks",
            access_needs="Piekļuve bez pakāpieniem" if number == 2 else "",
            consent_at=now - timedelta(days=number),
            language="lv",
            status=Status.CONFIRMED,
            is_demo=True,
        )
        loader.created += 1


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
