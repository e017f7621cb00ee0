"""Topics in the page editor, in the lists' filters and in the search index.

The model and what a page's topic means are in website.models.topics. Here:
- BasePageForm: the page editor's topic checkboxes, offering the published topics of the page's
  language only (nothing can be typed in); a topic the page has in another language and that
  has no published version in this one is kept as it is.
- topic_for_slug(): the filters' lookup, which knows the merged variants' addresses too.
- FormerTopicAddressMiddleware: a filtered list linked with a merged variant's address is
  redirected to the topic's own, so that links from before the vocabulary keep working.
- The search index and catalogue follow a topic's published name in every page using it.
"""

from django import forms
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponsePermanentRedirect
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from website.models.topics import PageTopic, Topic, sorted_topics


class TopicChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name

    def clean(self, value):
        # An empty value (no box ticked, as a script or an older form posts it) is no topic.
        if isinstance(value, list | tuple):
            value = [item for item in value if item not in ("", None)]
        return super().clean(value)


class BasePageForm(WagtailAdminPageForm):
    """The form of every page type (section forms extend it)."""

    topics = TopicChoiceField(
        queryset=Topic.objects.none(),
        required=False,
        label=_("Topics"),
        help_text=_(
            "Choose from the site's topics. A topic that is missing is added by a moderator "
            "(Site content → Topics)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("topics")
        if field is None:
            return
        locale_id = self.instance.locale_id
        offered = sorted_topics(Topic.objects.live().filter(locale_id=locale_id))
        field.queryset = Topic.objects.live().filter(locale_id=locale_id)
        field.choices = [(topic.pk, topic.name) for topic in offered]
        own = {topic.translation_key: topic for topic in offered}
        items = list(self.instance.topic_items.all())  # in memory for a new page or a draft
        stored = Topic.objects.filter(pk__in={item.topic_id for item in items})
        self._kept = []  # topics without a published version in this language
        initial = []
        for topic in stored:
            if topic.translation_key in own:
                initial.append(own[topic.translation_key].pk)
            else:
                self._kept.append(topic)
        if not self.is_bound:
            self.initial["topics"] = initial
        field.initial = initial

    def save(self, commit=True):
        if "topics" in self.fields and hasattr(self, "cleaned_data"):
            chosen = list(self.cleaned_data.get("topics") or [])
            self.instance.topic_items = [
                PageTopic(topic=topic) for topic in [*chosen, *getattr(self, "_kept", [])]
            ]
        return super().save(commit=commit)


def offered_topics(pages, locale_id):
    """The published topics of a language that some of `pages` have: a list's filter choices."""
    keys = PageTopic.objects.filter(page__in=pages.values("pk")).values("topic__translation_key")
    return sorted_topics(Topic.objects.live().filter(locale_id=locale_id, translation_key__in=keys))


def topic_q(topic):
    """The condition "has this topic" on a page queryset, whichever language's version of the
    topic a page links to, as a subquery (for facet counts; no join, so no duplicate rows)."""
    items = PageTopic.objects.filter(topic__translation_key=topic.translation_key)
    return Q(pk__in=items.values("page_id"))


def topic_for_slug(topics, slug):
    """The topic among `topics` this address names (its own, or a merged variant's)."""
    slug = (slug or "").strip()
    if not slug:
        return None
    for topic in topics:
        if topic.slug == slug:
            return topic
    for topic in topics:
        if slug in topic.former_slugs:
            return topic
    return None


class FormerTopicAddressMiddleware:
    """?topic=<a merged variant's address> → the same list with the topic's own address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        slug = request.GET.get("topic")
        if (
            slug
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(("/admin/", "/documents/", "/static/", "/media/"))
            and "\x00" not in slug
            and len(slug) <= 100
        ):
            topics = Topic.objects.live().filter(locale__language_code=translation.get_language())
            rows = topics.values_list("slug", "former_slugs")
            found = next((own for own, former in rows if slug in former), None)
            if found is not None and found != slug:
                query = request.GET.copy()
                query["topic"] = found
                return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")
        return self.get_response(request)


# The index and the search catalogue follow a topic's published name ----------------------


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def _topic_changed(instance, **kwargs):
    if kwargs.get("raw"):
        return

    def reindex():
        from sitesearch import catalogue, indexing

        catalogue.changed()
        pages = Page.objects.filter(
            topic_items__topic__translation_key=instance.translation_key
        ).specific()
        for page in pages:
            if hasattr(page, "search_analysed_text"):
                indexing.enqueue(page)

    transaction.on_commit(reindex)
