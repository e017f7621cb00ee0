"""The workflow's e-mails, as a real mail server receives them, in each recipient's language.

A page submitted by an editor notifies the moderators; approving or rejecting it notifies the
editor. Each mail is written in the recipient's chosen admin language, or in Latvian when they
chose none (never in the language of whoever triggered it). The server is aiosmtpd on
127.0.0.1, configured through EMAIL_URL as in production: plain, STARTTLS with a login, TLS
from the first byte; and down, silent or refusing the login, when the workflow must go on.
"""

import time
from pathlib import Path

import pytest
import trustme
from django.contrib.auth.models import Group
from wagtail.models import Page
from wagtail.users.models import UserProfile

from tests import production
from tests.network import HungServer, free_port
from tests.smtp import SMTPServer
from tests.utils import standard_page_form
from website.settings.email_url import EmailURLError, email_settings

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]
FROM = "portals@lm.example.lv"


# EMAIL_URL --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://user:secret@mail.example.lv:587/?tls=1",
            {
                "EMAIL_HOST": "mail.example.lv",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "user",
                "EMAIL_HOST_PASSWORD": "secret",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
            },
        ),
        ("smtp://mail.example.lv/?tls=1", {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True}),
        (
            "smtps://portals%40lm.gov.lv:p%40ss%3Aw%2Frd@mail.example.lv",
            {
                "EMAIL_PORT": 465,
                "EMAIL_USE_SSL": True,
                "EMAIL_USE_TLS": False,
                "EMAIL_HOST_USER": "portals@lm.gov.lv",
                "EMAIL_HOST_PASSWORD": "p@ss:w/rd",
            },
        ),
        ("smtp://localhost", {"EMAIL_PORT": 25, "EMAIL_HOST_USER": "", "EMAIL_TIMEOUT": 10}),
        ("smtp://[::1]:2525/?timeout=2.5", {"EMAIL_HOST": "::1", "EMAIL_TIMEOUT": 2.5}),
        ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        ("file:///var/tmp/mail", {"EMAIL_FILE_PATH": "/var/tmp/mail"}),
    ],
)
def test_email_url_gives_djangos_settings(url, expected):
    settings = email_settings(url)
    for name, value in expected.items():
        assert settings[name] == value, name


@pytest.mark.parametrize(
    "url",
    [
        "smtpx://user:secret@mail.example.lv",
        "smtp://user:secret@mail.example.lv/?tls=1&ssl=1",
        "smtps://user:secret@mail.example.lv/?tls=1",
        "smtp://user:secret@mail.example.lv/?tls=maybe",
        "smtp://user:secret@mail.example.lv/?timeout=0",
        "smtp://user:secret@mail.example.lv/?starttls=1",
        "smtp://user:secret@mail.example.lv:99999",
        "smtp://:secret@/",
        "file://",
    ],
)
def test_a_wrong_email_url_is_refused_without_showing_the_password(url):
    with pytest.raises(EmailURLError) as error:
        email_settings(url)
    assert "secret" not in str(error.value)


def run_production(**env):
    return production.settings(
        "s.EMAIL_BACKEND",
        "s.EMAIL_HOST",
        "s.EMAIL_PORT",
        "s.EMAIL_USE_TLS",
        "s.DEFAULT_FROM_EMAIL",
        env=env,
        unset=("EMAIL_URL", "EMAIL_HOST", "EMAIL_BACKEND"),
    )


def test_production_reads_email_url():
    result = run_production(
        EMAIL_URL="smtp://portals:secret@mail.example.lv/?tls=1", DEFAULT_FROM_EMAIL=FROM
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.lv",
        "587",
        "True",
        FROM,
    ]

    wrong = run_production(EMAIL_URL="smtpx://portals:secret@mail.example.lv")
    assert wrong.returncode != 0 and "smtpx" in wrong.stderr and "secret" not in wrong.stderr
    # The variables read before EMAIL_URL existed are not silently ignored.
    old = run_production(EMAIL_HOST="mail.example.lv")
    assert old.returncode != 0 and "EMAIL_URL" in old.stderr


# The workflow's mails -----------------------------------------------------------------------


def user(django_user_model, username, group, language=""):
    account = django_user_model.objects.create_user(
        username, email=f"{username}@example.lv", password="not-used", first_name=username
    )
    account.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(account)
    profile.preferred_language = language
    profile.save()
    return account


@pytest.fixture
def people(django_user_model):
    return {
        # Works in English, but chose no language for mail: gets Latvian.
        "editor": user(django_user_model, "redaktore", "Redaktori"),
        "moderator_lv": user(django_user_model, "moderatore", "Moderatori"),
        "moderator_en": user(django_user_model, "moderator", "Moderatori", language="en"),
    }


def use_mail(settings, url):
    for name, value in email_settings(url).items():
        setattr(settings, name, value)
    settings.DEFAULT_FROM_EMAIL = FROM


def submit(client, editor, parent, title, slug):
    client.force_login(editor)
    data = standard_page_form(title, slug, "submit")
    # The editor's own admin is in English this time: the moderators' mail must not be.
    response = client.post(
        f"/admin/pages/add/website/standardpage/{parent.pk}/", data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    return Page.objects.get(slug=slug)


def act(client, moderator, page, action, comment=""):
    client.force_login(moderator)
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": comment}
    )
    assert response.status_code == 302
    return Page.objects.get(pk=page.pk)


