"""Finding English on an admin screen meant to be in Latvian.

What a reader of a screen sees, and what assistive technology reads out:
- visible text (not scripts or styles, not what an editor typed into fields, not text marked
  as another language with lang="…" or as not to translate);
- the attributes that are shown or spoken: title, alt, placeholder, aria-label,
  aria-description, a button's value, Wagtail's tooltips and progress labels;
- the interface strings Wagtail's JavaScript draws from JSON it is given (the sidebar's menu,
  the panels, StreamField blocks, the translation editor): labels, headings, help texts,
  descriptions, titles, placeholders.

A string is English when a word in it is an English word and not a Latvian one. The English
words are those of the English catalogues of Django, Wagtail and wagtail-localize (their
msgids: the vocabulary of every interface string they can show); the Latvian words those of
every Latvian translation installed and of the project's catalogues, so that a word that is
both ("no", "to") counts as Latvian. Before the words are looked at, what the database holds
(page titles, names of snippets, images, documents, people, collections, groups, the
workflow…) is taken out of the string: content is the editors' own, in either language.
Proper nouns and codes (Wagtail, PDF, URL…) are allowed by name.
"""

import json
import re
from functools import cached_property
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString
from django.conf import settings

ALLOWED = {
    # Names and codes that stay as they are in a Latvian interface: the file types an editor
    # may upload, …
    *settings.WAGTAILDOCS_EXTENSIONS,
    "wagtail",
    "django",
    "draftail",
    "avif",
    "gif",
    "jpg",
    "jpeg",
    "png",
    "webp",
    "svg",
    "url",
    "urls",
    "id",
    "html",
    "http",
    "https",
    "rss",
    "ical",
    "oai",
    "pmh",
    "tbx",
    "seo",
    "esf",
    "youtube",
    "vimeo",
    "json",
    "api",
    "utc",
    "mb",
    "kb",
    "gb",
    "px",
    "ok",
    "iso",
    "md",
    "alt",
}
TEXT_ATTRIBUTES = (
    "title",
    "alt",
    "placeholder",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "data-w-tooltip-content-value",
    "data-w-progress-active-value",
    "data-w-clipboard-success-value",
    "data-w-swap-loading-value",
)
# Keys of JSON that Wagtail's scripts show as interface text.
JSON_TEXT_KEYS = {
    "label",
    "heading",
    "helpText",
    "help_text",
    "description",
    "placeholder",
    "title",
    "ariaLabel",
    "caption",
    "message",
}
# JSON attributes that carry interface definitions (not the values an editor typed).
JSON_ATTRIBUTES = ("data-w-block-data-value", "data-props")
SKIPPED_ELEMENTS = {"script", "style", "noscript", "svg", "textarea", "code", "pre", "kbd"}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
NOISE = re.compile(
    r"https?://\S+|\S+@\S+|/[\w\-./%?=&#]*|\b[\w\-]+\.(?:pdf|docx|odt|pptx|xlsx|csv|mp3|m4a|"
    r"ogg|vtt|png|jpe?g|gif|webp|avif|svg)\b|%\(\w+\)[sd]|\{\w*\}",
    re.IGNORECASE,
)
# English words so short or so common in Latvian content that only longer words are asked
# about: the English vocabulary keeps words of 3 letters or more, and these.
SHORT_ENGLISH = {"of", "to", "in", "on", "by", "or", "is", "it", "as", "at", "an", "be", "if"}


def words(text):
    return [word.casefold() for word in WORD.findall(text)]


PO_STRING = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?|msgctxt)\s+"(.*)"\s*$')


def read_po(path):
    """[(msgid, [msgstr, …])] of a .po file (a small reader: no dependency for the tests)."""
    entries, current, field = [], {}, None

    def unquote(value):
        return json.loads(f'"{value}"')

    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        match = PO_STRING.match(line)
        if match:
            field = match.group(1)
            if field == "msgid" and "msgid" in current:
                entries.append(current)
                current = {}
            current[field] = current.get(field, "") + unquote(match.group(2))
        elif line.startswith('"') and field:
            current[field] += unquote(line.strip()[1:-1])
        elif not line.strip() and current:
            entries.append(current)
            current, field = {}, None
    result = []
    for entry in entries:
        if "msgid" not in entry:
            continue
        strings = [value for key, value in entry.items() if key.startswith("msgstr")]
        result.append((entry["msgid"], entry.get("msgid_plural", ""), strings))
    return result


