"""The admin forms of the periodical's pages."""

from django.utils.translation import gettext_lazy as _

from website.topics import BasePageForm


class IssuePageForm(BasePageForm):
    """An issue's number is unique within its year in its periodical."""

    def clean(self):
        cleaned_data = super().clean()
        year, number = cleaned_data.get("year"), cleaned_data.get("number")
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        if parent is not None and year and number:
            duplicates = self._meta.model.objects.child_of(parent).filter(year=year, number=number)
            if self.instance.pk:
                duplicates = duplicates.exclude(pk=self.instance.pk)
            if duplicates.exists():
                self.add_error(
                    "number",
                    _("The periodical already has issue %(label)s.")
                    % {"label": f"{number}/{year}"},
                )
        return cleaned_data
