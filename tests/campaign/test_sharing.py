"""Link previews (OpenGraph, Twitter cards) and share links of the campaign's pages."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from campaign.models import DiaryEntryPage
from tests.campaign.conftest import make_image
from tests.utils import add_page, translate

pytestmark = pytest.mark.django_db


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    meta = {}
    for tag in html.head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            meta[key] = tag["content"]
    return html, meta


def test_portrait_preview_shows_the_photo_with_its_alt_text(client, portrait):
    _html, meta = head(client, "/en/lets-rise-together/ilze/")
    assert meta["og:type"] == "profile"
    assert meta["og:title"] == "Ilze: working with families"
    assert meta["og:url"] == "http://testserver/en/lets-rise-together/ilze/"
    assert meta["og:locale"] == "en_GB"
    assert meta["og:description"] == "A family finds its own solution."
    image = meta["og:image"]
    assert image.startswith("http://testserver/media/images/") and image.endswith(".jpg")
    assert "fill-1200x630" in image
    # Cropped to the 1.91:1 preview shape (and never enlarged beyond the original photo).
    width, height = int(meta["og:image:width"]), int(meta["og:image:height"])
    assert abs(width / height - 1200 / 630) < 0.01 and width <= 1200
    assert meta["og:image:alt"] == "A social worker at a table"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == image
    assert meta["twitter:image:alt"] == "A social worker at a table"
    _html, lv = head(client, "/lv/celamies-kopa/ilze/")
    assert lv["og:locale"] == "lv_LV"
    assert lv["og:image:alt"] == "Sociālā darbiniece pie galda"


def test_diary_preview_uses_the_entry_date_and_its_first_picture(client, campaign, portrait):
    picture = make_image("Sapulce", alt="Kopienas sapulce")
    alt = "Sapulce bibliotēkā"
    body = [
        {"type": "paragraph", "value": "<p>Uz sapulci atnāca septiņi cilvēki.</p>"},
        {
            "type": "image",
            "value": {
                "image": {"image": picture.pk, "decorative": False, "alt_text": alt},
                "caption": "",
            },
        },
    ]
    entry = add_page(
        campaign["lv"],
        DiaryEntryPage,
        title="Sapulce",
        slug="sapulce",
        author=portrait["lv"],
        date="2022-05-18",
        body=body,
    )
    translate(entry, slug="meeting", title="Meeting")
    _html, meta = head(client, "/lv/celamies-kopa/sapulce/")
    assert meta["og:type"] == "article"
    assert meta["article:published_time"] == "2022-05-18"
    assert meta["og:description"] == "Uz sapulci atnāca septiņi cilvēki."
    assert "sapulce" in meta["og:image"]
    # The alt text given where the picture is used, not the image's general description.
    assert meta["og:image:alt"] == "Sapulce bibliotēkā"


def test_diary_without_pictures_previews_its_authors_photo(client, diary_entry):
    _html, meta = head(client, "/lv/celamies-kopa/pirmdiena/")
    assert "foto" in meta["og:image"]
    assert meta["og:image:alt"] == "Sociālā darbiniece pie galda"


def test_page_without_any_image_has_a_summary_card(client, campaign):
    _html, meta = head(client, "/lv/celamies-kopa/")
    assert meta["twitter:card"] == "summary"
    assert "og:image" not in meta
    assert meta["og:description"] == "Informatīvā kampaņa par sociālo darbu."


def test_share_links_are_plain_links_with_the_page_address(client, portrait):
    html, _meta = head(client, "/en/lets-rise-together/ilze/")
    links = {a.contents[0].strip(): a["href"] for a in html.select(".share a")}
    assert set(links) == {"Facebook", "X (Twitter)", "LinkedIn", "E-mail"}
    page_url = "http://testserver/en/lets-rise-together/ilze/"
    facebook = urlsplit(links["Facebook"])
    assert facebook.netloc == "www.facebook.com"
    assert parse_qs(facebook.query) == {"u": [page_url]}
    assert parse_qs(urlsplit(links["X (Twitter)"]).query) == {
        "url": [page_url],
        "text": ["Ilze: working with families"],
    }
    assert parse_qs(urlsplit(links["LinkedIn"]).query) == {"url": [page_url]}
    mail = links["E-mail"]
    assert mail.startswith("mailto:?") and "+" not in mail
    assert parse_qs(urlsplit(mail).query)["subject"] == ["Ilze: working with families"]
    # No network's script, frame or pixel is loaded: every program is the site's own (the
    # structured data is JSON, not a program).
    programs = [s for s in html.find_all("script") if s.get("type") != "application/ld+json"]
    assert programs and all(script["src"].startswith("/static/") for script in programs)
    assert not html.find_all(["iframe", "img"], src=lambda src: src and "//" in src)
    assert not html.find("iframe")


def test_a_photo_whose_file_is_lost_leaves_the_preview_without_a_picture(client, portrait):
    image = portrait["lv"].photo
    image.renditions.all().delete()
    image.file.storage.delete(image.file.name)
    _html, meta = head(client, "/en/lets-rise-together/ilze/")
    assert "og:image" not in meta
    assert meta["og:title"] == "Ilze: working with families"
