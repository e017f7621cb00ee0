"""The admin loads nothing from other sites and tells them nothing about editors.

Wagtail shows editors' avatars from gravatar.com by default: offline they are broken images,
and online every admin page sends a hash of each editor's e-mail address to a third party.
"""

import hashlib
import re

import pytest
from django.contrib.auth.models import Group

from tests.utils import add_page, standard_page_form
from website.models import StandardPage

pytestmark = pytest.mark.django_db

EMAIL = "Anna.Kalnina@example.lv"
# Anything the browser loads by itself from another site: images, scripts, frames, style
# sheets (links to other sites, such as Wagtail's user guide, load nothing until clicked).
EXTERNAL = re.compile(
    r"""(?:\ssrc|\ssrcset|<link[^>]*\shref)=["'](?:https?:)?//(?!testserver)""", re.IGNORECASE
)


def hashes(email):
    address = email.lower().encode()
    return {hashlib.md5(address).hexdigest(), hashlib.sha256(address).hexdigest()}


@pytest.fixture
def editors(django_user_model):
    editor = django_user_model.objects.create_user(
        "redaktore", email=EMAIL, password="not-used", first_name="Anna", last_name="Kalniņa"
    )
    editor.groups.add(Group.objects.get(name="Redaktori"))
    moderator = django_user_model.objects.create_user(
        "moderators", email="moderators@example.lv", password="not-used"
    )
    moderator.groups.add(Group.objects.get(name="Moderatori"))
    return editor, moderator


def test_no_admin_page_shows_an_avatar_from_elsewhere(client, editors, site_tree):
    editor, moderator = editors
    page = add_page(site_tree["lv"], StandardPage, title="Kontakti", introduction="Tālrunis.")
    client.force_login(editor)
    data = standard_page_form("Kontakti", "kontakti", "submit", introduction="Jauns tālrunis.")
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302

    screens = {
        editor: ["/admin/", "/admin/account/", f"/admin/pages/{page.pk}/history/"],
        moderator: [
            "/admin/",
            f"/admin/pages/{page.pk}/edit/",
            f"/admin/pages/{page.pk}/history/",
            f"/admin/pages/{site_tree['lv'].pk}/",
            "/admin/reports/site-history/",
        ],
    }
    for user, urls in screens.items():
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.text
            assert "gravatar" not in html.lower(), url
            assert not hashes(EMAIL) & set(re.findall(r"[0-9a-f]{32,64}", html)), url
            assert not EXTERNAL.search(html), (url, EXTERNAL.search(html))
            # The editor's avatar is still shown: Wagtail's own default image.
            if "avatar" in html:
                assert "wagtailadmin/images/default-user-avatar" in html, url
