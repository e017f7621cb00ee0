"""The demo site's generated artwork: legible type, a look of its own per item, small files."""

import io

import pytest
from PIL import Image, ImageChops, ImageStat

from website.demo import artwork

MASTHEAD = "Sociālais darbs Latvijā"
COVER = {"masthead": MASTHEAD, "issue_line": "Nr. 1 · 2023 · pavasaris"}
# Each kind at the size the demo draws it, with the part of the picture that carries its text.
SAMPLES = {
    "cover masthead": ("cover", (600, 850), {**COVER, "theme": "Darbs kopienā"}, (0, 0, 1, 0.2)),
    "cover theme": ("cover", (600, 850), {**COVER, "theme": "Darbs kopienā"}, (0, 0.68, 1, 0.8)),
    "portrait name": ("portrait", (800, 800), {"name": "Ilze"}, (0, 0.84, 1, 1)),
    "podcast name": ("podcast", (1400, 1400), {"name": "Ne tikai par darbu"}, (0, 0.58, 1, 0.8)),
    "picture label": ("illustration", (1200, 675), {"label": "Sapulce"}, (0, 0.82, 1, 1)),
}


def picture(data):
    return Image.open(io.BytesIO(data)).convert("RGB")


def hex_colour(pixel):
    return "#{:02x}{:02x}{:02x}".format(*pixel)


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("tone", range(len(artwork.TONES)))
def test_text_on_every_colour_has_at_least_aa_contrast(sample, tone):
    kind, size, text, (left, top, right, bottom) = SAMPLES[sample]
    image = picture(artwork.draw(kind, size, tone=tone, **text))
    width, height = image.size
    region = image.crop((left * width, top * height, right * width, bottom * height))
    # The two commonest colours of the text's region are its ground and the letters.
    (_, ground), (_, letters) = sorted(region.getcolors(maxcolors=1 << 20), reverse=True)[:2]
    ratio = artwork.contrast(hex_colour(ground), hex_colour(letters))
    assert ratio >= 4.5, (sample, hex_colour(ground), hex_colour(letters), ratio)


def test_the_same_item_always_gets_the_same_picture_and_another_item_another():
    first = artwork.draw("cover", (600, 850), theme="Darbs ar senioriem", **COVER)
    assert artwork.draw("cover", (600, 850), theme="Darbs ar senioriem", **COVER) == first
    other = artwork.draw("cover", (600, 850), theme="Darbs kopienā", **COVER)
    difference = ImageStat.Stat(ImageChops.difference(picture(first), picture(other)))
    # Not a few changed letters: the colours and the motif differ (mean difference per channel).
    assert sum(difference.mean) / 3 > 20
    assert artwork.draw("portrait", (400, 400), name="Ilze") != artwork.draw(
        "portrait", (400, 400), name="Andris"
    )


def test_the_files_stay_small():
    for sample, (kind, size, text, _region) in SAMPLES.items():
        data = artwork.draw(kind, size, **text)
        assert picture(data).size == size
        assert len(data) < 80_000, (sample, len(data))


def test_without_dejavu_the_artwork_is_still_drawn(monkeypatch):
    monkeypatch.setattr(artwork, "FONT_DIRECTORIES", [])
    image = picture(artwork.draw("cover", (300, 425), theme="Darbs kopienā", **COVER))
    masthead = image.crop((0, 0, 300, 85))
    assert len(masthead.getcolors(maxcolors=1 << 20)) > 2  # the band carries letters
