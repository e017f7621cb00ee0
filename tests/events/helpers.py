"""Building events in tests: one call per event type, in the index's language; and reading the
event list."""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.text import slugify

from events.dates import EVENT_TIME_ZONE
from events.models import ConferencePage, DiscussionPage, SeminarOccurrence, SeminarPage
from sitesearch.analysis import fold
from tests.utils import add_page as _add_page
from tests.utils import soup


def riga(*args):
    """An aware datetime in Latvian time: riga(2019, 4, 12, 10)."""
    return datetime(*args, tzinfo=EVENT_TIME_ZONE)


def days_from_now(days, hours=2):
    """(start, end) of an event `days` from now (negative: in the past), `hours` long."""
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return start, start + timedelta(hours=hours)


def add_page(parent, model, **fields):
    fields.setdefault("slug", slugify(fold(fields["title"])))
    return _add_page(parent, model, **fields)


def conference(index, title, start, end=None, **fields):
    fields.setdefault("theme", title)
    return add_page(
        index,
        ConferencePage,
        title=title,
        start=start,
        end=end or start + timedelta(hours=6),
        **fields,
    )


def discussion(index, title, start, end=None, **fields):
    fields.setdefault("topic", title)
    return add_page(
        index,
        DiscussionPage,
        title=title,
        start=start,
        end=end or start + timedelta(hours=2),
        **fields,
    )


def seminar(index, title, occurrences=(), **fields):
    """`occurrences`: (start, end, town, region) tuples."""
    fields.setdefault("topic", title)
    return add_page(
        index,
        SeminarPage,
        title=title,
        occurrences=[
            SeminarOccurrence(start=start, end=end, town=town, region=region, sort_order=number)
            for number, (start, end, town, region) in enumerate(occurrences)
        ],
        **fields,
    )


def card_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".listing-row__title a")]


def options(html, name):
    return {
        option["value"]: option.get_text()
        for option in html.select(f"select[name={name}] option")
        if option["value"]
    }


def add_form(client, model, parent):
    """The admin's form to add an event of `model` under `parent`, as the browser would post it
    untouched: (its address, its data)."""
    from wagtail.test.utils.form_data import querydict_from_html

    url = f"/admin/pages/add/events/{model._meta.model_name}/{parent.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # StreamFields are drawn by the admin's JavaScript: an empty one is posted as a count of 0.
    data.update({"programme-count": "0", "recordings-count": "0"})
    return url, data
