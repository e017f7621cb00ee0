import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["person", "topic", "navigationmenu", "footertext"], ids=lambda m: m
)
def test_site_content_snippets_are_listed_in_the_admin(client, admin_user, site_tree, model):
    client.force_login(admin_user)
    response = client.get(reverse(f"wagtailsnippets_website_{model}:list"))
    assert response.status_code == 200


def test_site_settings_are_editable(client, admin_user, site_tree):
    client.force_login(admin_user)
    response = client.get(
        reverse("wagtailsettings:edit", args=["website", "sitesettings"]), follow=True
    )
    assert response.status_code == 200
    assert "contact_email" in response.text
