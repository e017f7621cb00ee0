"""The subscriptions' mails: HTML and plain text, in the subscriber's language, with a visible
unsubscribe link and the List-Unsubscribe headers of RFC 2369 and RFC 8058 (one-click: a mail
client POSTs "List-Unsubscribe=One-Click" to the https address; no login, no form token)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from subscriptions import tokens
from subscriptions.filters import Followed
from website.siteurl import absolute


def _url(language, name, token):
    with translation.override(language):
        return absolute(reverse(f"subscriptions:{name}", args=[token]))


def links(subscription):
    language = subscription.language
    return {
        "unsubscribe_url": _url(language, "unsubscribe", tokens.unsubscribe_token(subscription)),
        "manage_url": _url(language, "manage", tokens.manage_token(subscription.email)),
    }


def item(thing, url):
    """What a mail says of a page or an entry (at `url`): its title, kind, date and place
    (events), summary, link."""
    return {
        "title": thing.title,
        "kind": str(getattr(thing, "card_label", "") or thing._meta.verbose_name),
        "meta": str(getattr(thing, "card_meta", "") or ""),
        "summary": str(getattr(thing, "summary", "") or ""),
        "url": url,
    }


def message(subscription, subject, template, context, connection=None):
    context = {**context, **links(subscription), "subscription": subscription}
    with translation.override(subscription.language):
        if "followed" not in context:
            context["followed"] = Followed.of(subscription).describe()
        context["subject"] = subject = str(subject)
        text = render_to_string(f"subscriptions/mail/{template}.txt", context)
        html = render_to_string(f"subscriptions/mail/{template}.html", context)
    mail = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    mail.attach_alternative(html, "text/html")
    return mail


def confirmation(subscription, frequency):
    with translation.override(subscription.language):
        confirm_url = _url(
            subscription.language, "confirm", tokens.confirm_token(subscription, frequency)
        )
        subject = _("Confirm your subscription: %(followed)s") % {
            "followed": Followed.of(subscription).describe()
        }
        frequency_label = dict(subscription._meta.get_field("frequency").choices)[frequency]
        return message(
            subscription,
            subject,
            "confirm",
            {
                "confirm_url": confirm_url,
                "frequency": str(frequency_label),
                "days": tokens.CONFIRM_MAX_AGE // 86400,
            },
        )


def new_items(subscription, items, followed, digest=False, connection=None):
    """The mail of new pages: `items` are item()s made in the subscription's language,
    `followed` its Followed (shared by every subscriber of one filter)."""
    with translation.override(subscription.language):
        described = followed.describe()
        if digest:
            subject = _("This week: %(count)d new in %(followed)s") % {
                "count": len(items),
                "followed": described,
            }
        else:
            subject = _("New: %(title)s") % {"title": items[0]["title"]}
        return message(
            subscription,
            subject,
            "items",
            {
                "items": items,
                "digest": digest,
                "followed": described,
                "list_url": followed.list_url(),
            },
            connection=connection,
        )
