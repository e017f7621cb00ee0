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

DATA = Path(__file__).with_name("periodical.json")
# The size the issue page shows at twice its width (fill-600x850): never scaled up.
COVER_SIZE = (600, 850)


def paragraphs(texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


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
    people = {
        spec["name"]: loader.person(
            spec["name"],
            role=spec["role_lv"],
            organisation=spec["organisation_lv"],
            role_en=spec["role_en"],
            organisation_en=spec["organisation_en"],
            is_example=True,
        )
        for spec in data["authors"]
    }
    for spec in data["issues"]:
        _issue(loader, periodical, spec, people)


def _periodical(loader, home, spec):
    lv, en = spec["lv"], spec["en"]
    shares = spec["content_plan"]
    page = loader.page(
        home,
        PeriodicalPage,
        spec["slug"],
        title=lv["title"],
        description=lv["description"],
        listing_summary=lv["description"],
        publisher=lv["publisher"],
        publisher_url=spec["publisher_url"],
        frequency=lv["frequency"],
        formats=lv["formats"],
        body=paragraphs(lv["about"]),
        content_plan=[
            PeriodicalContentShare(
                section=share["section"],
                share=share["share_lv"],
                description=share["description_lv"],
            )
            for share in shares
        ],
    )
    lv_shares = list(page.content_plan.all())
    loader.translate(
        page,
        slug=en["slug"],
        title=en["title"],
        description=en["description"],
        listing_summary=en["description"],
        publisher=en["publisher"],
        frequency=en["frequency"],
        formats=en["formats"],
        body=paragraphs(en["about"]),
        content_plan=[
            PeriodicalContentShare(
                section=share["section"],
                share=share["share_en"],
                description=share["description_en"],
                translation_key=lv_share.translation_key,
                locale=loader.locales["en"],
                sort_order=position,
            )
            for position, (share, lv_share) in enumerate(zip(shares, lv_shares, strict=True))
        ],
    )
    return page


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
    issue = loader.page(
        periodical,
        IssuePage,
        spec["slug"],
        title=lv["title"],
        listing_summary=lv["summary"],
        editorial=paragraphs(lv["editorial"]),
        **common,
    )
    loader.translate(
        issue,
        slug=spec["slug"],
        title=en["title"],
        listing_summary=en["summary"],
        editorial=paragraphs(en["editorial"]),
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
    page = loader.page(
        issue,
        ArticlePage,
        spec["slug"],
        title=lv["title"],
        abstract=lv["abstract"],
        summary_en=lv["summary_en"],
        body=paragraphs(lv["body"]) if spec["body"] else [],
        authors=[ArticleAuthor(person=person) for person in authors],
        keyword_items=keyword_items(lv["keywords"]),
        **common,
    )
    english = loader.locales["en"]
    lv_authors = list(page.authors.all())
    loader.translate(
        page,
        slug=spec["slug_en"],
        title=en["title"],
        abstract=en["abstract"],
        summary_en=en["abstract"],
        body=paragraphs(en["body"]) if spec["body"] else [],
        # The English page names its authors with their English roles and organisations.
        authors=[
            ArticleAuthor(
                person=author.person.get_translation(english),
                translation_key=author.translation_key,
                locale=english,
                sort_order=position,
            )
            for position, author in enumerate(lv_authors)
        ],
        keyword_items=keyword_items(en["keywords"]),
    )
