"""The editors' form of the Events section (the readers' list filters: events.filters)."""

from website.topics import BasePageForm


class EventPageForm(BasePageForm):
    """Start and end may be empty in the database (a seminar takes its dates from its visits),
    but where an editor types them they are required, and the form says so up front."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            if name in self.fields:
                self.fields[name].required = True
