"""Topics become a managed, translatable vocabulary, step 2 of 3: the free-typed tags become
topics, their variants merged and each Latvian topic paired with its English translation.

1. Each tag belongs to the language of the pages that use it (the site's language if none).
2. A Latvian name that the dictionary lists as a synonym of a term, or that the editors named
   as a variant (VARIANTS), takes the term's wording: "Starpinstitūciju sadarbība" becomes the
   glossary's "starpinstitucionālā sadarbība".
3. Tags of one language whose names differ only in case or diacritics are one topic. Its name
   is the dictionary's term if it is one, else the variant used on most pages (then the one with
   Latvian letters), always with a capital initial.
4. A Latvian topic and an English topic are one topic in two languages when the English name is
   one of the dictionary term's English equivalents, or when they go together on translated
   pages: the likeliest pairs first (together on the largest share of the page pairs either is
   on, at least half), each topic in one pair only. A Latvian topic renamed by its English partner's dictionary equivalent is merged into
   any topic already of that name.
5. A topic's address is made from its name; the tags' old addresses are kept (former_slugs) and
   redirect to it, so that every filtered list linked before still works.
6. Pages (and their saved revisions, so that drafts keep their topics) point to the topics.

Reversing makes one tag per topic and language again (merged variants stay merged).
"""

import re
import unicodedata
import uuid
from collections import Counter, defaultdict

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from django.utils.text import capfirst, slugify

# Variants the editors chose a wording for (issue 16), beyond what the dictionary lists.
VARIANTS = {"starpinstitūciju sadarbība": "starpinstitucionālā sadarbība"}

_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text):
    """Case, diacritics and spacing do not make another topic (frozen here for the migration)."""
    decomposed = unicodedata.normalize("NFKD", " ".join((text or "").split()).casefold())
    return unicodedata.normalize("NFC", _COMBINING.sub("", decomposed))


def tidy(text):
    return capfirst(" ".join((text or "").split()))


class Group:
    """The tags that become one topic in one language."""

    def __init__(self, locale_id, name, from_dictionary):
        self.locale_id = locale_id
        self.name = name
        self.from_dictionary = from_dictionary
        self.tags = []
        self.partner = None
        self.merged_into = None

    def root(self):
        group = self
        while group.merged_into is not None:
            group = group.merged_into
        return group


def dictionary_words(apps):
    """{folded Latvian term or synonym: term}, {folded English equivalent: term}."""
    terms, equivalents = {}, {}
    try:
        Term = apps.get_model("dictionary", "Term")
        Synonym = apps.get_model("dictionary", "Synonym")
        Equivalent = apps.get_model("dictionary", "Equivalent")
    except LookupError:
        return terms, equivalents
    for headword in Term.objects.filter(live=True).values_list("headword", flat=True):
        terms[fold(headword)] = headword
    for text, headword in Synonym.objects.filter(term__live=True).values_list(
        "text", "term__headword"
    ):
        terms.setdefault(fold(text), headword)
    for text, headword in Equivalent.objects.filter(term__live=True).values_list(
        "text", "term__headword"
    ):
        equivalents.setdefault(fold(text), headword)
    for variant, wording in VARIANTS.items():
        terms.setdefault(fold(variant), wording)
    return terms, equivalents


