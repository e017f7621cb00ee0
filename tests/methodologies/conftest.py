from methodologies.models import MethodologyIndexPage, TargetGroup
from tests.shared import shared_fixture
from tests.utils import add_page, translate


@shared_fixture
def index_pages(site_tree):
    lv = add_page(
        site_tree["lv"],
        MethodologyIndexPage,
        title="Metodikas",
        slug="metodikas",
        introduction="Metodikas darbam ar klientu grupām.",
    )
    en = translate(
        lv, slug="methodologies", title="Methodologies", introduction="Methodologies for work."
    )
    return {"lv": lv, "en": en}


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
