"""The public side of registration: the form, the answer, and the participant's signed links
(cancel; see, download and delete one's data).

Everything here is about one person: never cached (private, no-store). An event that is not
public (unpublished, or behind a view restriction, in the original or in the reader's language)
is not found (404): nothing tells that it exists. A closed offer (closed by a moderator, past
its deadline or begun) says so and takes no registration, whatever is POSTed. Opening a signed
link changes nothing (mail scanners open every link): only its page's button does.
"""

import json
import logging

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from registrations import mails, services, tokens
from registrations.forms import RegistrationForm
from registrations.models import ACTIVE, Offer, Participant, Status
from website.models import SiteSettings
from website.security import client_ip_address
from website.throttle import Limit, take

logger = logging.getLogger(__name__)

# Confirmation mails go to any address typed in: a few per address, more per client (an
# office registering its team shares one address).
PER_EMAIL = Limit("registration-email", 5, 60 * 60)
PER_CLIENT = Limit("registration-client", 40, 60 * 60)


def privacy_url(request, language):
    """The privacy notice the consent refers to (the site setting), in the reader's language."""
    return SiteSettings.for_request(request).privacy_url(language)


def send(mail):
    """True when the mail was sent (or queued for the worker)."""
    try:
        mail.send()
    except Exception:
        logger.exception("A registration mail could not be sent")
        return False
    return True


def bad_link(request):
    return render(request, "registrations/bad_link.html", status=400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, offer_id):
    offer = get_object_or_404(Offer.objects.select_related("event"), pk=offer_id)
    language = get_language()
    page = services.public_page(offer, language)
    if page is None:
        raise Http404
    context = {
        "offer": offer,
        "event": page,
        "session": services.offer_session(offer, page),
        "seats_left": services.seats_left(offer),
        "privacy_url": privacy_url(request, language),
    }
    reason = services.closed_reason(offer)
    if reason:
        return _closed(request, context, reason)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        limits = [(PER_CLIENT, (client_ip_address(request),)), (PER_EMAIL, (email,))]
        if (refusal := take(request, limits)) is not None:
            return refusal
        try:
            participant, created = services.register(offer.pk, form.cleaned_data, language)
        except services.Closed as closed:
            return _closed(request, context, str(closed))
        mail_sent = send(mails.message(participant, "registered")) if created else True
        return render(
            request,
            "registrations/registered.html",
            {
                **context,
                "participant": participant,
                "created": created,
                "mail_sent": mail_sent,
                "confirmed": participant.status == Status.CONFIRMED,
            },
        )
    return render(
        request,
        "registrations/register.html",
        {**context, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _closed(request, context, reason):
    return render(
        request,
        "registrations/closed.html",
        {**context, "reason": reason},
        status=409 if request.method == "POST" else 200,
    )


def _participant(purpose, token):
    """The participant a signed link names (None when already deleted); BadLink if forged."""
    key = tokens.read(purpose, token)
    return Participant.objects.select_related("offer__event").filter(key=key).first(), key


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, token):
    try:
        participant, key = _participant(tokens.CANCEL, token)
    except tokens.BadLink:
        return bad_link(request)
    if participant is None or participant.status not in ACTIVE:
        return render(request, "registrations/cancelled.html", {"participant": participant})
    event = mails.event_of(participant)
    if request.method == "POST":
        participant, promoted = services.cancel(key)
        for person in promoted:
            send(mails.message(person, "promoted"))
        return render(
            request, "registrations/cancelled.html", {"participant": participant, "event": event}
        )
    return render(
        request,
        "registrations/cancel.html",
        {
            "participant": participant,
            "event": event,
            "session": services.offer_session(participant.offer, event),
        },
    )


def _data(participant):
    """What is kept about the participant, as they may take it away."""
    event = participant.offer.event
    return {
        "event": event.title,
        "event_url": event.get_full_url(),
        "visit": participant.offer.session_key or None,
        "name": participant.name,
        "email": participant.email,
        "municipality": participant.municipality,
        "institution": participant.institution,
        "position": participant.position,
        "access_needs": participant.access_needs,
        "language": participant.language,
        "status": participant.status,
        "registered": participant.created.isoformat(),
        "status_changed": participant.status_changed.isoformat(),
        "consent_given": participant.consent_at.isoformat(),
        "reminded": participant.reminded_at.isoformat() if participant.reminded_at else None,
        "attended": participant.attended_at.isoformat() if participant.attended_at else None,
        "hours_credited": str(participant.hours) if participant.hours is not None else None,
        "certificates": [c.number for c in participant.certificates.all()],
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def data(request, token):
    try:
        participant, key = _participant(tokens.DATA, token)
    except tokens.BadLink:
        return bad_link(request)
    if participant is None:
        return render(request, "registrations/deleted.html")
    if request.method == "POST" and "delete" in request.POST:
        for person in services.delete_participant(key):
            send(mails.message(person, "promoted"))
        return render(request, "registrations/deleted.html")
    rows = [
        (_("Event"), participant.offer.event.title),
        (_("Name and surname"), participant.name),
        (_("E-mail address"), participant.email),
        (_("Municipality"), participant.municipality),
        (_("Institution"), participant.institution),
        (_("Position"), participant.position),
        (_("Access needs"), participant.access_needs or "—"),
        (_("Status"), participant.get_status_display()),
        (_("Registered"), participant.created),
        (_("Consent given"), participant.consent_at),
        (_("Checked in"), participant.attended_at or "—"),
        (_("Academic hours credited"), participant.hours if participant.hours is not None else "—"),
    ]
    return render(
        request,
        "registrations/data.html",
        {
            "participant": participant,
            "rows": rows,
            "json_url": reverse("registrations:data_json", args=[token]),
        },
    )


@never_cache
def data_json(request, token):
    try:
        participant, _key = _participant(tokens.DATA, token)
    except tokens.BadLink:
        return bad_link(request)
    if participant is None:
        raise Http404
    response = HttpResponse(
        json.dumps(_data(participant), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="registration-data.json"'
    return response
