"""What an uploaded file really is: audio format and length, podcast artwork, WebVTT transcripts.

Podcast apps trust what the feed says about a file (its type, its length in bytes, its duration)
and Apple Podcasts refuses artwork outside its limits, so the files an editor chooses are read
here, by content, rather than judged by their names.
"""

import html
import re
from dataclasses import dataclass
from datetime import timedelta

import mutagen
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from PIL import Image as PILImage

from website.cache import Versioned


@dataclass(frozen=True)
class AudioFormat:
    name: str
    mime_type: str
    kinds: tuple


# By file extension (the name the file is served under, which sets its Content-Type); the
# content must be of one of the kinds listed. MIME types are the IANA ones Python's mimetypes
# gives for these names, so the feed's enclosure type and the served Content-Type agree.
AUDIO_FORMATS = {
    "mp3": AudioFormat("MP3", "audio/mpeg", (MP3,)),
    "m4a": AudioFormat("M4A", "audio/mp4", (MP4,)),
    "ogg": AudioFormat("Ogg", "audio/ogg", (OggVorbis, OggOpus)),
}
ALL_AUDIO_KINDS = [kind for audio_format in AUDIO_FORMATS.values() for kind in audio_format.kinds]

# Read from the file's bytes: kept by the file's hash and name, whatever else changes.
AUDIO_INFO = Versioned("podcast-audio", 60 * 60 * 24 * 30, by_content=True)

ARTWORK_MIN = 1400
ARTWORK_MAX = 3000
ARTWORK_FORMATS = {"JPEG", "PNG"}


@dataclass(frozen=True)
class AudioInfo:
    mime_type: str
    duration: timedelta | None


def inspect_audio(document):
    """The audio's MIME type and length, read from its content; ValidationError if not audio.

    Pages are validated on every save; the answer for a file already read is kept (by content
    hash and name), so that a large recording on remote storage is not fetched each time.
    """
    if not document.file_hash:
        return _read_audio(document)
    return AUDIO_INFO.get_or_build(
        lambda: _read_audio(document), document.pk, document.file_hash, document.file.name
    )


def _read_audio(document):
    extension = document.file_extension.lower()
    audio_format = AUDIO_FORMATS.get(extension)
    if audio_format is None:
        raise ValidationError(
            _(
                "“%(name)s” is not an audio file the podcast can publish. Choose an MP3, M4A "
                "or Ogg recording (a file ending in .mp3, .m4a or .ogg)."
            ),
            code="audio_type",
            params={"name": document.filename},
        )
    try:
        with document.file.open("rb") as handle:
            audio = mutagen.File(handle, options=ALL_AUDIO_KINDS)
    except (mutagen.MutagenError, OSError, ValueError):
        audio = None
    # A file whose frames could not be verified (MP3 "sketchy") is not trusted either.
    if (
        audio is None
        or not isinstance(audio, audio_format.kinds)
        or getattr(audio.info, "sketchy", False)
    ):
        raise ValidationError(
            _(
                "The content of “%(name)s” is not %(format)s audio, whatever its name says. "
                "Choose a real MP3, M4A or Ogg recording, saved with the matching file ending."
            ),
            code="audio_content",
            params={"name": document.filename, "format": audio_format.name},
        )
    seconds = round(getattr(audio.info, "length", 0) or 0)
    return AudioInfo(
        mime_type=audio_format.mime_type,
        duration=timedelta(seconds=seconds) if seconds > 0 else None,
    )


def record_audio_facts(document, info):
    """Store on the document the size and the type that were found, where they differ.

    Wagtail records the size when a file is uploaded; the MIME type the project records is
    guessed from the name, and stays as it was if the file is later replaced.
    """
    changes = {}
    if document.file_size is None:
        changes["file_size"] = document.file.size
    if document.mime_type != info.mime_type:
        changes["mime_type"] = info.mime_type
    if changes:
        type(document).objects.filter(pk=document.pk).update(**changes)
        for name, value in changes.items():
            setattr(document, name, value)


