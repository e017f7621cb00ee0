"""Who follows which list, and what each of them has been sent.

A subscription is an e-mail address following one list as it was filtered: a list page
(``listing``) and its filter parameters normalised (``query``), or, with no list page, the whole
portal in one language (the site search's filters, none for "everything new"). ``filter_key``
names that filter in one string, so that the database keeps one subscription per address and
filter however many requests arrive at once.

Nothing is sent but the confirmation until ``confirmed_at`` is set by the signed link of that
mail. Unsubscribing deletes the row (and its sent items): the address is not kept.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


def new_key():
    return secrets.token_urlsafe(24)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("at once, when something is published")
    WEEKLY = "weekly", _("once a week, in a digest")


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=8)
    listing = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("list"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    query = models.CharField(_("filters"), max_length=500, blank=True)
    filter_key = models.CharField(max_length=600, editable=False)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    # In every link of the subscription's mails, signed; a new row gets a new key, so a link of
    # a deleted subscription never reaches a later one of the same address.
    key = models.CharField(max_length=40, unique=True, default=new_key, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "filter_key"], name="subscriptions_one_per_address_and_filter"
            )
        ]
        indexes = [models.Index(fields=["filter_key"])]
        permissions = [("export_addresses", _("Can export subscribers' e-mail addresses"))]

    def __str__(self):
        return f"{self.email} → {self.filter_key}"

    def save(self, *args, **kwargs):
        self.filter_key = self.make_filter_key(self.listing_id, self.query, self.language)
        super().save(*args, **kwargs)

    @staticmethod
    def make_filter_key(listing_id, query, language):
        # A list page has one language; the whole portal is followed in the subscriber's.
        return f"{listing_id}?{query}" if listing_id else f"{language}:?{query}"


class SentItem(models.Model):
    """A page, or an entry of a list of things that are not pages (the dictionary's entries),
    mailed to a subscription (at once or in a digest): never mailed to it again, even when it
    is unpublished and published again."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="sent_items"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.CASCADE, related_name="+"
    )
    entry_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, on_delete=models.CASCADE, related_name="+"
    )
    entry_id = models.PositiveBigIntegerField(null=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "page"], name="subscriptions_sent_once"
            ),
            models.UniqueConstraint(
                fields=["subscription", "entry_type", "entry_id"],
                name="subscriptions_entry_sent_once",
            ),
            models.CheckConstraint(
                condition=models.Q(page__isnull=False, entry_type__isnull=True)
                | models.Q(page__isnull=True, entry_type__isnull=False, entry_id__isnull=False),
                name="subscriptions_sent_page_or_entry",
            ),
        ]

    def __str__(self):
        return f"{self.subscription_id} ← {self.page_id or (self.entry_type_id, self.entry_id)}"

    @classmethod
    def of(cls, subscription_id, thing):
        """The record of `thing` (a page or an entry) mailed to a subscription."""
        if isinstance(thing, Page):
            return cls(subscription_id=subscription_id, page_id=thing.pk)
        return cls(
            subscription_id=subscription_id,
            entry_type=ContentType.objects.get_for_model(thing),
            entry_id=thing.pk,
        )


class AddressExport(models.Model):
    """Who exported which list's addresses, and when (the audit of the export action)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filter_key = models.CharField(max_length=600)
    addresses = models.PositiveIntegerField()
    exported_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.exported_at:%Y-%m-%d %H:%M} {self.filter_key} ({self.addresses})"
