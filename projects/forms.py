from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext as _

from website.topics import BasePageForm


def saved_rows(formset):
    """The forms of an inline formset that will be saved: not deleted, not blank new rows."""
    for form in formset.forms:
        form.is_valid()  # fills cleaned_data; the form's own errors are reported as usual
        if form.cleaned_data.get(DELETION_FIELD_NAME):
            continue
        if form.instance.pk is None and not form.has_changed():
            continue
        yield form


class ProjectPageForm(BasePageForm):
    """Refuses an indicator with two values for the same year, saying which year and where.

    Checked here rather than by a database constraint: editors may swap two rows' years in one
    save, which a unique index would refuse half-way through.
    """

    def clean(self):
        cleaned_data = super().clean()
        for indicator_form in saved_rows(self.formsets["indicators"]):
            name = indicator_form.cleaned_data.get("name") or _("this indicator")
            seen = set()
            for value_form in saved_rows(indicator_form.formsets["values"]):
                year = value_form.cleaned_data.get("year")
                if year is None:
                    continue
                if year in seen:
                    value_form.add_error(
                        "year",
                        ValidationError(
                            _(
                                "%(year)s is entered more than once for “%(indicator)s”: "
                                "each year can have only one value. Change the year or "
                                "delete one of the rows."
                            ),
                            code="duplicate_year",
                            params={"year": year, "indicator": name},
                        ),
                    )
                seen.add(year)
        return cleaned_data
