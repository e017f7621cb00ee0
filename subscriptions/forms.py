from django import forms
from django.utils.translation import gettext_lazy as _

from subscriptions.models import Frequency


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We will send a link to this address; nothing else is sent until you open it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )
    # A field people do not see (nor screen readers, nor the keyboard), which form-filling
    # robots fill in: then nothing is done, and the answer looks the same.
    homepage = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    @property
    def is_robot(self):
        return bool(self.data.get("homepage"))


class ManageForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, widget=forms.RadioSelect
    )
