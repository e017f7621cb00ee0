"""The moderators' side (permission registrations.manage_registrations, given to Moderatori;
editors do not see participants): open and change registration on an event or a seminar's
visit, the participants of each with their status, municipality and access needs, the hours
credited, an Excel export (recorded like the subscribers' export), and the check-in list used
on a phone at the door (a POST per person, no JavaScript needed)."""

import logging
from decimal import Decimal
from io import BytesIO
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from registrations import mails, services
from registrations.admin_forms import EventChoiceForm, OfferForm
from registrations.forms import HoursForm
from registrations.models import Offer, Participant, Status
from registrations.permissions import moderators_only

logger = logging.getLogger(__name__)


def _counted(offers):
    return offers.annotate(
        confirmed=Count("participants", filter=Q(participants__status=Status.CONFIRMED)),
        waiting=Count("participants", filter=Q(participants__status=Status.WAITING)),
        attended=Count("participants", filter=Q(participants__attended_at__isnull=False)),
    )


def _label(offer):
    session = services.offer_session(offer)
    parts = [offer.event.title]
    if offer.session_key and session is not None:
        parts.append(session.town or session.venue)
    if session is not None and session.start:
        parts.append(timezone.localtime(session.start).strftime("%Y-%m-%d %H:%M"))
    return " · ".join(part for part in parts if part)


@moderators_only
def index(request):
    offers = _counted(Offer.objects.select_related("event")).order_by("-event__start", "pk")
    rows = [{"offer": offer, "label": _label(offer)} for offer in offers]
    return render(request, "registrations/admin/index.html", {"rows": rows})


@moderators_only
def create(request):
    event_id = request.GET.get("event", "")
    if not event_id:
        return render(request, "registrations/admin/choose_event.html", {"form": EventChoiceForm()})
    choice = EventChoiceForm(request.GET)
    if not choice.is_valid():
        return render(
            request, "registrations/admin/choose_event.html", {"form": choice}, status=400
        )
    event = choice.cleaned_data["event"]
    form = OfferForm(request.POST or None, event=event, initial={"capacity": 30, "hours": 4})
    if request.method == "POST" and form.is_valid():
        offer = form.save()
        log(instance=offer, action="wagtail.create", user=request.user)
        messages.success(request, _("Registration is open."))
        return redirect("registrations_admin:participants", offer.pk)
    return render(
        request,
        "registrations/admin/offer_form.html",
        {"form": form, "event": event, "creating": True},
        status=400 if request.method == "POST" else 200,
    )


@moderators_only
def edit(request, pk):
    offer = get_object_or_404(Offer.objects.select_related("event"), pk=pk)
    form = OfferForm(request.POST or None, instance=offer, event=offer.event)
    if request.method == "POST" and form.is_valid():
        form.save()
        log(instance=offer, action="wagtail.edit", user=request.user)
        # More seats (or a larger share per municipality): who waits for them gets them.
        for person in services.promote_waiting(offer.pk):
            _send(mails.message(person, "promoted"))
        messages.success(request, _("Saved."))
        return redirect("registrations_admin:participants", offer.pk)
    return render(
        request,
        "registrations/admin/offer_form.html",
        {"form": form, "event": offer.event, "offer": offer},
        status=400 if request.method == "POST" else 200,
    )


def _send(mail):
    try:
        mail.send()
    except Exception:
        logger.exception("A registration mail could not be sent")


@moderators_only
def participants(request, pk):
    offer = get_object_or_404(_counted(Offer.objects.select_related("event")), pk=pk)
    people = offer.participants.order_by("status", "created", "pk")
    return render(
        request,
        "registrations/admin/participants.html",
        {
            "offer": offer,
            "label": _label(offer),
            "participants": people,
            "public_url": services.public_page(offer, "lv") and _public_url(offer),
        },
    )


def _public_url(offer):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("lv"):
        return reverse("registrations:register", args=[offer.pk])


@moderators_only
@require_POST
def hours(request, pk, participant_id):
    participant = get_object_or_404(Participant, pk=participant_id, offer_id=pk)
    form = HoursForm(request.POST)
    if form.is_valid():
        participant.hours = form.cleaned_data["hours"]
        participant.save(update_fields=["hours"])
        messages.success(request, _("Hours saved for %(name)s.") % {"name": participant.name})
    else:
        messages.error(request, _("Enter the hours as a number, e.g. 4 or 3.5."))
    return redirect("registrations_admin:participants", pk)


@moderators_only
def check_in(request, pk):
    offer = get_object_or_404(Offer.objects.select_related("event"), pk=pk)
    if request.method == "POST":
        participant = get_object_or_404(
            Participant, pk=request.POST.get("participant") or 0, offer=offer
        )
        if request.POST.get("action") == "undo":
            participant.attended_at = None
            participant.hours = None
        else:
            participant.attended_at = participant.attended_at or timezone.now()
            if participant.hours is None:
                participant.hours = offer.hours
        participant.save(update_fields=["attended_at", "hours"])
        query = request.POST.get("q", "")
        url = request.path + (f"?{urlencode({'q': query})}" if query else "")
        return redirect(f"{url}#p{participant.pk}")
    query = request.GET.get("q", "").strip()
    people = offer.participants.filter(status=Status.CONFIRMED).order_by("name", "pk")
    if query:
        people = people.filter(name__icontains=query)
    return render(
        request,
        "registrations/admin/check_in.html",
        {
            "offer": offer,
            "label": _label(offer),
            "participants": people,
            "query": query,
            "present": offer.participants.filter(attended_at__isnull=False).count(),
            "confirmed": offer.participants.filter(status=Status.CONFIRMED).count(),
        },
    )


def _cell(value):
    """A spreadsheet never reads a cell as a formula (OWASP: CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)):
        return value
    value = str(value)
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


COLUMNS = [
    ("name", "Vārds, uzvārds"),
    ("email", "E-pasts"),
    ("municipality", "Pašvaldība"),
    ("institution", "Iestāde"),
    ("position", "Amats"),
    ("access_needs", "Piekļūstamības vajadzības"),
    ("status", "Statuss"),
    ("created", "Pieteicās"),
    ("attended_at", "Ieradās"),
    ("hours", "Akadēmiskās stundas"),
]


@moderators_only
@require_POST
def export(request, pk):
    from openpyxl import Workbook

    offer = get_object_or_404(Offer.objects.select_related("event"), pk=pk)
    people = list(offer.participants.order_by("status", "created", "pk"))
    log(instance=offer, action="registrations.export", user=request.user)
    logger.warning(
        "%s exported %d participants of registration %s",
        request.user.get_username(),
        len(people),
        offer.pk,
    )
    book = Workbook()
    sheet = book.active
    sheet.title = "Dalībnieki"
    sheet.append([_cell(_label(offer))])
    sheet.append([title for _name, title in COLUMNS])
    labels = dict(Status.choices)
    for person in people:
        row = []
        for name, _title in COLUMNS:
            value = getattr(person, name)
            if name == "status":
                value = str(labels[value])
            elif hasattr(value, "astimezone"):
                value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            row.append(_cell(value))
        sheet.append(row)
    body = BytesIO()
    book.save(body)
    response = HttpResponse(
        body.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="dalibnieki-{offer.pk}-{stamp}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
