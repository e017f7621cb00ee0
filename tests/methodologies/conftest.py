from methodologies.models import MethodologyIndexPage, TargetGroup
from tests.shared import shared_fixture
from tests.utils import add_bilingual_page


@shared_fixture
def index_pages(site_tree):
    return add_bilingual_page(
        site_tree["lv"],
        MethodologyIndexPage,
        lv={
            "title": "Metodikas",
            "slug": "metodikas",
            "introduction": "Metodikas darbam ar klientu grupām.",
        },
        en={
            "slug": "methodologies",
            "title": "Methodologies",
            "introduction": "Methodologies for work.",
        },
    )


@shared_fixture
def target_groups(locales):
    """Seniors and community, each in Latvian with its English translation."""
    groups = {}
    for key, (lv_name, lv_slug, en_name, en_slug) in {
        "seniors": ("Seniori", "seniori", "Seniors", "seniors"),
        "community": ("Kopiena", "kopiena", "Community", "community"),
    }.items():
        lv = TargetGroup.objects.create(locale=locales["lv"], name=lv_name, slug=lv_slug)
        en = lv.copy_for_translation(locales["en"])
        en.name, en.slug = en_name, en_slug
        en.save()
        groups[key] = {"lv": lv, "en": en}
    return groups