def tags_to_topics(apps, schema_editor):
    TopicTag = apps.get_model("website", "TopicTag")
    PageTopic = apps.get_model("website", "PageTopic")
    Topic = apps.get_model("website", "Topic")
    Locale = apps.get_model("wagtailcore", "Locale")
    Revision = apps.get_model("wagtailcore", "Revision")

    tags = {tag.pk: tag for tag in TopicTag.objects.all()}
    if not tags:
        return
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    default = next(
        (pk for pk, code in codes.items() if code == settings.LANGUAGE_CODE), min(codes, default=None)
    )
    rows = list(
        PageTopic.objects.values_list(
            "pk", "page_id", "tag_id", "page__locale_id", "page__translation_key"
        )
    )
    usage = defaultdict(Counter)  # tag -> locale -> pages
    for _pk, _page, tag_id, locale_id, _key in rows:
        usage[tag_id][locale_id] += 1
    terms, equivalents = dictionary_words(apps)
    source_code = settings.LANGUAGE_CODE

    # 1-3: groups of tags per language.
    groups = {}  # (locale, folded name) -> Group
    group_of_tag = {}
    for tag in sorted(tags.values(), key=lambda tag: tag.pk):
        locale_id = usage[tag.pk].most_common(1)[0][0] if usage[tag.pk] else default
        name, from_dictionary = tidy(tag.name), False
        if codes.get(locale_id) == source_code and fold(name) in terms:
            name, from_dictionary = tidy(terms[fold(name)]), True
        key = (locale_id, fold(name))
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(locale_id, name, from_dictionary)
        group.tags.append(tag)
        group_of_tag[tag.pk] = group

    def pages_of(tag):
        return sum(usage[tag.pk].values())

    def latvian_letters(text):
        return sum(1 for char in text if ord(char) > 127)

    for group in groups.values():
        if not group.from_dictionary:
            best = max(
                group.tags,
                key=lambda tag: (pages_of(tag), latvian_letters(tag.name), tag.name[:1].isupper()),
            )
            group.name = tidy(best.name)

    # 4: pairs of languages, from the dictionary first, then from translated pages.
    by_language = defaultdict(list)
    for group in groups.values():
        by_language[codes.get(group.locale_id)].append(group)
    sources = by_language.get(source_code, [])
    latvian_by_name = {fold(group.name): group for group in sources}

    def pair(source, target):
        if source.partner is None and target.partner is None:
            source.partner, target.partner = target, source

    for code, others in by_language.items():
        if code == source_code:
            continue
        for group in others:
            headword = equivalents.get(fold(group.name))
            if headword and fold(headword) in latvian_by_name:
                pair(latvian_by_name[fold(headword)], group)

    pages_by_key = defaultdict(dict)  # translation key -> locale -> page
    tags_of_page = defaultdict(set)
    for _pk, page_id, tag_id, locale_id, key in rows:
        pages_by_key[key][locale_id] = page_id
        tags_of_page[page_id].add(group_of_tag[tag_id])
    together, seen = Counter(), Counter()
    for versions in pages_by_key.values():
        source_pages = [p for locale, p in versions.items() if codes.get(locale) == source_code]
        if not source_pages:
            continue
        source_groups = tags_of_page[source_pages[0]]
        for locale, page_id in versions.items():
            if codes.get(locale) == source_code:
                continue
            target_groups = tags_of_page[page_id]
            for group in source_groups | target_groups:
                seen[group] += 1
            for source in source_groups:
                for target in target_groups:
                    together[source, target] += 1
    def likeness(source, target):
        """How often two topics go together, of the pages either is on (Jaccard)."""
        count = together[source, target]
        return count / (seen[source] + seen[target] - count)

    # The likeliest pairs first; a topic already paired (by the dictionary, or by a likelier
    # partner) is not paired again.
    candidates = sorted(
        together,
        key=lambda pair_: (-likeness(*pair_), -together[pair_], pair_[0].name, pair_[1].name),
    )
    for source, target in candidates:
        if likeness(source, target) >= 0.5:
            pair(source, target)

    # A Latvian topic whose English partner is a dictionary equivalent takes the term.
    for source in list(sources):
        partner = source.partner
        if partner is None or source.merged_into is not None:
            continue
        headword = equivalents.get(fold(partner.name))
        if not headword or fold(headword) == fold(source.name):
            continue
        existing = latvian_by_name.get(fold(headword))
        if existing is None or existing is source:
            latvian_by_name.pop(fold(source.name), None)
            source.name, source.from_dictionary = tidy(headword), True
            latvian_by_name[fold(source.name)] = source
            continue
        source.merged_into = existing
        existing.tags += source.tags
        if existing.partner is None:
            existing.partner, partner.partner = partner, existing
        else:
            partner.merged_into = existing.partner
            existing.partner.tags += partner.tags

    # 5-6: the topics, their addresses and the pages' links.
    now = timezone.now()
    taken = defaultdict(set)
    topic_of_group = {}
    final = [group for group in groups.values() if group.merged_into is None]
    # Latvian first, so that each translation can take its source's key.
    final.sort(key=lambda group: (codes.get(group.locale_id) != source_code, group.name))
    for group in final:
        old = [tag.slug for tag in sorted(group.tags, key=pages_of, reverse=True)]
        slug = slugify(group.name, allow_unicode=True)[:90] or old[0]
        base, number = slug, 1
        while slug in taken[group.locale_id]:
            number += 1
            slug = f"{base}-{number}"
        taken[group.locale_id].add(slug)
        partner = group.partner.root() if group.partner else None
        key = topic_of_group[partner].translation_key if partner in topic_of_group else uuid.uuid4()
        topic_of_group[group] = Topic.objects.create(
            locale_id=group.locale_id,
            translation_key=key,
            name=group.name,
            slug=slug,
            former_slugs=[s for s in dict.fromkeys(old) if s != slug],
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )
    topic_of_tag = {pk: topic_of_group[group.root()].pk for pk, group in group_of_tag.items()}

    kept = set()
    for pk, page_id, tag_id, _locale, _key in rows:
        topic_id = topic_of_tag[tag_id]
        if (page_id, topic_id) in kept:
            PageTopic.objects.filter(pk=pk).delete()
        else:
            kept.add((page_id, topic_id))
            PageTopic.objects.filter(pk=pk).update(topic_id=topic_id)

    for revision in Revision.objects.filter(content__has_key="topic_items").iterator():
        items, ids = [], set()
        for item in revision.content.get("topic_items") or []:
            topic_id = topic_of_tag.get(item.get("tag"))
            if topic_id is None or topic_id in ids:
                continue
            ids.add(topic_id)
            items.append(
                {"pk": item.get("pk"), "page": item.get("content_object"), "topic": topic_id}
            )
        revision.content["topic_items"] = items
        revision.save(update_fields=["content"])


