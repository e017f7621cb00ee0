from django import forms
from django.utils.translation import gettext_lazy as _

from registrations.models import MUNICIPALITY_CHOICES, Participant


class RegistrationForm(forms.ModelForm):
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        choices=[("", _("— choose —")), *MUNICIPALITY_CHOICES],
        help_text=_("The municipality you work for."),
    )
    consent = forms.BooleanField(
        label=_("I agree that my data are processed as the privacy notice says."),
        required=True,
        error_messages={"required": _("Registration needs your consent.")},
    )

    class Meta:
        model = Participant
        fields = ["name", "email", "municipality", "institution", "position", "access_needs"]
        labels = {
            "name": _("Name and surname"),
            "email": _("E-mail address"),
            "institution": _("Institution"),
            "position": _("Position"),
            "access_needs": _("Access needs (optional)"),
        }
        help_texts = {
            "email": _("The confirmation and the link to cancel are sent here."),
            "access_needs": _(
                "E.g. step-free access, a sign language interpreter, large print, dietary needs."
            ),
        }
        widgets = {"access_needs": forms.Textarea(attrs={"rows": 3})}

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        # One active registration per address is decided under the offer's lock
        # (registrations.services), not here.
        pass


class HoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Academic hours credited"), max_digits=4, decimal_places=1, min_value=0
    )
