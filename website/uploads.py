"""What an uploaded document really is, read from its bytes rather than its name.

Editors may upload only the document types in settings.WAGTAILDOCS_EXTENSIONS, and a file must
be what its extension says: a web page or a program renamed to ``.pdf`` is refused, so the site
never serves something else under a trusted type. Office files are checked by the parts their
ZIP container must hold, audio by its frame headers (mutagen), text formats by their encoding
and first line. The size limit is Wagtail's own (WAGTAILDOCS_MAX_UPLOAD_SIZE).
"""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from mutagen import MutagenError
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from PIL import Image as PILImage

# How much of a file is read to recognise it; a header is always within it.
HEAD_BYTES = 64 * 1024
# A text format's sample is decoded as a whole; a multi-byte character cut at its end is fine.
TEXT_SAMPLE_BYTES = 64 * 1024

OOXML_PARTS = {
    "docx": "word/document.xml",
    "pptx": "ppt/presentation.xml",
    "xlsx": "xl/workbook.xml",
}
ODF_MIMETYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
MP4_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"mp41", b"mp42", b"isom", b"iso2", b"dash"}
# Markup a browser would run if a text file were ever served as HTML.
MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe")


class NotThatType(Exception):
    """The content is not the format its extension names."""


def _read(file, size=None):
    file.seek(0)
    data = file.read(size) if size is not None else file.read()
    file.seek(0)
    return data


def _pdf(file):
    # Readers accept a header after some junk; here it must come first, so that no web page
    # with "%PDF-" in a comment passes for a PDF.
    if not _read(file, 1024).lstrip().startswith(b"%PDF-"):
        raise NotThatType


def _zip(file):
    head = _read(file, 4)
    if head != b"PK\x03\x04":
        raise NotThatType
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise NotThatType from None
    return archive


def _ooxml(extension):
    def check(file):
        with _zip(file) as archive:
            names = set(archive.namelist())
        file.seek(0)
        if "[Content_Types].xml" not in names or OOXML_PARTS[extension] not in names:
            raise NotThatType
        # A macro-enabled file (.docm, .pptm, .xlsm) renamed: its macros would run on download.
        if any(name.rsplit("/", 1)[-1] == "vbaProject.bin" for name in names):
            raise NotThatType

    return check


def _odf(extension):
    def check(file):
        # The ODF specification puts an uncompressed "mimetype" entry first, naming the type.
        with _zip(file) as archive:
            infos = archive.infolist()
            if not infos or infos[0].filename != "mimetype":
                raise NotThatType
            mimetype = archive.read(infos[0]).strip()
        file.seek(0)
        if mimetype != ODF_MIMETYPES[extension]:
            raise NotThatType

    return check


def _mp3(file):
    head = _read(file, 4)
    # An ID3 tag, or an MPEG audio frame straight away (11 set sync bits).
    if not (head[:3] == b"ID3" or (len(head) == 4 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)):
        raise NotThatType
    try:
        MP3(file)
    except MutagenError:
        raise NotThatType from None
    finally:
        file.seek(0)


def _m4a(file):
    head = _read(file, 12)
    if head[4:8] != b"ftyp" or head[8:12] not in MP4_AUDIO_BRANDS:
        raise NotThatType
    # mutagen refuses a container without a sound track.
    try:
        MP4(file)
    except MutagenError:
        raise NotThatType from None
    finally:
        file.seek(0)


def _ogg(file):
    if _read(file, 4) != b"OggS":
        raise NotThatType


def _text(file):
    """The decoded start of a text file; NotThatType for binary data or markup."""
    sample = _read(file, TEXT_SAMPLE_BYTES)
    if b"\x00" in sample:
        raise NotThatType
    if sample.lstrip().lower().startswith(MARKUP) or b"<script" in sample.lower():
        raise NotThatType
    for encoding in ("utf-8-sig", "cp1257"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError as error:
            # Only a character cut by the sample's end is allowed to be incomplete.
            if encoding == "utf-8-sig" and error.start >= len(sample) - 3:
                text = sample[: error.start].decode(encoding)
            else:
                continue
        if any(ord(char) < 32 and char not in "\t\n\r\f" for char in text):
            raise NotThatType
        return text
    raise NotThatType


def _csv(file):
    _text(file)


def _vtt(file):
    # WebVTT is UTF-8 and its first line starts with "WEBVTT".
    sample = _read(file, TEXT_SAMPLE_BYTES)
    if not sample.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise NotThatType
    _text(file)


CHECKS = {
    "pdf": _pdf,
    "docx": _ooxml("docx"),
    "pptx": _ooxml("pptx"),
    "xlsx": _ooxml("xlsx"),
    "odt": _odf("odt"),
    "mp3": _mp3,
    "m4a": _m4a,
    "ogg": _ogg,
    "csv": _csv,
    "vtt": _vtt,
}


def validate_document_content(file, allowed_extensions):
    """Raise ValidationError (in the editor's language) unless the file is what its name says.

    `file` is an uploaded file (any object with a name, seek and read); `allowed_extensions`
    the lower-case extensions editors may upload.
    """
    name = file.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in allowed_extensions or extension not in CHECKS:
        raise ValidationError(
            _("Files of this type cannot be uploaded. Allowed types: %(types)s."),
            code="file_type_not_allowed",
            params={"types": ", ".join(ext.upper() for ext in allowed_extensions)},
        )
    try:
        CHECKS[extension](file)
    except NotThatType:
        raise ValidationError(
            _(
                "The content of this file is not %(type)s, although its name ends in .%(ext)s. "
                "Save the file in the right format and upload it again."
            ),
            code="file_content_mismatch",
            params={"type": extension.upper(), "ext": extension},
        ) from None
    finally:
        file.seek(0)


def validate_image_content(file, max_pixels):
    """Raise ValidationError unless Pillow decodes every pixel of the uploaded image.

    Wagtail checks an image's format and size from its header; a truncated PNG or a GIF with
    garbage for pixels passes that and fails later, each time a page asks for a rendition.
    An image of more than `max_pixels` (read from its header) is not decoded: Wagtail's own
    check refuses it with its message, and decoding it would only take memory.
    """
    # Pillow raises many kinds on broken data (OSError, SyntaxError, struct.error, ValueError…).
    try:
        with PILImage.open(file) as image:
            width, height = image.size
            if width * height > max_pixels:
                return
            image.verify()
        file.seek(0)
        with PILImage.open(file) as image:
            image.load()
    except Exception:  # noqa: BLE001
        raise ValidationError(
            _(
                "This image file is damaged or incomplete and cannot be shown. Save it again "
                "in an image program, or export it anew, and upload it again."
            ),
            code="image_damaged",
        ) from None
    finally:
        file.seek(0)
