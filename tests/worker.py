"""Mail in tests: a real SMTP server the site sends to (`smtp`), and the background worker as
production runs it (BACKGROUND_WORKER=1): the database task backend, mail queued for it, and
the worker run until its queues are empty."""

import io

import pytest
from django.core.management import call_command

from tests.smtp import SMTPServer
from website.settings.email_url import email_settings

FROM = "Sociālā darba portāls <portals@lm.example.lv>"


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1 that the site's mail backend sends to; its inbox."""
    with SMTPServer() as server:
        for name, value in email_settings(f"smtp://127.0.0.1:{server.port}").items():
            setattr(settings, name, value)
        settings.DEFAULT_FROM_EMAIL = FROM
        yield server.inbox


def use_database_tasks(settings):
    """The "background" tasks queued in the database, as production's worker reads them."""
    settings.TASKS = {
        **settings.TASKS,
        "background": {
            **settings.TASKS["background"],
            "BACKEND": "django_tasks_db.DatabaseBackend",
        },
    }


@pytest.fixture
def worker_mail(settings):
    """Production's mail settings: mail is queued for the worker, which delivers it to the
    server the returned function is given (an EMAIL_URL)."""
    use_database_tasks(settings)
    settings.EMAIL_BACKEND = "website.mail.QueuedEmailBackend"
    settings.DEFAULT_FROM_EMAIL = FROM

    def deliver_to(url):
        delivery = email_settings(url)
        settings.EMAIL_DELIVERY_BACKEND = delivery.pop("EMAIL_BACKEND")
        for name, value in delivery.items():
            setattr(settings, name, value)

    return deliver_to


def run_worker():
    """What production's worker (`manage.py db_worker --backend background`) does, until its
    queues are empty."""
    call_command(
        "db_worker",
        "--backend",
        "background",
        "--queue-name",
        "*",
        "--batch",
        "--no-startup-delay",
        verbosity=0,
        stdout=io.StringIO(),
    )
