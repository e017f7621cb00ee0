from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from events.models import EventPage
from registrations.models import Offer, Status


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, event):
        when = timezone.localtime(event.start).strftime("%Y-%m-%d") if event.start else "—"
        return f"{event.title} ({when}, {event.locale.language_code})"


class EventChoiceForm(forms.Form):
    """Step one of opening registration: which event (upcoming ones)."""

    event = EventChoiceField(
        label=_("Event"),
        queryset=EventPage.objects.none(),
        help_text=_("Upcoming events. For a seminar you choose the visit in the next step."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.now()
        self.fields["event"].queryset = (
            EventPage.objects.filter(end__gte=now).select_related("locale").order_by("start")
        )


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = [
            "session_key",
            "capacity",
            "seats_per_municipality",
            "deadline",
            "hours",
            "is_open",
        ]
        widgets = {"deadline": AdminDateTimeInput}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.instance.event = event
        sessions = event.specific.sessions()
        if event.specific_class.has_own_dates:
            del self.fields["session_key"]
        else:
            choices = [("", _("The whole seminar (every visit)"))]
            for session in sessions:
                when = timezone.localtime(session.start).strftime("%Y-%m-%d %H:%M")
                choices.append((session.key, f"{session.town or session.venue} {when}".strip()))
            self.fields["session_key"] = forms.ChoiceField(
                label=_("Visit"), choices=choices, required=False
            )
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1
        self.confirmed = 0
        if self.instance.pk:
            self.confirmed = self.instance.participants.filter(status=Status.CONFIRMED).count()
            if "session_key" in self.fields and self.instance.participants.exists():
                # People registered for this visit: it cannot become another one.
                self.fields["session_key"].disabled = True

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < 1:
            raise forms.ValidationError(_("At least one seat."))
        if capacity < self.confirmed:
            raise forms.ValidationError(
                _(
                    "%(count)d participants are confirmed already: keep at least that many "
                    "seats, or cancel registrations first."
                )
                % {"count": self.confirmed}
            )
        return capacity

    def clean(self):
        cleaned = super().clean()
        key = cleaned.get("session_key", self.instance.session_key or "")
        others = Offer.objects.filter(event=self.event, session_key=key).exclude(
            pk=self.instance.pk
        )
        if others.exists():
            raise forms.ValidationError(_("Registration is already open for this event or visit."))
        deadline = cleaned.get("deadline")
        if deadline and self.event.end and deadline > self.event.end:
            self.add_error("deadline", _("The deadline cannot be after the event ends."))
        return cleaned
