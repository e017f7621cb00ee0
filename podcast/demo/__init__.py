"""The podcast "Ne tikai par sociālo darbu" and its five episodes, in Latvian and English.

Each episode gets a short generated MP3 (so the feed has real enclosures, offline), a WebVTT
file and a written transcript that say honestly what the recording is, and two chapters.
"""

from pathlib import Path

from podcast.models import EpisodePage, EpisodePerson, PersonRole, PodcastPage
from website.models import Person

DATA = Path(__file__).with_name("podcast.json")
SECONDS = 12
# A different pitch per episode, so the five recordings are different files.
TONES = (330.0, 392.0, 440.0, 494.0, 523.0)


def load(loader):
    data = loader.read_json(DATA, required_keys=("show", "people", "texts", "episodes"))
    loader.step("Podcast: the show, its five episodes and their recordings")
    home = loader.home()
    show = _show(loader, home, data["show"])
    people = {
        role: _example_person(loader, names["lv"], names["en"])
        for role, names in data["people"].items()
    }
    for index, spec in enumerate(data["episodes"]):
        _episode(loader, show, spec, data["texts"], people, TONES[index % len(TONES)])


def _show(loader, home, spec):
    art = spec["artwork"]
    artwork = loader.image(
        art["title"],
        art["alt"],
        art["filename"],
        kind="podcast",
        size=(art["size"], art["size"]),
        name=spec["lv"]["title"],
        kind_line="Raidieraksts",
        publisher=spec["lv"]["author"],
    )
    return loader.pair(
        home,
        PodcastPage,
        spec,
        texts=("title", "description", "author", "owner_name", "copyright"),
        artwork=artwork,
        language=spec["language"],
        category=spec["category"],
        secondary_category=spec["secondary_category"],
        owner_email=spec["owner_email"],
        esf_project=spec["esf_project"],
    )


def _example_person(loader, name, name_en):
    person = loader.snippet(Person, {"name": name}, {"is_example": True})
    loader.translate_snippet(person, name=name_en)
    return person


def _episode(loader, show, spec, texts, people, tone):
    number, lv, en = spec["number"], spec["lv"], spec["en"]
    filename = f"ne-tikai-par-socialo-darbu-{number:02d}"
    audio = loader.audio_document(
        f"Ne tikai par sociālo darbu, {number}. epizode: ieraksts",
        f"{filename}.mp3",
        seconds=SECONDS,
        frequency=tone,
    )
    captions = _webvtt_document(
        loader,
        f"Ne tikai par sociālo darbu, {number}. epizode: subtitri",
        f"{filename}.vtt",
        _transcript_lines(texts["lv"], number, lv["title"]),
    )
    loader.pair(
        show,
        EpisodePage,
        spec,
        texts=("title", "description"),
        lv=_texts(texts["lv"], number, lv["title"]),
        en=_texts(texts["en"], number, en["title"]),
        number=number,
        audio=audio,
        transcript_file=captions,
        people=[
            EpisodePerson(person=people["host"], role=PersonRole.HOST),
            EpisodePerson(person=people["guest"], role=PersonRole.GUEST),
        ],
    )


def _transcript_lines(text, number, title):
    return [text["transcript_intro"].format(number=number, title=title), text["transcript_note"]]


def _texts(text, number, title):
    """The fields written in the page's language: show notes, transcript, chapter titles."""
    half = SECONDS // 2
    first, second = text["chapters"]
    return {
        "show_notes": text["show_notes"],
        "transcript": "\n\n".join(_transcript_lines(text, number, title)),
        "chapters": [
            ("chapter", {"start": 0, "title": first, "url": ""}),
            ("chapter", {"start": half, "title": second, "url": ""}),
        ],
    }


def _webvtt_document(loader, title, filename, lines):
    """Captions timed to the two halves of the generated recording."""
    half = SECONDS // 2
    cues = [
        f"00:00:{start:02d}.000 --> 00:00:{start + half:02d}.000\n{line}"
        for start, line in zip((0, half), lines, strict=True)
    ]
    content = "\n\n".join(["WEBVTT", *cues]) + "\n"
    return loader.document(title, filename, content.encode("utf-8"))
