"""Demo content of the campaign "Ceļamies kopā", in Latvian and English.

The campaign, its website, the memorandum's commitments and the number of municipalities that
joined come from the seed. The seed has no portraits or diaries and names no municipality, so
the portraits and diary entries are marked as examples and the municipality records as demo
data: the site says so wherever they are shown.
"""

from datetime import date
from pathlib import Path

from campaign.models import (
    CampaignPage,
    DiaryEntryPage,
    MemorandumPage,
    Municipality,
    PortraitPage,
)
from website.demo.loader import text_paragraphs

DATA = Path(__file__).with_name("campaign.json")
PORTRAIT_SIZE = (800, 800)


def load(loader):
    required = ("campaign", "memorandum", "municipalities", "portraits", "diary_entries")
    data = loader.read_json(DATA, required_keys=required)
    loader.step("Campaign “Ceļamies kopā”: portraits, diaries, memorandum and municipalities")
    home = loader.home()
    campaign = _campaign(loader, home, data["campaign"])
    portraits = {
        spec["key"]: _portrait(loader, campaign, spec, tone)
        for tone, spec in enumerate(data["portraits"])
    }
    for spec in data["diary_entries"]:
        _diary_entry(loader, campaign, spec, portraits[spec["author"]])
    _memorandum(loader, campaign, data["memorandum"])
    for record in data["municipalities"]:
        _municipality, created = Municipality.objects.get_or_create(
            name=record["name"],
            defaults={"planning_region": record["planning_region"], "is_demo": True},
        )
        loader.created += created


def _campaign(loader, home, spec):
    return loader.pair(
        home,
        CampaignPage,
        spec,
        texts=("title", "seo_title", "introduction", "listing_summary", "body"),
        website_url=spec["website_url"],
    )


def _portrait(loader, campaign, spec, tone):
    """The Latvian portrait and its translation, as {"lv": page, "en": page}.

    Each person gets the next of the site's colours (`tone`), so the cards side by side differ.
    """
    lv, en, image = spec["lv"], spec["en"], spec["image"]
    photo = loader.image(
        image["title"],
        image["alt"],
        image["filename"],
        kind="portrait",
        size=PORTRAIT_SIZE,
        name=image["label"],
        tone=tone,
    )
    portrait = loader.pair(
        campaign,
        PortraitPage,
        spec,
        texts=("title", "role", "municipality", "photo_alt", "quote"),
        lv={"story": text_paragraphs(lv["story"])},
        en={"story": text_paragraphs(en["story"])},
        person_name=spec["person_name"],
        is_pseudonym=spec["is_pseudonym"],
        planning_region=spec["planning_region"],
        photo=photo,
        is_example=True,
    )
    return {"lv": portrait, "en": portrait.get_translation(loader.locales["en"])}


def _diary_body(texts, image=None, alt="", caption=""):
    """Raw StreamField data: paragraphs, then the entry's picture with alt text in its language."""
    blocks = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]
    if image is not None:
        blocks.append(
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "decorative": False, "alt_text": alt},
                    "caption": caption,
                },
            }
        )
    return blocks


def _diary_fields(spec, language, author, image):
    """The entry's author and body in one language, the picture's alt text in it too."""
    text = spec[language]
    alt = image and spec["image"]["alt" if language == "lv" else "alt_en"]
    return {
        "author": author[language],
        "body": _diary_body(text["body"], image, alt, text.get("caption", "")),
    }


def _diary_entry(loader, campaign, spec, author):
    image = None
    if "image" in spec:
        picture = spec["image"]
        image = loader.image(
            picture["title"], picture["alt"], picture["filename"], label=picture["label"]
        )
    loader.pair(
        campaign,
        DiaryEntryPage,
        spec,
        texts=("title",),
        lv=_diary_fields(spec, "lv", author, image),
        en=_diary_fields(spec, "en", author, image),
        date=date.fromisoformat(spec["date"]),
        is_example=True,
    )


def _memorandum(loader, campaign, spec):
    lv, en = spec["lv"], spec["en"]

    def commitments(titles):
        return [("commitment", {"title": title, "text": ""}) for title in titles]

    loader.pair(
        campaign,
        MemorandumPage,
        spec,
        texts=("title", "introduction", "listing_summary", "tracker_introduction"),
        lv={"commitments": commitments(lv["commitments"])},
        en={"commitments": commitments(en["commitments"])},
    )