class Vocabulary:
    def __init__(self, site_packages, project):
        self.site_packages = Path(site_packages)
        self.project = Path(project)

    def catalogues(self, language):
        for root in (
            self.site_packages / "wagtail",
            self.site_packages / "wagtail_localize",
            self.site_packages / "django",
        ):
            yield from root.rglob(f"locale/{language}/LC_MESSAGES/*.po")

    @cached_property
    def latvian(self):
        found = set()
        paths = list(self.catalogues("lv"))
        for folder in self.project.iterdir():
            if folder.name in {".venv", "node_modules", ".git"} or not folder.is_dir():
                continue
            paths += folder.rglob("lv/LC_MESSAGES/*.po")
        for path in paths:
            for msgid, _plural, strings in read_po(path):
                for string in strings:
                    if string and string != msgid:
                        found.update(words(NOISE.sub(" ", string)))
        return found

    @cached_property
    def english(self):
        found = set()
        for path in self.catalogues("en"):
            for msgid, plural, _strings in read_po(path):
                found.update(words(NOISE.sub(" ", f"{msgid} {plural}")))
        return {
            word
            for word in found
            if (len(word) >= 3 or word in SHORT_ENGLISH)
            and word not in self.latvian
            and word not in ALLOWED
        }


class Detector:
    """English strings on a screen, content and allowed names taken out first."""

    def __init__(self, vocabulary, content=(), allowed_strings=()):
        self.vocabulary = vocabulary
        self.allowed_strings = {" ".join(s.split()) for s in allowed_strings}
        pieces = sorted(
            {" ".join(c.split()) for c in content if c and len(c.strip()) > 1},
            key=len,
            reverse=True,
        )
        # Whole words only: a name "Cit" must not eat the start of "Citas".
        self.content = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(piece) for piece in pieces) + r")(?!\w)")
            if pieces
            else None
        )

    def english_words(self, text):
        text = " ".join(text.split())
        if not text or text in self.allowed_strings:
            return []
        if self.content is not None:
            text = self.content.sub(" ", text)
        text = NOISE.sub(" ", text)
        return [word for word in words(text) if word in self.vocabulary.english]

    def strings(self, html):
        """Every string of the screen a reader meets: (where, text)."""
        soup = BeautifulSoup(html, "lxml")
        for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
            comment.extract()
        for script in soup.find_all("script", type="application/json"):
            for text in json_strings(script.string or ""):
                yield "json", text
        for element in soup.find_all(True):
            if element.name in SKIPPED_ELEMENTS or self.foreign(element):
                continue
            for attribute in TEXT_ATTRIBUTES:
                value = element.get(attribute)
                if isinstance(value, str):
                    yield f"@{attribute}", value
            # A button's value is sent, not shown; an input button shows it.
            if element.name == "input" and element.get("type") in (
                "submit",
                "button",
                "reset",
            ):
                if element.get("value"):
                    yield "@value", element["value"]
            for attribute in JSON_ATTRIBUTES:
                if element.get(attribute):
                    for text in json_strings(element[attribute]):
                        yield f"@{attribute}", text
            for child in element.children:
                if isinstance(child, NavigableString) and not isinstance(child, Comment):
                    if child.strip():
                        yield element.name, str(child)

    def foreign(self, element):
        for node in (element, *element.parents):
            if getattr(node, "name", None) in SKIPPED_ELEMENTS:
                return True
            attrs = getattr(node, "attrs", None) or {}
            lang = attrs.get("lang")
            if lang and not lang.startswith("lv"):
                return True
            if attrs.get("translate") == "no" or "w-hidden" in (attrs.get("class") or []):
                return True
        return False

    def findings(self, html):
        """{text: [English words]} for the strings of the screen that are English."""
        found = {}
        for _where, text in self.strings(html):
            english = self.english_words(text)
            if english:
                found[" ".join(text.split())] = english
        return found


def json_strings(data):
    """The interface strings in a JSON document (the values of JSON_TEXT_KEYS)."""
    try:
        value = json.loads(data)
    except (ValueError, TypeError):
        return []
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, item in node.items():
                if key in JSON_TEXT_KEYS and isinstance(item, str):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(value)
    return found


JS_CATALOGUE = re.compile(r"const newcatalog = (\{.*?\});\n", re.DOTALL)


def javascript_catalogue(response_text):
    """{msgid: translation} of a Django JavaScriptCatalog response."""
    match = JS_CATALOGUE.search(response_text)
    return json.loads(match.group(1)) if match else {}
