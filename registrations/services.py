"""Deciding who gets a seat: registration, the waiting list, cancellation and promotion.

Every decision takes the offer's row lock (SELECT … FOR UPDATE) first, so two requests for the
last seat are decided one after the other: the offer is never overbooked, however many arrive
at once. An address has at most one active registration per offer: a second submit finds the
first (and the database's unique constraint stands behind that check).

A seat is free when fewer than `capacity` are confirmed and, with seats per municipality, fewer
than that many from the person's municipality. Otherwise the person waits; when a confirmed
participant cancels (or a moderator adds seats), the first waiting people, in the order they
registered, for whom a seat is now free are confirmed.

Mails are sent by the callers once the decision is committed (registrations.mails).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Session
from registrations.models import ACTIVE, Offer, Participant, Status


class Closed(Exception):
    """Registration is not possible; the message says why."""


def offer_session(offer, event=None):
    """The sitting the offer is for: one visit of a seminar, or the whole event."""
    event = event or offer.event
    if offer.session_key:
        for session in event.specific.sessions():
            if session.key == offer.session_key:
                return session
        return None
    return Session(
        key="",
        start=event.start,
        end=event.end,
        venue=event.venue,
        town=event.town,
        region=event.region,
    )


def public_page(offer, language):
    """The event page a reader of `language` is shown (its translation, else the page the
    offer was opened on), or None when the event is not public: unpublished, or behind a view
    restriction (on itself or an ancestor), in the original or in that language."""
    event = offer.event
    pages = [event]
    translation = event.get_translation_or_none(_locale(language))
    if translation is not None and translation.pk != event.pk:
        pages.append(translation)
    for page in pages:
        if not page.live or page.get_view_restrictions().exists():
            return None
    return pages[-1].specific


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=language).first()


def closed_reason(offer, now=None):
    """Why nobody can register now (a message), or None when the offer takes registrations."""
    now = now or timezone.now()
    if not offer.is_open:
        return _("Registration for this event is closed.")
    session = offer_session(offer)
    if session is None or session.start is None:
        return _("Registration for this event is closed.")
    if offer.deadline is not None and now > offer.deadline:
        return _("The registration deadline has passed.")
    if session.start <= now:
        return _("The event has already begun: registration is closed.")
    return None


def seats_left(offer):
    confirmed = offer.participants.filter(status=Status.CONFIRMED).count()
    return max(offer.capacity - confirmed, 0)


def _has_seat(offer, municipality, exclude=None):
    confirmed = offer.participants.filter(status=Status.CONFIRMED)
    if exclude is not None:
        confirmed = confirmed.exclude(pk=exclude.pk)
    if confirmed.count() >= offer.capacity:
        return False
    if offer.seats_per_municipality is not None:
        return confirmed.filter(municipality=municipality).count() < offer.seats_per_municipality
    return True


def register(offer_id, data, language, now=None):
    """(participant, created): a new registration, confirmed or waiting, or the address's
    active one on this offer. Raises Closed when the offer takes no registrations."""
    now = now or timezone.now()
    email = data["email"].strip().lower()
    try:
        with transaction.atomic():
            offer = Offer.objects.select_for_update().get(pk=offer_id)
            reason = closed_reason(offer, now)
            if reason:
                raise Closed(reason)
            existing = offer.participants.filter(email=email, status__in=ACTIVE).first()
            if existing is not None:
                return existing, False
            status = Status.CONFIRMED if _has_seat(offer, data["municipality"]) else Status.WAITING
            participant = Participant.objects.create(
                offer=offer,
                name=data["name"],
                email=email,
                municipality=data["municipality"],
                institution=data["institution"],
                position=data["position"],
                access_needs=data.get("access_needs", ""),
                consent_at=now,
                language=language,
                status=status,
            )
    except IntegrityError:
        # Only the unique constraint can get here (the lock serialises the rest): the same
        # address's registration, committed by a request that did not hold the lock.
        existing = Participant.objects.filter(
            offer_id=offer_id, email=email, status__in=ACTIVE
        ).first()
        if existing is None:
            raise
        return existing, False
    return participant, True


def promote(offer, now=None):
    """Confirm the first waiting people for whom a seat is free; the caller holds the offer's
    lock. Returns those confirmed."""
    now = now or timezone.now()
    session = offer_session(offer)
    if session is None or (session.start is not None and session.start <= now):
        return []
    promoted = []
    for waiting in offer.participants.filter(status=Status.WAITING).order_by("created", "pk"):
        if not _has_seat(offer, waiting.municipality):
            if offer.seats_per_municipality is None:
                break
            continue
        waiting.status = Status.CONFIRMED
        waiting.status_changed = now
        waiting.save(update_fields=["status", "status_changed"])
        promoted.append(waiting)
    return promoted


def promote_waiting(offer_id):
    """After a moderator added seats: confirm who now fits. Returns those confirmed."""
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer_id)
        return promote(offer)


def cancel(participant_key, now=None):
    """(participant, promoted): the registration cancelled (no change when it was already),
    and the waiting people who got the freed seat. None when the key is unknown."""
    now = now or timezone.now()
    participant = Participant.objects.filter(key=participant_key).first()
    if participant is None:
        return None, []
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=participant.offer_id)
        participant = Participant.objects.get(pk=participant.pk)
        if participant.status not in ACTIVE:
            return participant, []
        was_confirmed = participant.status == Status.CONFIRMED
        participant.status = Status.CANCELLED
        participant.status_changed = now
        participant.save(update_fields=["status", "status_changed"])
        promoted = promote(offer, now) if was_confirmed else []
    return participant, promoted


def delete_participant(participant_key):
    """The participant's own deletion: an active registration is cancelled first (its seat
    goes to the next waiting person), then every personal datum is deleted. Certificates
    keep only their own record (Certificate.participant becomes empty). Returns the promoted."""
    participant, promoted = cancel(participant_key)
    if participant is not None:
        Participant.objects.filter(pk=participant.pk).delete()
    return promoted
