"""Following a list: subscribing (double opt-in), confirming, managing and leaving.

Every answer here is about one person's address: never cached (private, no-store). A signed
link that was altered or has expired gets a page saying so with status 400, in the language of
its address (/lv/ or /en/).
"""

import logging

from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from subscriptions import mails, tokens
from subscriptions.filters import Followed
from subscriptions.forms import ManageForm, SubscribeForm
from subscriptions.models import Subscription
from website.security import client_ip_address
from website.throttle import Limit, take

logger = logging.getLogger(__name__)

# Confirmation mails: a few per address (nobody's inbox is flooded by someone else's
# requests), more per client (a household or an office shares one address).
PER_EMAIL = Limit("subscribe-email", 3, 60 * 60)
PER_CLIENT = Limit("subscribe-client", 20, 60 * 60)


def bad_link(request):
    return render(request, "subscriptions/bad_link.html", status=400)


def _followed(request):
    raw = request.GET.get("list", "").strip()
    if not raw:
        return Followed.for_site(request.GET, get_language())
    # A page id, not any number (int() refuses more than 4300 digits with an error).
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        raise Http404
    page = Page.objects.filter(pk=int(raw)).first()
    followed = Followed.for_listing(page.specific, request.GET) if page else None
    if followed is None:
        raise Http404
    return followed


@never_cache
def subscribe(request):
    followed = _followed(request)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_robot:
            return render(request, "subscriptions/check_inbox.html", {"followed": followed})
        email = form.cleaned_data["email"]
        limits = [(PER_CLIENT, (client_ip_address(request),)), (PER_EMAIL, (email,))]
        if (refusal := take(request, limits)) is not None:
            return refusal
        subscription = _subscription(email, followed)
        try:
            mails.confirmation(subscription, form.cleaned_data["frequency"]).send()
        except Exception:
            logger.exception("The confirmation mail to a subscriber could not be sent")
            return render(
                request, "subscriptions/not_sent.html", {"followed": followed}, status=503
            )
        return render(request, "subscriptions/check_inbox.html", {"followed": followed})
    return render(
        request,
        "subscriptions/subscribe.html",
        {"form": form, "followed": followed},
        status=400 if request.method == "POST" else 200,
    )


def _subscription(email, followed):
    """The one subscription of this address to this filter, however many requests ask at once
    (the unique constraint decides; the loser reads the winner's row)."""
    listing_id = followed.listing.pk if followed.listing is not None else None
    key = Subscription.make_filter_key(listing_id, followed.query, followed.language)
    fields = {"listing_id": listing_id, "query": followed.query, "language": followed.language}
    try:
        with transaction.atomic():
            subscription, _created = Subscription.objects.get_or_create(
                email=email, filter_key=key, defaults=fields
            )
    except IntegrityError:
        subscription = Subscription.objects.get(email=email, filter_key=key)
    return subscription


@never_cache
def confirm(request, token):
    try:
        value = tokens.read(tokens.CONFIRM, token, max_age=tokens.CONFIRM_MAX_AGE)
        subscription = Subscription.objects.get(key=value["k"])
    except (tokens.BadLink, Subscription.DoesNotExist, TypeError, KeyError):
        return bad_link(request)
    if request.method != "POST" and subscription.confirmed_at is None:
        # Opening the link asks; only the button confirms. Mail scanners open every link in a
        # message, and a subscription they confirmed would be consent nobody gave.
        return render(
            request, "subscriptions/confirm.html", {"followed": Followed.of(subscription)}
        )
    if request.method == "POST":
        subscription.frequency = value["f"]
        subscription.confirmed_at = subscription.confirmed_at or timezone.now()
        subscription.save(update_fields=["frequency", "confirmed_at", "filter_key"])
    return render(
        request,
        "subscriptions/confirmed.html",
        {"followed": Followed.of(subscription), **mails.links(subscription)},
    )


@csrf_exempt  # RFC 8058: mail clients POST here without a form token (or a login)
@never_cache
def unsubscribe(request, token):
    try:
        key = tokens.read(tokens.UNSUBSCRIBE, token)
    except tokens.BadLink:
        return bad_link(request)
    subscription = Subscription.objects.filter(key=key).first()
    if request.method == "POST":
        if subscription is not None:
            # The address and what was sent to it go with it.
            subscription.delete()
        return render(request, "subscriptions/unsubscribed.html")
    if subscription is None:
        return render(request, "subscriptions/unsubscribed.html")
    return render(
        request, "subscriptions/unsubscribe.html", {"followed": Followed.of(subscription)}
    )


@never_cache
def manage(request, token):
    try:
        email = tokens.read(tokens.MANAGE, token, max_age=tokens.MANAGE_MAX_AGE)
    except tokens.BadLink:
        return bad_link(request)
    subscriptions = Subscription.objects.filter(email=email).order_by("created")
    if request.method == "POST":
        subscription = subscriptions.filter(pk=request.POST.get("subscription") or 0).first()
        if subscription is not None:
            if "delete" in request.POST:
                subscription.delete()
            else:
                form = ManageForm(request.POST)
                if form.is_valid():
                    subscription.frequency = form.cleaned_data["frequency"]
                    subscription.save(update_fields=["frequency", "filter_key"])
        return redirect(request.path)
    rows = [
        {
            "subscription": subscription,
            "followed": Followed.of(subscription),
            "form": ManageForm(
                initial={"frequency": subscription.frequency},
                auto_id=f"id_%s_{subscription.pk}",
            ),
        }
        for subscription in subscriptions
    ]
    return render(request, "subscriptions/manage.html", {"email": email, "rows": rows})
