"""The participant's mails, in the language they registered in: the confirmation (or the
waiting-list notice), the seat freed for a waiting person, the reminder the day before.

Each has the event's .ics attached once a seat is confirmed (events.ical: the same UIDs as the
site's calendars, only the visit registered for) and the signed links to cancel and to see or
delete one's data (registrations.tokens). Sent through Django's mail API: with
BACKGROUND_WORKER=1 queued for the worker (website.mail)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from events import ical
from registrations import tokens
from registrations.models import Status
from registrations.services import offer_session, public_page
from website.siteurl import absolute, site_hostname


def link(language, name, token):
    with translation.override(language):
        return absolute(reverse(f"registrations:{name}", args=[token]))


def links(participant):
    language = participant.language
    return {
        "cancel_url": link(language, "cancel", tokens.make(tokens.CANCEL, participant)),
        "data_url": link(language, "data", tokens.make(tokens.DATA, participant)),
    }


def event_of(participant):
    """The event page in the participant's language (the original when it has none)."""
    offer = participant.offer
    return public_page(offer, participant.language) or offer.event.specific


def calendar_file(offer, event):
    """The .ics of the sitting registered for: the VEVENT the site's calendars have for it."""
    session_uid = f"{event.translation_key}-{offer.session_key}@" if offer.session_key else None
    calendar = ical.build_calendar(
        [], None, name=event.title, uid=f"{event.translation_key}-{offer.pk}"
    )
    found = False
    for component in ical.vevents(event, None, site_hostname()):
        if session_uid is None or str(component["UID"]).startswith(session_uid):
            calendar.add_component(component)
            found = True
    return calendar.to_ical() if found else None


def message(participant, kind):
    """kind: "registered" (confirmed or waiting, by the status), "promoted", "reminder"."""
    language = participant.language
    offer = participant.offer
    with translation.override(language):
        event = event_of(participant)
        session = offer_session(offer, event)
        confirmed = participant.status == Status.CONFIRMED
        if kind == "registered":
            subject = (
                _("Registration confirmed: %(event)s")
                if confirmed
                else _("On the waiting list: %(event)s")
            )
        elif kind == "promoted":
            subject = _("A seat is free for you: %(event)s")
        else:
            subject = _("Tomorrow: %(event)s")
        subject = subject % {"event": event.title}
        context = {
            "participant": participant,
            "offer": offer,
            "event": event,
            "event_url": event.get_full_url(),
            "session": session,
            "kind": kind,
            "confirmed": confirmed,
            "subject": subject,
            **links(participant),
        }
        text = render_to_string("registrations/mail/message.txt", context)
        html = render_to_string("registrations/mail/message.html", context)
    mail = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[participant.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    mail.attach_alternative(html, "text/html")
    if confirmed:
        ics = calendar_file(offer, event)
        if ics:
            mail.attach(f"{event.slug}.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    return mail
