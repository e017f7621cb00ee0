"""Keeping SearchEntry rows (sitesearch.models) in step with the search index."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from sitesearch import catalogue, participants
from sitesearch.adapters.modelsearch import model_root
from sitesearch.models import SearchEntry

UPDATED_FIELDS = ["content_type", "locale", "live", "year", "date", "path", "title_terms"]


def store(model, objects):
    """Write the entries of these objects (of one indexed model) when the model takes part."""
    if not participants.takes_part(model):
        return
    rows = [SearchEntry(**participants.entry_values(obj)) for obj in objects]
    if not rows:
        return
    SearchEntry.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["root_content_type", "object_id"],
        update_fields=UPDATED_FIELDS,
    )
    catalogue.changed()


def remove(obj):
    model = type(obj)
    if not participants.takes_part(model) or obj.pk is None:
        return
    root = ContentType.objects.get_for_model(model_root(model))
    deleted, _ = SearchEntry.objects.filter(root_content_type=root, object_id=obj.pk).delete()
    if deleted:
        catalogue.changed()


def remove_stale():
    """Entries whose object is gone (deleted while the index was not listening)."""
    stale = Q()
    for root in participants.root_models():
        root_type = ContentType.objects.get_for_model(root)
        stale |= Q(root_content_type=root_type) & ~Q(
            object_id__in=root._default_manager.values("pk")
        )
    if stale:
        SearchEntry.objects.filter(stale).delete()
    # Entries of models that no longer take part (a model renamed or opted out).
    SearchEntry.objects.exclude(content_type_id__in=participants.content_type_ids()).delete()
    catalogue.changed()
