"""What the periodic command process_registrations does: the reminder the day before, and the
end of the retention period.

- Reminder: each confirmed participant of a sitting that starts tomorrow (Riga's calendar) gets
  one, once: the row is claimed (reminded_at set by a conditional UPDATE) before the mail is
  sent, so runs that overlap or repeat never send it twice.
- Retention: REGISTRATION_RETENTION_DAYS after the sitting ends, its participants are deleted,
  whatever their status. Certificates keep their own record (Certificate.participant becomes
  empty) and still verify. The offer itself (seats, hours) holds no personal data and stays.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from events.dates import EVENT_TIME_ZONE
from registrations import mails
from registrations.models import Offer, Participant, Status
from registrations.services import offer_session

logger = logging.getLogger(__name__)


def _end(offer):
    session = offer_session(offer)
    if session is not None and session.end is not None:
        return session.end
    return offer.event.end


def send_reminders(now=None):
    now = now or timezone.now()
    tomorrow = timezone.localdate(now, EVENT_TIME_ZONE) + timedelta(days=1)
    sent = 0
    offers = Offer.objects.filter(event__end__gte=now).select_related("event")
    for offer in offers:
        session = offer_session(offer)
        if session is None or session.start is None or session.start <= now:
            continue
        if timezone.localdate(session.start, EVENT_TIME_ZONE) != tomorrow:
            continue
        for participant in offer.participants.filter(
            status=Status.CONFIRMED, reminded_at__isnull=True
        ):
            claimed = Participant.objects.filter(
                pk=participant.pk, status=Status.CONFIRMED, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            participant.reminded_at = now
            try:
                mails.message(participant, "reminder").send()
            except Exception:
                logger.exception("The reminder to participant %s could not be sent", participant.pk)
                # Not sent: the next run tries again.
                Participant.objects.filter(pk=participant.pk).update(reminded_at=None)
                continue
            sent += 1
    return sent


def purge_expired(now=None):
    """Delete the participants of sittings that ended more than the retention period ago."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    deleted = 0
    offers = (
        Offer.objects.filter(participants__isnull=False)
        .filter(Q(event__end__lt=limit) | Q(session_key__gt=""))
        .select_related("event")
        .distinct()
    )
    for offer in offers:
        end = _end(offer)
        if end is None or end >= limit:
            continue
        count, _per_model = Participant.objects.filter(offer=offer).delete()
        deleted += count
    return deleted