def topics_to_tags(apps, schema_editor):
    TopicTag = apps.get_model("website", "TopicTag")
    PageTopic = apps.get_model("website", "PageTopic")
    Topic = apps.get_model("website", "Topic")
    Revision = apps.get_model("wagtailcore", "Revision")

    tag_of_topic = {}
    names, slugs = set(TopicTag.objects.values_list("name", flat=True)), set()
    slugs.update(TopicTag.objects.values_list("slug", flat=True))
    for topic in Topic.objects.select_related("locale").order_by("pk"):
        name, slug = topic.name, topic.slug
        if name in names:
            name = f"{name} ({topic.locale.language_code})"
        if slug in slugs:
            slug = f"{slug}-{topic.locale.language_code}"
        names.add(name)
        slugs.add(slug)
        tag_of_topic[topic.pk] = TopicTag.objects.create(name=name, slug=slug).pk
    for pk, topic_id in PageTopic.objects.values_list("pk", "topic_id"):
        PageTopic.objects.filter(pk=pk).update(tag_id=tag_of_topic.get(topic_id))
    for revision in Revision.objects.filter(content__has_key="topic_items").iterator():
        revision.content["topic_items"] = [
            {"pk": item.get("pk"), "content_object": item.get("page"), "tag": tag_of_topic[tid]}
            for item in revision.content.get("topic_items") or []
            if (tid := item.get("topic")) in tag_of_topic
        ]
        revision.save(update_fields=["content"])
    PageTopic.objects.update(topic=None)  # the pages keep their rows, now through the tags
    Topic.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0005_topics"),
        ("dictionary", "0002_term_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(tags_to_topics, topics_to_tags)]
