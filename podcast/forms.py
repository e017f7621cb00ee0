from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from website.topics import BasePageForm


class EpisodePageForm(BasePageForm):
    """Episode numbers are unique within a season of the show; a new episode gets the next one.

    Checked here rather than in the model: only the form knows the show a new episode is
    being added to.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding and self.parent_page and not self.is_bound:
            last = self._siblings().aggregate(last=Max("number"))["last"]
            self.initial["number"] = (last or 0) + 1

    def _siblings(self):
        return type(self.instance).objects.child_of(self.parent_page).exclude(pk=self.instance.pk)

    def clean(self):
        cleaned_data = super().clean()
        number = cleaned_data.get("number")
        if number is not None and self.parent_page:
            taken = self._siblings().filter(number=number, season=cleaned_data.get("season"))
            if taken.exists():
                self.add_error(
                    "number",
                    _("Episode %(number)s of this season already exists: “%(title)s”.")
                    % {"number": number, "title": taken.first().title},
                )
        return cleaned_data
