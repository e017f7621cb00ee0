"""Event times as readers see them: in Latvian time, with the precision the editor knows.

Events take place in Latvia, so their times are shown in Europe/Riga whatever time zone the
server or the reader uses. An approximate date (a past event reconstructed from a report that
names only the year) shows the month and year, never the day or the hour.
"""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

EVENT_TIME_ZONE = ZoneInfo("Europe/Riga")


def riga(value):
    return timezone.localtime(value, EVENT_TIME_ZONE) if value else None


def format_period(start, end, approximate=False):
    """'12 April 2019, 10:00–16:00', '12 April 2019 – 13 April 2019' or 'April 2019 (…)'."""
    if start is None:
        return _("Date to be announced")
    start = riga(start)
    end = riga(end) or start
    if approximate:
        month = date_format(start, "YEAR_MONTH_FORMAT")
        return _("%(month)s (approximate date)") % {"month": month}
    if start.date() == end.date():
        day = date_format(start, "DATE_FORMAT")
        if start == end:
            return f"{day}, {time_format(start, 'TIME_FORMAT')}"
        return f"{day}, {time_format(start, 'TIME_FORMAT')}–{time_format(end, 'TIME_FORMAT')}"
    return f"{date_format(start, 'DATE_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"


def format_date_only(start, end, approximate=False):
    """'12 April 2019', '12 April 2019 – 13 April 2019' or '≈ April 2019': for a list's rows."""
    if start is None:
        return _("Date to be announced")
    start = riga(start)
    end = riga(end) or start
    if approximate:
        return f"≈ {date_format(start, 'YEAR_MONTH_FORMAT')}"
    if start.date() == end.date():
        return date_format(start, "DATE_FORMAT")
    return f"{date_format(start, 'DATE_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"


def iso_datetime(value, approximate=False):
    """For <time datetime> and schema.org: '2019-04-12T10:00:00+03:00', or '2019-04'."""
    if value is None:
        return ""
    value = riga(value)
    if approximate:
        return value.strftime("%Y-%m")
    # Whole seconds: HTML's datetime attribute allows at most three decimals.
    return value.replace(microsecond=0).isoformat()
