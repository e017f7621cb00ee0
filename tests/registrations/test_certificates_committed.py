"""Certificates where transactions commit: the mail as production sends it (queued for the
background worker, which hands it to the SMTP server with the PDF attached), and moderators
issuing at the same moment on PostgreSQL (every certificate its own number)."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from registrations import certificates
from registrations.models import Certificate, Participant
from tests.registrations.conftest import participant, path_of, pdf_text, qr_urls, status_of
from tests.smtp import SMTPServer
from tests.worker import run_worker
from website import mail

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_worker_mails_the_certificate_with_its_pdf(client, worker_mail, certificate_event):
    with SMTPServer() as server:
        worker_mail(f"smtp://127.0.0.1:{server.port}/?timeout=5")
        person = participant(
            certificate_event["offer"], email="jana@example.lv", name="Jana Bērziņa-Ožola"
        )
        certificate, queued = certificates.issue(person)
        assert queued
        # Issuing waited on no mail server: the message is queued for the worker.
        assert not server.inbox.messages
        assert DBTaskResult.objects.filter(task_path=mail.deliver.module_path).count() == 1
        run_worker()
    (received,) = server.inbox.to("jana@example.lv")
    assert certificate.number in received.message["Subject"]
    (attachment,) = list(received.message.iter_attachments())
    data = attachment.get_content()
    assert "Jana Bērziņa-Ožola" in pdf_text(data) and certificate.number in pdf_text(data)
    (url,) = qr_urls(data)
    assert "Derīga" in status_of(client, path_of(url))[1]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need PostgreSQL (SQLite serialises them)",
)
def test_moderators_issuing_at_once_get_different_numbers(certificate_event):
    offer = certificate_event["offer"]
    people = [participant(offer, name=f"Dalībnieks {n}") for n in range(12)]
    start = threading.Barrier(len(people))
    errors = []

    def issue(person):
        try:
            start.wait()
            certificates.issue(Participant.objects.get(pk=person.pk), send=False)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    year = timezone.now().year
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    assert numbers == [f"SDP-{year}-{n:06d}" for n in range(1, 13)]
