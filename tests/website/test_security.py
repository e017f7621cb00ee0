"""Security headers and login throttling, as visitors and editors meet them."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from website.security import client_ip_address

pytestmark = pytest.mark.django_db

PASSWORD = "pareiza-parole-2024"


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


# Headers ----------------------------------------------------------------------------------


def test_a_public_page_carries_the_security_headers(client, site_tree):
    response = client.get("/lv/")
    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_pages_have_no_inline_script_or_style(client, site_tree):
    """Anything inline would be blocked by the policy above, so it must not be there at all."""
    for url in ("/lv/", "/en/", "/lv/meklet/?q=darbs", "/lv/nav-tadas-lapas/"):
        html = BeautifulSoup(client.get(url).content, "html.parser")
        for script in html.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", (url, script)
        for element in html.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, (url, element.name, handlers)
            assert "style" not in element.attrs, (url, element.name)
        assert not html.find_all("style"), url


def test_the_admin_is_outside_the_content_security_policy(client, admin_user, site_tree):
    # Wagtail's admin still needs inline scripts; it keeps the other headers.
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


# Login throttling -------------------------------------------------------------------------


@pytest.fixture
def editor_account(db):
    return get_user_model().objects.create_user(
        "redaktore", "redaktore@example.lv", PASSWORD, is_staff=True, is_superuser=True
    )


def log_in(client, password, username="redaktore", address="192.0.2.10"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def is_logged_in(client):
    return client.get("/admin/").status_code == 200


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, editor_account):
    for _ in range(4):
        response = log_in(client, "nepareiza")
        assert response.status_code == 200  # the form again, with its error
    # The fifth wrong password locks the login and says so.
    assert log_in(client, "nepareiza").status_code == 429
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "Pārāk daudz pieteikšanās mēģinājumu" in response.text
    assert "30 minūtes" in response.text
    assert not is_logged_in(client)


def test_a_lockout_is_for_that_user_from_that_address_only(client, editor_account):
    for _ in range(5):
        log_in(client, "nepareiza")
    assert log_in(client, PASSWORD).status_code == 429
    # The same editor from another address is not locked out by someone else's attempts.
    assert log_in(client, PASSWORD, address="198.51.100.7").status_code == 302
    assert is_logged_in(client)


def test_the_lockout_ends_after_the_cool_off(client, editor_account):
    for _ in range(5):
        log_in(client, "nepareiza")
    assert log_in(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=31)
    )
    assert log_in(client, PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_a_successful_login_resets_the_count(client, editor_account):
    for _ in range(4):
        log_in(client, "nepareiza")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        log_in(client, "nepareiza")
    assert log_in(client, PASSWORD).status_code == 302


def test_behind_a_proxy_the_address_it_saw_is_counted(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client forged the first entry; the proxy appended the address it really came from.
    request = rf.post(
        "/admin/login/",
        HTTP_X_FORWARDED_FOR="203.0.113.99, 192.0.2.10",
        REMOTE_ADDR="10.0.0.2",
    )
    assert client_ip_address(request) == "192.0.2.10"
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip_address(request) == "10.0.0.2"
