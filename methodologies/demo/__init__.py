"""Demo content of the Methodologies section: the index and the project's methodologies.

Each component the seed content names gets a generated one-page PDF that names the material,
so that the pages show real downloadable documents while the demo stays offline.
"""

from pathlib import Path

from wagtail.models import Page

from methodologies.models import (
    MethodologyGuideline,
    MethodologyIndexPage,
    MethodologyPage,
    MethodologyRelatedPage,
    TargetGroup,
)

DATA = Path(__file__).with_name("methodologies.json")
REQUIRED = ("index", "target_groups", "components", "pilot_results", "methodologies")


def load(loader):
    data = loader.read_json(DATA, required_keys=REQUIRED)
    loader.step("Methodologies")
    index = loader.section(MethodologyIndexPage, data["index"])
    groups = _target_groups(loader, data["target_groups"])
    for spec in data["methodologies"]:
        _methodology(loader, index, spec, groups, data)


def finish(loader):
    """Links between pages, once every section (events included) has been built."""
    data = loader.read_json(DATA, required_keys=REQUIRED)
    home = loader.home()
    index = MethodologyIndexPage.objects.child_of(home).first()
    if index is None:
        return
    pages = {page.slug: page for page in MethodologyPage.objects.child_of(index)}
    slugs = {spec["key"]: spec["lv"]["slug"] for spec in data["methodologies"]}
    for spec in data["methodologies"]:
        page = pages.get(spec["lv"]["slug"])
        if page is None:
            continue
        related = [pages[slugs[key]] for key in spec.get("related", []) if slugs[key] in pages]
        # Events belong to another app; they are found by title, and skipped if not built.
        for title in spec.get("related_event_titles_lv", []):
            event = (
                Page.objects.filter(locale=loader.locales["lv"], title=title)
                .filter(content_type__app_label="events")
                .first()
            )
            if event is not None:
                related.append(event)
        _link_related(loader, page, related)


def _link_related(loader, page, related):
    """Add the missing related links to the page and its translation, each published once."""
    translation = page.get_translation_or_none(loader.locales["en"])
    for target in filter(None, [page, translation and translation.specific]):
        linked = set(target.related_links.values_list("related_page_id", flat=True))
        missing = [other for other in related if other.pk not in linked]
        if not missing:
            continue
        for other in missing:
            target.related_links.add(MethodologyRelatedPage(related_page=other))
        target.save_revision().publish()
        loader.created += len(missing)


def _target_groups(loader, specs):
    groups = {}
    for spec in specs:
        lv, en = spec["lv"], spec["en"]
        group = loader.snippet(TargetGroup, {"slug": lv["slug"]}, {"name": lv["name"]})
        translation = loader.translate_snippet(group, name=en["name"], slug=en["slug"])
        groups[spec["key"]] = {"lv": group, "en": translation}
    return groups


def _documents(loader, spec, data):
    """One generated PDF per component the seed names, keyed by component."""
    title = spec["lv"]["title"]
    documents = {}
    for key in spec["components"]:
        label = data["components"][key]["lv"]
        # The methodological material carries the methodology's own name; the others add theirs.
        documents[key] = loader.pdf_document(
            title if key == "methodical_material" else f"{title}: {label}",
            [
                title,
                label,
                f"ESF projekts “{data['project']}” (Nr. {data['project_number']})",
                "Labklājības ministrija",
                "Demonstrācijas dokuments, kas aizstāj īsto materiālu. Metodiskie materiāli "
                f"publicēti: {data['source_url']}",
            ],
            f"{spec['key']}-{key.replace('_', '-')}.pdf",
        )
    return documents


def _methodology(loader, index, spec, groups, data):
    documents = _documents(loader, spec, data)
    guideline = documents.get("social_distancing_guidelines")
    component_fields = {
        "methodical_material": documents.get("methodical_material"),
        "training_programme": documents.get("in_person_training"),
        "elearning_document": documents.get("e_learning"),
    }

    def language_fields(language):
        return {
            "pilot_information": data["pilot_results"][language] if spec["pilot"] else "",
            # In English, replaces the copied rows, whose link text is Latvian.
            "guidelines": _guidelines(guideline, data, language),
        }

    return loader.pair(
        index,
        MethodologyPage,
        spec,
        texts=("title", "introduction", "body", "topics"),
        lv=language_fields("lv"),
        en=language_fields("en"),
        target_groups=[groups[key]["lv"] for key in spec["target_groups"]],
        **component_fields,
    )


def _guidelines(document, data, language):
    if document is None:
        return []
    label = data["components"]["social_distancing_guidelines"][language]
    return [MethodologyGuideline(document=document, title=label)]
