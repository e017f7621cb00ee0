"""Demo registrations: the upcoming example seminar of the events demo takes registrations for
its first visit, with a few participants who are clearly made up ("Demo dalībnieks 1", …,
is_demo=True, addresses at example.org that reach nobody).

Each part is a function of its own, called from load() (the demo loader calls load() of every
app's demo module after the events' own, INSTALLED_APPS order). Running it again adds only
what is missing."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from events.models import SeminarPage
from registrations.models import Offer, Participant, Status

# The events demo's upcoming seminar (events/demo/events.json, "upcoming").
SEMINAR_SLUG = "piemers-starpprofesionalas-komandas-vietejo-krizu-risku-mazinasana"
DEMO_MUNICIPALITIES = ["Kuldīgas novads", "Liepāja", "Rīga", "Cēsu novads", "Valmieras novads"]


def load(loader):
    open_seminar_registration(loader)


def _upcoming_seminar(loader):
    seminars = SeminarPage.objects.filter(locale=loader.locales["lv"])
    page = seminars.filter(slug=SEMINAR_SLUG).first()
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
            email=f"demo-dalibnieks-{number}@example.org",
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
