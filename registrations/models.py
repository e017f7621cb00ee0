"""Registration for events: who may come, who comes, who came, and what they were certified for.

- ``Offer``: registration opened by a moderator on an event, or on one visit of a multi-town
  seminar (``session_key``: the visit's ``calendar_uid``, the same in both languages; empty for
  the whole event). The event is its page in the language it was opened in; the page's
  translations share it through ``translation_key`` (``Offer.objects.for_page``).
- ``Participant``: one person's registration on an offer: confirmed, waiting (in ``created``
  order) or cancelled; ``attended_at`` and ``hours`` set at the door. An address has at most
  one active (confirmed or waiting) registration per offer: a double submit finds it.
- ``Certificate``: a numbered certificate of attendance (apliecība) issued to a participant who
  attended. What the public verification page shows is kept on it (the event, date, place,
  hours and the name shown partly), so that it still verifies after the participant's personal
  data are deleted at the end of the retention period.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from website.places import LOCAL_GOVERNMENTS


def new_key():
    return secrets.token_urlsafe(24)


MUNICIPALITY_CHOICES = [(name, name) for name in sorted(LOCAL_GOVERNMENTS)]


class OfferQuerySet(models.QuerySet):
    def for_page(self, page):
        """The offers of an event page, whichever translation of it was opened."""
        return self.filter(event__translation_key=page.translation_key)


class Offer(models.Model):
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registration_offers",
    )
    session_key = models.CharField(
        _("visit"),
        max_length=36,
        blank=True,
        help_text=_("For a seminar held in several towns: the visit registration is for."),
    )
    capacity = models.PositiveIntegerField(_("seats"))
    seats_per_municipality = models.PositiveIntegerField(
        _("seats per municipality"),
        null=True,
        blank=True,
        help_text=_("Leave empty when any municipality may take any number of seats."),
    )
    deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept registrations until the event starts."),
    )
    hours = models.DecimalField(
        _("academic hours"),
        max_digits=4,
        decimal_places=1,
        help_text=_("The training hours credited to each participant who attended."),
    )
    is_open = models.BooleanField(_("registration is open"), default=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "session_key"], name="registrations_one_offer_per_visit"
            )
        ]
        permissions = [
            ("manage_registrations", _("Can manage registrations, check-in and certificates"))
        ]

    def __str__(self):
        return f"{self.event} {self.session_key}".strip()


class Status(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE = [Status.CONFIRMED, Status.WAITING]


class Participant(models.Model):
    offer = models.ForeignKey(
        Offer, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("name and surname"), max_length=200)
    email = models.EmailField(_("e-mail address"), max_length=254)
    municipality = models.CharField(_("municipality"), max_length=100, choices=MUNICIPALITY_CHOICES)
    institution = models.CharField(_("institution"), max_length=255)
    position = models.CharField(_("position"), max_length=255)
    access_needs = models.TextField(_("access needs"), blank=True)
    consent_at = models.DateTimeField(_("consent given"))
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    # In every link of the participant's mails (cancel, own data), signed.
    key = models.CharField(max_length=40, unique=True, default=new_key, editable=False)
    created = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    status_changed = models.DateTimeField(_("status changed"), auto_now_add=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    hours = models.DecimalField(
        _("academic hours credited"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    is_demo = models.BooleanField(
        _("demo participant"), default=False, help_text=_("Made up for the demo site.")
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "email"],
                condition=Q(status__in=ACTIVE),
                name="registrations_one_active_per_address",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"


class Certificate(models.Model):
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    number = models.CharField(_("number"), max_length=32, unique=True)
    # What the verification page shows, kept when the participant's data are deleted.
    name_shown = models.CharField(_("name (shown partly)"), max_length=100)
    event_title = models.CharField(_("event"), max_length=500)
    event_date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    hours = models.DecimalField(_("academic hours"), max_digits=4, decimal_places=1)
    language = models.CharField(_("language"), max_length=8)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.CharField(_("reason for revocation"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]

    def __str__(self):
        return self.number

    @property
    def is_valid(self):
        return self.revoked_at is None
