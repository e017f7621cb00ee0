"""Forms of the Events section: the editors' page form and the readers' list filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from website.choices import PlanningRegion
from website.listing import listing_option_label
from website.topics import BasePageForm


class EventPageForm(BasePageForm):
    """Start and end may be empty in the database (a seminar takes its dates from its visits),
    but where an editor types them they are required, and the form says so up front."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            if name in self.fields:
                self.fields[name].required = True


class EventFilterForm(forms.Form):
    """GET filters of the event list. A value that is not one of the choices is ignored (the
    list is shown without that filter), so an edited or outdated link never fails."""

    type = forms.ChoiceField(label=_("Type"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    region = forms.ChoiceField(label=_("Region"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, data, *, types, years, topics):
        super().__init__(data)
        self.fields["type"].choices = [("", _("All types")), *types]
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
        self.fields["region"].choices = [("", _("All regions")), *PlanningRegion.choices]
        self.fields["topic"].choices = [("", _("All topics")), *topics]
        self.is_valid()

    def show_counts(self, counts):
        """Add to each option how many events it gives: {field: {value: count}}."""
        for name, numbers in counts.items():
            field = self.fields[name]
            field.choices = [
                (value, listing_option_label(label, numbers[value]) if value != "" else label)
                for value, label in field.choices
            ]

    @property
    def active(self):
        """The filters that apply: the valid, non-empty values."""
        return {name: value for name, value in self.cleaned_data.items() if value}

    @property
    def ignored(self):
        return bool(self.errors)
