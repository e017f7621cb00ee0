"""Tools the apps' demo modules use to build the demo site, idempotently.

Each app that has demo content has a ``demo`` package with a ``load(loader)`` function and its
data as JSON beside it; ``manage.py load_demo_content`` calls them in INSTALLED_APPS order
inside one transaction. Everything is looked up before it is created (pages by parent and slug,
documents and images by title, people by name), so a second run changes nothing.
"""

import json
import math
import struct
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.utils.text import capfirst
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from website.adapters.wagtail_files import record_file_hash
from website.demo import artwork
from website.models import HomePage, PageTopic, Person, Topic

DEMO_COLLECTION = "Demo"
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
]


def paragraphs(html_blocks):
    """A StreamField body of paragraph blocks, one per HTML string."""
    return [("paragraph", html) for html in html_blocks]


def text_paragraphs(texts, blocks=()):
    """A StreamField body of paragraph blocks, one per plain text, then the blocks named that
    take no value (those that show a site setting)."""
    return [("paragraph", f"<p>{text}</p>") for text in texts] + [(name, None) for name in blocks]


def texts_of(text, names):
    """The fields of one language's seed text that `names` names and it gives; its "body", a
    list of HTML paragraphs, as paragraph blocks."""
    fields = {name: text[name] for name in names if name in text}
    if "body" in fields:
        fields["body"] = paragraphs(fields["body"])
    return fields


class DemoLoader:
    def __init__(self, stdout=None, style=None):
        self.stdout = stdout
        self.style = style
        self.created = 0
        self.saved_files = []
        self._collection = None
        self.locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in ("lv", "en")
        }

    # Reporting ----------------------------------------------------------------------------

    def step(self, message):
        if self.stdout is not None:
            self.stdout.write(f"• {message}")

    def detail(self, message):
        if self.stdout is not None:
            self.stdout.write(f"    {message}")

    # Data ---------------------------------------------------------------------------------

    def read_json(self, path, required_keys=()):
        """Read a demo data file; any problem stops the load with the file's name."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CommandError(f"Demo data file is missing: {path}") from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(
                f"Demo data file is not valid UTF-8 JSON: {path}: {error}"
            ) from error
        missing = [key for key in required_keys if key not in data]
        if missing:
            raise CommandError(f"Demo data file {path} lacks: {', '.join(missing)}")
        return data

    # Pages --------------------------------------------------------------------------------

    def page(self, parent, model, slug, **fields):
        """The child of `parent` with this slug, created and published if it is missing."""
        existing = parent.get_children().filter(slug=slug).specific().first()
        if existing is not None:
            return existing
        topics = fields.pop("topics", None)
        page = model(slug=slug, locale=parent.locale, **fields)
        if topics:
            page.topic_items = [
                PageTopic(topic=self.topic(name, parent.locale.language_code)) for name in topics
            ]
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def build(self, modules, finish=True):
        """Each module's demo (`module.load(loader)`), then, with `finish`, each one's second
        pass (`module.finish(loader)`, where it has one: what links one section to another)."""
        for module in modules:
            module.load(self)
        for module in modules if finish else ():
            if hasattr(module, "finish"):
                module.finish(self)

    def home(self, language="lv"):
        """The home page of this language."""
        return HomePage.objects.get(locale=self.locales[language], depth=2)

    def pair(self, parent, model, spec, texts=(), lv=None, en=None, **common):
        """A page under `parent` in Latvian and its English translation, from a seed's
        {"lv": {…}, "en": {…}}; the Latvian page is returned.

        Each language's page takes its text's slug and the fields `texts` names that the text
        gives (see `texts_of`), then that language's fields in `lv` or `en` (a "slug" there
        wins over the text's). `en` may instead be a function of the Latvian page, for rows
        that carry its rows' translation keys. `common` is set on the Latvian page only: the
        translation copies it.
        """
        fields = texts_of(spec["lv"], ("slug", *texts)) | (lv or {})
        page = self.page(parent, model, fields.pop("slug"), **fields, **common)
        if callable(en):
            en = en(page)
        self.translate(page, **texts_of(spec["en"], ("slug", *texts)) | (en or {}))
        return page

    def section(self, model, spec):
        """A section's page (`model`) under the Latvian home page and its English translation,
        from {"lv": {…}, "en": {…}}: each language's slug and those of title, seo_title,
        introduction, listing_summary and body it gives."""
        names = ("title", "seo_title", "introduction", "listing_summary", "body")
        return self.pair(self.home(), model, spec, texts=names)

    def translate(self, page, language="en", **fields):
        """The page's translation, copied and published if missing (its parent must have one)."""
        locale = self.locales[language]
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            return existing.specific
        topics = fields.pop("topics", None)
        translation = page.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translation, name, value)
        if topics is not None:
            # The names are the translations of the source page's topics, in the same order:
            # the page keeps the topics, and each gets its published translation.
            sources = [item.topic for item in page.topic_items.order_by("pk")]
            for source, name in zip(sources, topics, strict=True):
                self.translate_topic(source, name, language)
        translation.save_revision().publish()
        self.created += 1
        return translation.specific

    def topic(self, name, language="lv"):
        """The published topic of this name in this language (any case), created if missing."""
        locale = self.locales[language]
        for topic in Topic.objects.filter(locale=locale):
            if topic.name.casefold() == name.casefold():
                return topic
        topic = Topic(locale=locale, name=capfirst(name))
        topic.save()
        topic.save_revision().publish()
        self.created += 1
        return topic

    def translate_topic(self, topic, name, language="en"):
        """The topic's published translation, created with this name if missing."""
        locale = self.locales[language]
        existing = topic.get_translation_or_none(locale)
        if existing is not None:
            return existing
        translation = topic.copy_for_translation(locale)
        translation.name = capfirst(name)
        translation.save()
        translation.save_revision().publish()
        self.created += 1
        return translation

    def snippet(self, model, lookup, defaults=None, language="lv"):
        obj, created = model.objects.get_or_create(
            locale=self.locales[language], **lookup, defaults=defaults or {}
        )
        self.created += created
        return obj

    def translate_snippet(self, obj, language="en", **fields):
        locale = self.locales[language]
        existing = obj.get_translation_or_none(locale)
        if existing is not None:
            return existing
        translation = obj.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()
        self.created += 1
        return translation

    def person(self, spec, is_example=False):
        """A Person in Latvian with its English translation, from the seed's {"name",
        "role_lv", "role_en", "organisation_lv", "organisation_en"}: each role and organisation
        may be left out, and an English one left out is the Latvian one."""
        role = spec.get("role_lv", "")
        organisation = spec.get("organisation_lv", "")
        person = self.snippet(
            Person,
            {"name": spec["name"]},
            {"role": role, "organisation": organisation, "is_example": is_example},
        )
        self.translate_snippet(
            person,
            role=spec.get("role_en", role),
            organisation=spec.get("organisation_en", organisation),
        )
        return person

    # Files --------------------------------------------------------------------------------

    @property
    def collection(self):
        if self._collection is None:
            root = Collection.get_first_root_node()
            self._collection = root.get_children().filter(
                name=DEMO_COLLECTION
            ).first() or root.add_child(name=DEMO_COLLECTION)
        return self._collection

    def _store(self, model, title, filename, content, **extra):
        obj = model(title=title, collection=self.collection, **extra)
        # Named, so that an ImageField reads the width and height from it (Django skips a
        # nameless file, and the image would then fail its NOT NULL dimensions).
        obj.file.save(filename, ContentFile(content, name=filename), save=False)
        self.saved_files.append(obj.file)
        # What Wagtail's upload forms record: size and hash (images read their own dimensions).
        obj.file_size = len(content)
        record_file_hash(obj)
        obj.save()
        self.created += 1
        return obj

    def _existing(self, model, title):
        return model.objects.filter(title=title, collection=self.collection).first()

    def document(self, title, filename, content):
        """A document of any type from its bytes (captions, chapters…), looked up by title."""
        model = get_document_model()
        return self._existing(model, title) or self._store(model, title, filename, content)

    def pdf_document(self, title, lines, filename):
        """A one-page PDF naming the material, generated here so the demo works offline."""
        model = get_document_model()
        return self._existing(model, title) or self._store(
            model, title, filename, make_pdf(title, lines)
        )

    def audio_document(self, title, filename, seconds=6, frequency=440.0):
        """A short generated MP3, so that the podcast feed has real enclosures offline."""
        model = get_document_model()
        return self._existing(model, title) or self._store(
            model, title, filename, make_mp3(seconds, frequency)
        )

    def image(self, title, alt, filename, kind="illustration", size=(1200, 675), **art):
        """A generated PNG (see website.demo.artwork for the kinds), looked up by title."""
        model = get_image_model()
        return self._existing(model, title) or self._store(
            model, title, filename, artwork.draw(kind, size, **art), description=alt
        )

    def discard_saved_files(self):
        """After a failed load: the database rolled back, so the new files are orphans."""
        for field_file in self.saved_files:
            field_file.storage.delete(field_file.name)


