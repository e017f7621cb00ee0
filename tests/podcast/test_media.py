"""Reading uploaded files by their content: audio, artwork, WebVTT; times; the show GUID."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation

from podcast.feeds import podcast_guid
from podcast.media import (
    check_artwork,
    check_webvtt,
    format_timestamp,
    inspect_audio,
    iso_duration,
    parse_timestamp,
    parse_webvtt,
    webvtt_cues,
)
from tests.podcast.samples import (
    m4a_bytes,
    make_document,
    make_image,
    mp3_bytes,
    ogg_vorbis_bytes,
    pdf_bytes,
    webvtt_bytes,
)
from website.adapters.wagtail_files import record_file_hash


@pytest.fixture(autouse=True)
def english():
    # The messages are asserted as written in the code; the Latvian ones in test_models.
    with translation.override("en"):
        yield


def test_podcast_guid_matches_the_specifications_examples():
    # Both examples are from the Podcasting 2.0 specification of podcast:guid.
    assert podcast_guid("https://podnews.net/rss") == uuid.UUID(
        "9b024349-ccf0-5f69-a609-6b82873eab3c"
    )
    assert podcast_guid("http://mp3s.nashownotes.com/pc20rss.xml") == uuid.UUID(
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    )
    # Scheme and trailing slashes do not count.
    assert podcast_guid("https://podnews.net/rss/") == podcast_guid("podnews.net/rss")


@pytest.mark.parametrize(
    ("text", "seconds"), [("0:00", 0), ("2:05", 125), ("12:05", 725), ("1:02:03", 3723)]
)
def test_timestamps_round_trip(text, seconds):
    assert parse_timestamp(text) == seconds
    assert format_timestamp(seconds) == text


@pytest.mark.parametrize("text", ["", "5", "1:60", "abc", "1:2:3:4", "-1:00"])
def test_malformed_timestamps_are_refused(text):
    with pytest.raises(ValueError):
        parse_timestamp(text)


def test_iso_durations():
    assert iso_duration(0) == "PT0S"
    assert iso_duration(725) == "PT12M5S"
    assert iso_duration(3600) == "PT1H"


@pytest.mark.django_db
class TestAudio:
    def test_an_mp3_gives_its_type_and_duration(self):
        info = inspect_audio(make_document(mp3_bytes(3), "ieraksts.mp3"))
        assert info.mime_type == "audio/mpeg"
        assert info.duration == timedelta(seconds=3)

    def test_ogg_vorbis_and_m4a_are_accepted(self):
        ogg = inspect_audio(make_document(ogg_vorbis_bytes(seconds=4), "ieraksts.ogg"))
        assert (ogg.mime_type, ogg.duration) == ("audio/ogg", timedelta(seconds=4))
        m4a = inspect_audio(make_document(m4a_bytes(seconds=5), "ieraksts.m4a"))
        assert (m4a.mime_type, m4a.duration) == ("audio/mp4", timedelta(seconds=5))

    def test_a_pdf_is_refused_with_what_is_expected(self):
        with pytest.raises(ValidationError) as raised:
            inspect_audio(make_document(pdf_bytes(), "programma.pdf"))
        message = raised.value.messages[0]
        assert "programma.pdf" in message
        assert "MP3, M4A or Ogg" in message

    def test_a_pdf_renamed_to_mp3_is_refused_by_its_content(self):
        with pytest.raises(ValidationError) as raised:
            inspect_audio(make_document(pdf_bytes(), "programma.mp3"))
        assert raised.value.code == "audio_content"
        assert "is not MP3 audio" in raised.value.messages[0]

    def test_content_must_match_the_name(self):
        # Served as audio/ogg, but it is an MP3: players and apps would be told a lie.
        with pytest.raises(ValidationError) as raised:
            inspect_audio(make_document(mp3_bytes(), "ieraksts.ogg"))
        assert raised.value.code == "audio_content"

    def test_a_recording_already_read_is_not_fetched_again(self, monkeypatch):
        import podcast.media

        reads = []
        real_file = podcast.media.mutagen.File

        def counting_file(*args, **kwargs):
            reads.append(1)
            return real_file(*args, **kwargs)

        monkeypatch.setattr(podcast.media.mutagen, "File", counting_file)
        document = make_document(mp3_bytes(3), "ieraksts.mp3")
        record_file_hash(document)
        first = inspect_audio(document)
        assert inspect_audio(document) == first
        assert len(reads) == 1
        document.file.save("cits.mp3", ContentFile(mp3_bytes(3)), save=False)
        inspect_audio(document)  # another file: read again
        assert len(reads) == 2

    def test_random_bytes_are_not_audio(self):
        with pytest.raises(ValidationError):
            inspect_audio(make_document(bytes(range(256)) * 200, "troksnis.mp3"))


@pytest.mark.django_db
class TestArtwork:
    @pytest.mark.parametrize("side", [1400, 3000])
    def test_square_images_within_the_limits_pass(self, side):
        check_artwork(make_image((side, side)))
        check_artwork(make_image((side, side), "JPEG"))

    @pytest.mark.parametrize("size", [(1200, 675), (1399, 1399), (3001, 3001), (1400, 1500)])
    def test_other_sizes_are_refused_saying_what_is_expected(self, size):
        with pytest.raises(ValidationError) as raised:
            check_artwork(make_image(size))
        message = raised.value.messages[0]
        assert "1400 × 1400" in message and "3000 × 3000" in message
        assert f"{size[0]} × {size[1]}" in message

    def test_gif_and_cmyk_are_refused(self):
        with pytest.raises(ValidationError, match="JPEG or PNG"):
            check_artwork(make_image((1400, 1400), "GIF", mode="P"))
        with pytest.raises(ValidationError, match="RGB"):
            check_artwork(make_image((1400, 1400), "JPEG", mode="CMYK"))


@pytest.mark.django_db
class TestWebVTT:
    def test_a_webvtt_file_passes(self):
        check_webvtt(make_document(webvtt_bytes(), "atsifrejums.vtt"))
        check_webvtt(make_document(b"\xef\xbb\xbfWEBVTT - ar BOM\n\n", "bom.vtt"))

    @pytest.mark.parametrize(
        ("content", "filename"),
        [
            (b"1\n00:00:00,000 --> 00:00:02,000\nSRT\n", "subtitri.vtt"),
            (b"WEBVTTX\n", "subtitri.vtt"),
            (webvtt_bytes(), "subtitri.txt"),
            (b"\xff\xfe\x00W", "subtitri.vtt"),
        ],
    )
    def test_anything_else_is_refused(self, content, filename):
        with pytest.raises(ValidationError, match="WEBVTT"):
            check_webvtt(make_document(content, filename))

    def test_cues_are_read_as_text(self):
        text = (
            "WEBVTT Kind: captions\n\n"
            "NOTE created by hand\n\n"
            "intro\n00:00:01.500 --> 00:00:04.000 align:start\n<v Anna Bērziņa>Labdien, "
            "<b>klausītāji</b>!</v>\n\n"
            "01:02:03.000 --> 01:02:05.000\nSociālais &amp; kopienas\ndarbs\n\n"
            "STYLE\n::cue { color: red }\n"
        )
        cues = parse_webvtt(text)
        assert [(cue.start, cue.text) for cue in cues] == [
            (1, "Anna Bērziņa: Labdien, klausītāji!"),
            (3723, "Sociālais & kopienas darbs"),
        ]
        assert cues[1].timestamp == "1:02:03"

    def test_cached_cues_follow_a_replaced_file(self):
        first = webvtt_bytes([("00:00:00.000", "00:00:01.000", "Pirmais")])
        document = make_document(first, "a.vtt")
        record_file_hash(document)
        assert [cue.text for cue in webvtt_cues(document)] == ["Pirmais"]
        second = webvtt_bytes([("00:00:00.000", "00:00:01.000", "Otrais")])
        document.file.save("b.vtt", ContentFile(second), save=False)
        record_file_hash(document)
        assert [cue.text for cue in webvtt_cues(document)] == ["Otrais"]
