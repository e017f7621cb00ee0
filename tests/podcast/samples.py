"""Files for the podcast tests: real MP3s, minimal but well-formed Ogg Vorbis and M4A files,
images of chosen sizes and formats, WebVTT text. Everything is made here, offline."""

import io
import struct
from functools import cache

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from mutagen.ogg import OggPage
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from website.demo.loader import make_mp3, make_pdf


@cache
def mp3_bytes(seconds=3, frequency=440.0):
    return make_mp3(seconds, frequency)


def pdf_bytes():
    return make_pdf("Ne skaņa", ["Šis ir PDF dokuments, nevis audio."])


def ogg_vorbis_bytes(seconds=4, sample_rate=44100):
    """The three Vorbis header packets' worth of structure mutagen reads, and a last page whose
    granule position gives the length; no decodable audio (no encoder is available offline)."""
    identification = (
        b"\x01vorbis" + struct.pack("<IBI3i", 0, 1, sample_rate, 0, 96000, 0) + bytes([0xB8, 0x01])
    )
    comment = b"\x03vorbis" + struct.pack("<I", 4) + b"test" + struct.pack("<I", 0) + b"\x01"
    pages = []
    for sequence, packets in enumerate([[identification], [comment, b"\x05vorbis"], [b"\x00"]]):
        page = OggPage()
        page.serial = 1
        page.sequence = sequence
        page.packets = packets
        pages.append(page)
    pages[0].first = True
    pages[-1].last = True
    pages[-1].position = seconds * sample_rate
    return b"".join(page.write() for page in pages)


def _atom(name, payload):
    return struct.pack(">I", 8 + len(payload)) + name + payload


def m4a_bytes(seconds=5, timescale=44100):
    """An MPEG-4 audio container (ftyp, moov with one sound track) mutagen reads as M4A."""
    mdhd = _atom(b"mdhd", struct.pack(">4xIIIIHH", 0, 0, timescale, seconds * timescale, 0, 0))
    hdlr = _atom(b"hdlr", struct.pack(">4x4x4s12x", b"soun") + b"SoundHandler\x00")
    trak = _atom(b"trak", _atom(b"mdia", mdhd + hdlr))
    mvhd = _atom(b"mvhd", struct.pack(">4xIIII", 0, 0, 1000, seconds * 1000) + bytes(80))
    ftyp = _atom(b"ftyp", b"M4A " + struct.pack(">I", 0) + b"M4A isom")
    return ftyp + _atom(b"moov", mvhd + trak) + _atom(b"mdat", b"\x00" * 64)


def webvtt_bytes(cues=(("00:00:00.000", "00:00:02.000", "Labdien!"),)):
    blocks = ["WEBVTT"] + [f"{start} --> {end}\n{text}" for start, end, text in cues]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def make_document(content, filename, title=None):
    document = get_document_model()(title=title or filename)
    document.file.save(filename, ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()
    return document


def image_bytes(size, image_format="PNG", mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size, "white" if mode != "CMYK" else (0, 0, 0, 0)).save(
        buffer, format=image_format
    )
    return buffer.getvalue()


def make_image(size, image_format="PNG", mode="RGB", filename=None):
    extension = {"PNG": "png", "JPEG": "jpg", "GIF": "gif"}[image_format]
    content = io.BytesIO(image_bytes(size, image_format, mode))
    return get_image_model().objects.create(
        title="Vāks",
        description="Raidieraksta vāks",
        file=ImageFile(content, name=filename or f"art-{size[0]}x{size[1]}.{extension}"),
    )