def _font_path():
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return None


def make_pdf(title, lines):
    from fpdf import FPDF

    from sitesearch.analysis import fold

    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author("Labklājības ministrija")
    pdf.add_page()
    font = _font_path()
    if font:
        pdf.add_font("DejaVu", "", font)
        pdf.set_font("DejaVu", size=18)
        text = str
    else:
        # The core PDF fonts cannot draw Latvian letters: write them without diacritics.
        pdf.set_font("Helvetica", size=18)
        text = fold
    pdf.multi_cell(0, 10, text(title))
    pdf.ln(4)
    pdf.set_font_size(11)
    for line in lines:
        pdf.multi_cell(0, 6, text(line))
        pdf.ln(2)
    return bytes(pdf.output())


def make_mp3(seconds, frequency, sample_rate=22050):
    """A short, quiet, fading tone encoded as a real MP3 (lameenc), for the podcast demo."""
    try:
        import lameenc
    except ImportError as error:
        # Production installs without the demo's dependencies (pyproject.toml's "demo" extra).
        raise CommandError(
            "The demo's audio needs lameenc: pip install -e '.[demo]' (make install does)."
        ) from error

    samples = int(seconds * sample_rate)
    frames = bytearray()
    for n in range(samples):
        envelope = min(1.0, n / 2000, (samples - n) / 2000)
        value = int(6000 * envelope * math.sin(2 * math.pi * frequency * n / sample_rate))
        frames += struct.pack("<h", value)
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(64)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(7)
    return bytes(encoder.encode(bytes(frames)) + encoder.flush())