def subject(received):
    """As a mail client shows it: a long header is folded on the wire."""
    return " ".join(received.message["Subject"].split())


def only(messages):
    assert len(messages) == 1, [subject(m) for m in messages]
    return messages[0]


def test_workflow_mails_reach_a_real_server_in_each_recipients_language(
    client, settings, site_tree, people
):
    with SMTPServer() as server:
        use_mail(settings, f"smtp://127.0.0.1:{server.port}")
        page = submit(client, people["editor"], site_tree["lv"], "Par projektu", "par-projektu")

        latvian = only(server.inbox.to("moderatore@example.lv"))
        assert latvian.message["Content-Language"] == "lv"
        assert subject(latvian) == (
            "Lapa „Par projektu” iesniegta apstiprināšanai posmā „Moderatoru apstiprinājums”"
        )
        assert "Sveiki, moderatore!" in latvian.text
        assert f"http://testserver/admin/pages/{page.pk}/edit/" in latvian.text
        assert latvian.mail_from == FROM and latvian.message["From"] == FROM
        assert latvian.message["Auto-Submitted"] == "auto-generated"

        english = only(server.inbox.to("moderator@example.lv"))
        assert english.message["Content-Language"] == "en"
        assert subject(english) == (
            'The page "Par projektu" has been submitted for approval in moderation stage '
            '"Moderatoru apstiprinājums"'
        )

        # The moderator who works in English approves: the editor still reads Latvian.
        assert act(client, people["moderator_en"], page, "approve").live
        approved = only(server.inbox.to("redaktore@example.lv"))
        assert approved.message["Content-Language"] == "lv"
        assert subject(approved) == (
            "Lapa „Par projektu” apstiprināta darbplūsmā „Moderatoru apstiprinājums”."
        )

        page = submit(client, people["editor"], site_tree["lv"], "Kontakti", "kontakti")
        act(client, people["moderator_en"], page, "reject", "Lūdzu, pievienojiet tālruni.")
        rejected = [m for m in server.inbox.to("redaktore@example.lv") if m is not approved]
        rejected = only(rejected)
        assert subject(rejected) == (
            "Lapa „Kontakti” atgriezta labošanai darbplūsmā „Moderatoru apstiprinājums”."
        )
        assert "Lūdzu, pievienojiet tālruni." in rejected.text
        assert not Page.objects.get(pk=page.pk).live


@pytest.fixture
def ca(tmp_path, monkeypatch):
    """A throwaway certificate authority the site's side trusts, as a real one would be."""
    authority = trustme.CA()
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    return authority


@pytest.mark.parametrize(
    ("mode", "url"),
    [
        ("starttls", "smtp://portals%40lm:pa%3Ass@127.0.0.1:{port}/?tls=1"),
        ("tls", "smtps://portals%40lm:pa%3Ass@127.0.0.1:{port}"),
    ],
)
def test_mail_goes_over_tls_with_a_login(client, settings, site_tree, people, ca, mode, url):
    with SMTPServer(mode, ca=ca, username="portals@lm", password="pa:ss") as server:
        use_mail(settings, url.format(port=server.port))
        submit(client, people["editor"], site_tree["lv"], "Par projektu", "par-projektu")
        assert only(server.inbox.to("moderatore@example.lv"))
        # Logged in with the decoded name, over an encrypted connection.
        assert server.inbox.logins and all(
            login == "portals@lm" for _mechanism, login, _tls in server.inbox.logins
        )
        if mode == "starttls":
            assert all(tls for _mechanism, _login, tls in server.inbox.logins)


def assert_the_workflow_goes_on(client, people, site_tree, caplog):
    start = time.monotonic()
    page = submit(client, people["editor"], site_tree["lv"], "Par projektu", "par-projektu")
    assert Page.objects.get(pk=page.pk).workflow_in_progress
    assert act(client, people["moderator_lv"], page, "approve").live
    assert any(record.name == "website.notifications" for record in caplog.records)
    return time.monotonic() - start


def test_a_mail_server_that_is_down_does_not_stop_the_workflow(
    client, settings, site_tree, people, caplog
):
    use_mail(settings, f"smtp://127.0.0.1:{free_port()}")  # nothing listens there
    assert_the_workflow_goes_on(client, people, site_tree, caplog)


def test_a_mail_server_that_never_answers_costs_its_timeout_only(
    client, settings, site_tree, people, caplog
):
    with HungServer() as server:
        use_mail(settings, f"smtp://127.0.0.1:{server.port}/?timeout=1")
        elapsed = assert_the_workflow_goes_on(client, people, site_tree, caplog)
    # Two notifications (submitted, approved), one connection attempt each.
    assert elapsed < 30


def test_a_refused_login_does_not_stop_the_workflow(
    client, settings, site_tree, people, ca, caplog
):
    with SMTPServer("starttls", ca=ca, username="portals", password="right") as server:
        use_mail(settings, f"smtp://portals:wrong@127.0.0.1:{server.port}/?tls=1")
        assert_the_workflow_goes_on(client, people, site_tree, caplog)
        assert server.inbox.messages == []
