import pytest

import methodologies.demo
from methodologies.models import MethodologyPage, TargetGroup
from tests.utils import assert_demo_loads_once

pytestmark = pytest.mark.django_db


def test_demo_methodologies_load_in_both_languages_and_only_once(client, locales):
    assert_demo_loads_once(
        methodologies.demo,
        finish=True,
        counted=[
            TargetGroup.objects.all(),
            MethodologyPage.objects.filter(related_links__isnull=False),
        ],
    )

    lv = MethodologyPage.objects.filter(locale=locales["lv"]).order_by("title")
    assert [page.title for page in lv] == [
        "Metodika sociālajam darbam ģimenēm ar bērniem",
        "Metodiskais materiāls sociālajam darbam ar senioriem",
        "Metodiskais materiāls sociālajam darbam kopienā",
    ]
    assert MethodologyPage.objects.filter(locale=locales["en"]).count() == 3
    seniors = lv.get(slug="metodiskais-materials-socialajam-darbam-ar-senioriem")
    assert [c.key for c in seniors.components] == [
        "methodical_material",
        "training_programme",
        "elearning",
        "guidelines",
    ]
    for document in seniors.component_documents:
        assert document.file.read(5) == b"%PDF-"
        assert document.file_size > 0
    families = lv.get(slug="metodika-socialajam-darbam-gimenem-ar-berniem")
    assert families.components == []

    index = client.get("/lv/metodikas/")
    assert index.status_code == 200
    assert "207 sociālie darbinieki un 19 vadības speciālisti no 36 pašvaldībām" in index.text
    english = client.get("/en/methodologies/?target=seniors")
    assert "Methodological material for social work with seniors" in english.text
    assert "Methodological material for social work in the community" not in english.text
    page = client.get(seniors.get_translation(locales["en"]).url)
    assert page.status_code == 200
    assert "Additional guidelines for the period of social distancing" in page.text
    assert "Seniors (older people)" in page.text
    # The community methodology links to the seniors one (and to an event, when one exists).
    community = lv.get(slug="metodiskais-materials-socialajam-darbam-kopiena")
    assert [link.related_page_id for link in community.related_links.all()] == [seniors.pk]
