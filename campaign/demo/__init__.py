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
from website.demo import paragraphs

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
    lv, en = spec["lv"], spec["en"]
    campaign = loader.page(
        home,
        CampaignPage,
        lv["slug"],
        title=lv["title"],
        seo_title=lv["seo_title"],
        introduction=lv["introduction"],
        listing_summary=lv["listing_summary"],
        website_url=spec["website_url"],
        body=[("paragraph", html) for html in lv["body"]],
    )
    loader.translate(
        campaign,
        slug=en["slug"],
        title=en["title"],
        seo_title=en["seo_title"],
        introduction=en["introduction"],
        listing_summary=en["listing_summary"],
        body=[("paragraph", html) for html in en["body"]],
    )
    return campaign


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
    portrait = loader.page(
        campaign,
        PortraitPage,
        lv["slug"],
        title=lv["title"],
        person_name=spec["person_name"],
        is_pseudonym=spec["is_pseudonym"],
        role=lv["role"],
        municipality=lv["municipality"],
        planning_region=spec["planning_region"],
        photo=photo,
        photo_alt=lv["photo_alt"],
        quote=lv["quote"],
        story=paragraphs(lv["story"]),
        is_example=True,
    )
    translation = loader.translate(
        portrait,
        slug=en["slug"],
        title=en["title"],
        role=en["role"],
        municipality=en["municipality"],
        photo_alt=en["photo_alt"],
        quote=en["quote"],
        story=paragraphs(en["story"]),
    )
    return {"lv": portrait, "en": translation}


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


def _diary_entry(loader, campaign, spec, author):
    lv, en = spec["lv"], spec["en"]
    image = None
    if "image" in spec:
        picture = spec["image"]
        image = loader.image(
            picture["title"], picture["alt"], picture["filename"], label=picture["label"]
        )
    entry = loader.page(
        campaign,
        DiaryEntryPage,
        lv["slug"],
        title=lv["title"],
        author=author["lv"],
        date=date.fromisoformat(spec["date"]),
        body=_diary_body(lv["body"], image, image and spec["image"]["alt"], lv.get("caption", "")),
        is_example=True,
    )
    loader.translate(
        entry,
        slug=en["slug"],
        title=en["title"],
        author=author["en"],
        body=_diary_body(
            en["body"], image, image and spec["image"]["alt_en"], en.get("caption", "")
        ),
    )


def _memorandum(loader, campaign, spec):
    lv, en = spec["lv"], spec["en"]

    def commitments(titles):
        return [("commitment", {"title": title, "text": ""}) for title in titles]

    memorandum = loader.page(
        campaign,
        MemorandumPage,
        lv["slug"],
        title=lv["title"],
        introduction=lv["introduction"],
        listing_summary=lv["listing_summary"],
        commitments=commitments(lv["commitments"]),
        tracker_introduction=lv["tracker_introduction"],
    )
    loader.translate(
        memorandum,
        slug=en["slug"],
        title=en["title"],
        introduction=en["introduction"],
        listing_summary=en["listing_summary"],
        commitments=commitments(en["commitments"]),
        tracker_introduction=en["tracker_introduction"],
    )
