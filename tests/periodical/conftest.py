"""A periodical in Latvian and English, and helpers to add issues and articles to it."""

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from periodical.models import ArticleAuthor, ArticlePage, IssuePage, PeriodicalPage
from tests.shared import shared_fixture
from tests.utils import add_bilingual_page, add_page
from website.models import Person

VALID_ISSN = "0317-8471"  # the check-digit example of ISO 3297
VALID_ISSN_ONLINE = "2049-3630"


@shared_fixture
def periodical(site_tree):
    return add_bilingual_page(
        site_tree["lv"],
        PeriodicalPage,
        lv={
            "title": "Sociālais darbs Latvijā",
            "slug": "socialais-darbs-latvija",
            "description": "Tematisks izdevums par sociālā darba aktualitātēm.",
            "publisher": "Labklājības ministrija",
            "issn_print": VALID_ISSN,
            "frequency": "divas reizes gadā",
            "formats": "papīra formātā un elektroniski",
            "contact_email": "redakcija@example.lv",
        },
        en={
            "slug": "social-work-in-latvia",
            "title": "Social Work in Latvia",
            "description": "A thematic publication on current issues in social work.",
            "publisher": "Ministry of Welfare",
            "frequency": "twice a year",
            "formats": "printed and distributed electronically",
        },
    )


def make_person(name, organisation="", language="lv"):
    from wagtail.models import Locale

    return Person.objects.create(
        name=name, organisation=organisation, locale=Locale.objects.get(language_code=language)
    )


def make_image(title="Vāks", size=(60, 85)):
    return get_image_model().objects.create(
        title=title, description=f"{title} (alt)", file=get_test_image_file(size=size)
    )


def make_pdf(title="Raksts", filename="raksts.pdf"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n%test\n", name=filename)
    )


def make_issue(periodical_page, number, year, title=None, **fields):
    title = title or f"Numurs {number}/{year}"
    fields.setdefault("slug", f"{number}-{year}")
    return add_page(periodical_page, IssuePage, title=title, number=number, year=year, **fields)


def make_article(issue, title, section="theory", authors=(), keywords=(), **fields):
    fields.setdefault("abstract", f"Kopsavilkums: {title}.")
    page = ArticlePage(
        title=title,
        slug=fields.pop("slug", slugify(title)),
        locale=issue.locale,
        section=section,
        authors=[ArticleAuthor(person=person) for person in authors],
        **fields,
    )
    issue.add_child(instance=page)
    if keywords:
        page.keywords.add(*keywords)
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)
