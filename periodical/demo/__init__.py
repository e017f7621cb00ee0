"""The periodical "Sociālais darbs Latvijā" with three example issues, in Latvian and English.

The periodical's facts come from the seed content (copied into periodical.json); the issues,
articles and authors are examples, marked as such on the pages and in the admin.
"""

from pathlib import Path

from django.utils import translation

from periodical.choices import Season
from periodical.models import (
    ArticleAuthor,
    ArticleKeyword,
    ArticlePage,
    IssuePage,
    Keyword,
    PeriodicalContentShare,
    PeriodicalPage,
)
from website.demo.loader import text_paragraphs

DATA = Path(__file__).with_name("periodical.json")
# The size the issue page shows at twice its width (fill-600x850): never scaled up.
COVER_SIZE = (600, 850)


def keyword_items(names):
    """Keyword rows for a page, the tags found (case-insensitively, as taggit does) or created."""
    items = []
    for name in names:
        tag = Keyword.objects.filter(name__iexact=name).first() or Keyword.objects.create(name=name)
        items.append(ArticleKeyword(tag=tag))
    return items


def load(loader):
    data = loader.read_json(DATA, required_keys=("periodical", "authors", "issues"))
    loader.step("Periodical “Sociālais darbs Latvijā” with example issues")
    home = loader.home()
    periodical = _periodical(loader, home, data["periodical"])
    people = {spec["name"]: loader.person(spec, is_example=True) for spec in data["authors"]}
    for spec in data["issues"]:
        _issue(loader, periodical, spec, people)


def _periodical(loader, home, spec):
    lv, en = spec["lv"], spec["en"]
    shares = spec["content_plan"]
    return loader.pair(
        home,
        PeriodicalPage,
        spec,
        texts=("title", "description", "publisher", "frequency", "formats"),
        lv={
            "slug": spec["slug"],
            "listing_summary": lv["description"],
            "body": text_paragraphs(lv["about"]),
            "content_plan": _content_plan(shares, "lv"),
        },
        en=lambda page: {
            "listing_summary": en["description"],
            "body": text_paragraphs(en["about"]),
            "content_plan": _content_plan(shares, "en", source=page),
        },
        publisher_url=spec["publisher_url"],
    )


def _content_plan(shares, language, source=None):
    """The plan's rows in one language. A translation's rows take the translation keys of the
    rows of its `source` page, in their order."""
    rows = [
        PeriodicalContentShare(
            section=share["section"],
            share=share[f"share_{language}"],
            description=share[f"description_{language}"],
        )
        for share in shares
    ]
    if source is not None:
        pairs = zip(rows, source.content_plan.all(), strict=True)
        for position, (row, source_row) in enumerate(pairs):
            row.translation_key = source_row.translation_key
            row.sort_order = position
    return rows


def _issue(loader, periodical, spec, people):
    lv, en = spec["lv"], spec["en"]
    label = f"{spec['number']}/{spec['year']}"
    with translation.override("lv"):
        season = Season(spec["season"]).label.lower()
    cover = loader.image(
        f"Sociālais darbs Latvijā {label}: vāks (piemērs)",
        f"Izdevuma „Sociālais darbs Latvijā” demonstrācijas numura {label} vāks: "
        f"tēma „{lv['title']}”",
        f"socialais-darbs-latvija-{spec['year']}-{spec['number']}-vaks.png",
        kind="cover",
        size=COVER_SIZE,
        masthead="Sociālais darbs Latvijā",
        issue_line=f"Nr. {spec['number']} · {spec['year']} · {season}",
        theme=lv["title"],
        publisher=periodical.publisher,
        # Consecutive issues take consecutive colours, so neighbours in a list always differ.
        tone=spec["year"] * 2 + spec["number"],
    )
    contents = [
        f"{article['lv']['title']} ({article['first_page']}.–{article['last_page']}. lpp.)"
        for article in spec["articles"]
    ]
    pdf = loader.pdf_document(
        f"Sociālais darbs Latvijā {label} (demonstrācijas numurs)",
        [
            lv["title"],
            "Demonstrācijas numurs: raksti, autori un lappuses ir piemēri.",
            *contents,
        ],
        f"socialais-darbs-latvija-{spec['year']}-{spec['number']}.pdf",
    )
    common = {
        "number": spec["number"],
        "year": spec["year"],
        "season": spec["season"],
        "cover_image": cover,
        "pdf": pdf,
        "is_example": True,
    }
    issue = loader.pair(
        periodical,
        IssuePage,
        {
            language: {
                "slug": spec["slug"],
                "title": text["title"],
                "listing_summary": text["summary"],
                "editorial": text_paragraphs(text["editorial"]),
            }
            for language, text in (("lv", lv), ("en", en))
        },
        texts=("title", "listing_summary", "editorial"),
        **common,
    )
    for article in spec["articles"]:
        _article(loader, issue, label, article, people)


def _article(loader, issue, label, spec, people):
    lv, en = spec["lv"], spec["en"]
    authors = [people[name] for name in spec["authors"]]
    pdf = None
    if spec["pdf"]:
        pdf = loader.pdf_document(
            f"{lv['title']} (piemērs)",
            [
                ", ".join(person.name for person in authors),
                f"Sociālais darbs Latvijā {label}, {spec['first_page']}.–{spec['last_page']}. lpp.",
                lv["abstract"],
                "Demonstrācijas raksts: tā teksts un autori ir piemēri.",
            ],
            f"sdl-{label.replace('/', '-')}-{spec['slug']}.pdf",
        )
    common = {
        "section": spec["section"],
        "first_page": spec["first_page"],
        "last_page": spec["last_page"],
        "pdf": pdf,
        "references": [
            ("reference", {"text": reference["text"], "url": reference.get("url", "")})
            for reference in spec.get("references", [])
        ],
    }
    english = loader.locales["en"]

    def english_fields(page):
        return {
            "slug": spec["slug_en"],
            "summary_en": en["abstract"],
            "body": text_paragraphs(en["body"]) if spec["body"] else [],
            # The English page names its authors with their English roles and organisations.
            "authors": [
                ArticleAuthor(
                    person=author.person.get_translation(english),
                    translation_key=author.translation_key,
                    locale=english,
                    sort_order=position,
                )
                for position, author in enumerate(page.authors.all())
            ],
            "keyword_items": keyword_items(en["keywords"]),
        }

    loader.pair(
        issue,
        ArticlePage,
        spec,
        texts=("title", "abstract"),
        lv={
            "slug": spec["slug"],
            "summary_en": lv["summary_en"],
            "body": text_paragraphs(lv["body"]) if spec["body"] else [],
            "authors": [ArticleAuthor(person=person) for person in authors],
            "keyword_items": keyword_items(lv["keywords"]),
        },
        en=english_fields,
        **common,
    )