def check_artwork(image):
    """Apple Podcasts' artwork rules: square, 1400–3000 px, JPEG or PNG in RGB."""
    width, height = image.width, image.height
    if width != height or not ARTWORK_MIN <= width <= ARTWORK_MAX:
        raise ValidationError(
            _(
                "The artwork must be a square image from %(min)s × %(min)s to %(max)s × %(max)s "
                "pixels (what podcast apps require); this one is %(width)s × %(height)s."
            ),
            code="artwork_size",
            params={"min": ARTWORK_MIN, "max": ARTWORK_MAX, "width": width, "height": height},
        )
    try:
        with image.open_file() as handle, PILImage.open(handle) as picture:
            file_format, mode = picture.format, picture.mode
    except OSError as error:
        raise ValidationError(
            _("The artwork file could not be read."), code="artwork_unreadable"
        ) from error
    if file_format not in ARTWORK_FORMATS or mode == "CMYK":
        raise ValidationError(
            _("The artwork must be a JPEG or PNG image in RGB colours (this one is %(format)s)."),
            code="artwork_format",
            params={"format": f"{file_format} {mode}"},
        )


# WebVTT -------------------------------------------------------------------------------------

WEBVTT_SIGNATURE = re.compile(r"^\ufeff?WEBVTT(?:[ \t].*)?$")
CUE_TIMING = re.compile(r"^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})\s+-->")
VOICE_TAG = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
ANY_TAG = re.compile(r"<[^>]*>")
TRANSCRIPT_CUES = Versioned("podcast-webvtt", 60 * 60 * 24, by_content=True)


@dataclass(frozen=True)
class Cue:
    start: int
    text: str

    @property
    def timestamp(self):
        return format_timestamp(self.start)


def check_webvtt(document):
    """A transcript file must be WebVTT: named .vtt, UTF-8, with "WEBVTT" as its first line."""
    message = _(
        "The transcript file must be a WebVTT file: named .vtt, saved as UTF-8 text, with "
        "“WEBVTT” on its first line."
    )
    if document.file_extension.lower() != "vtt":
        raise ValidationError(message, code="transcript_type")
    try:
        with document.file.open("rb") as handle:
            first_line = handle.readline(1024).decode("utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        first_line = ""
    if not WEBVTT_SIGNATURE.match(first_line):
        raise ValidationError(message, code="transcript_content")


def parse_webvtt(text):
    """The cues of a WebVTT file as (start second, plain text), for reading on the page.

    Voice spans (<v Name>) become "Name: "; other markup, NOTE, STYLE and REGION blocks are
    dropped.
    """
    cues = []
    blocks = re.split(r"\r?\n\s*\r?\n", text.replace("\r\n", "\n").strip())
    for block in blocks[1:]:  # the first block is the WEBVTT header
        lines = block.split("\n")
        timing_index = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing_index is None or timing_index > 1:
            continue
        match = CUE_TIMING.match(lines[timing_index].strip())
        if match is None:
            continue
        hours, minutes, seconds, _millis = match.groups()
        start = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
        payload = " ".join(line.strip() for line in lines[timing_index + 1 :] if line.strip())
        payload = html.unescape(ANY_TAG.sub("", VOICE_TAG.sub(r"\1: ", payload)))
        if payload:
            cues.append(Cue(start, payload))
    return cues


def webvtt_cues(document):
    """The document's cues, cached by its content hash (replacing the file changes the key)."""
    parts = (document.pk, document.file_hash or document.file.name)
    cues = TRANSCRIPT_CUES.get(*parts)
    if cues is None:
        try:
            with document.file.open("rb") as handle:
                text = handle.read().decode("utf-8", errors="replace")
        except OSError:
            return []
        cues = parse_webvtt(text)
        TRANSCRIPT_CUES.set(cues, *parts)
    return cues


# Times ----------------------------------------------------------------------------------------

TIMESTAMP = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)$")


def parse_timestamp(text):
    """Seconds from "M:SS" or "H:MM:SS"; ValueError otherwise."""
    match = TIMESTAMP.match(text.strip())
    if match is None:
        raise ValueError(text)
    hours, minutes, seconds = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)


def format_timestamp(seconds):
    """ "1:02:03" or "2:03", as players show times."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


def iso_duration(seconds):
    """ISO 8601 duration (PT1H2M3S), for <time datetime>."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return f"PT{parts}{seconds}S" if seconds or not parts else f"PT{parts}"
