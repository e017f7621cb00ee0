"""The registration box of an event page: {% registration_offers page as offers %}.

Events do not import registrations; the event page's template asks this tag for the offers of
the page (whichever translation is shown), each with its sitting, seats left and whether it
takes registrations now."""

from django import template
from django.urls import reverse

from registrations.models import Offer
from registrations.services import closed_reason, offer_session, public_page, seats_left

register = template.Library()


@register.simple_tag
def registration_offers(page):
    rows = []
    for offer in Offer.objects.for_page(page).select_related("event").order_by("pk"):
        session = offer_session(offer, page)
        # Not offered where the form would refuse (the original page unpublished or private).
        if session is None or public_page(offer, page.locale.language_code) is None:
            continue
        reason = closed_reason(offer)
        rows.append(
            {
                "offer": offer,
                "session": session,
                "is_visit": bool(offer.session_key),
                "closed": str(reason) if reason else "",
                "seats_left": seats_left(offer),
                "url": reverse("registrations:register", args=[offer.pk]),
            }
        )
    rows.sort(key=lambda row: (row["session"].start is None, row["session"].start))
    return rows
