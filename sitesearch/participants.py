"""Which models take part in the site-wide search, and the facts it keeps about them.

No list of models: a model takes part when it is indexed with the site's analysed fields
(``search_analysed_title`` and ``search_analysed_text``, see ``sitesearch.analysis``) and
its objects have an address (``get_url``). Every page type extending ``BasePage`` qualifies; a
non-page model (the dictionary's entries) qualifies by indexing the same two fields. A model may
say ``site_search = False`` (or ``True``) to decide explicitly.

The search page relies on this duck-typed contract for results: ``title``, ``get_url()``,
``card_label``, optionally ``card_meta``, ``summary``, ``get_search_year()``, ``locale``,
``live`` and ``first_published_at``.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, wraps

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page
from wagtail.search import index

from sitesearch.adapters.modelsearch import model_root

ANALYSED_FIELDS = frozenset({"search_analysed_title", "search_analysed_text"})

# {(id(obj), name): (obj, value)} while a batch is indexed (see `indexing_batch`).
_batch_values = ContextVar("search_batch_values", default=None)


@contextmanager
def indexing_batch():
    """Within it, each object's analysed fields are computed once.

    The database backends read every search field of an object three times (for the title,
    the body and the autocomplete columns), and a page's analysed text loads its documents and
    topics and stems all its words: two thirds of the time `update_index` took.
    """
    token = _batch_values.set({})
    try:
        yield
    finally:
        _batch_values.reset(token)


def analysed_field(method):
    """A property for an analysed field, computed once per object within `indexing_batch`
    (and every time outside it, so an edited object never shows an old value)."""

    @wraps(method)
    def getter(obj):
        values = _batch_values.get()
        if values is None:
            return method(obj)
        key = (id(obj), method.__name__)
        if key not in values:
            # The object is kept with its value, so its id is not reused within the batch.
            values[key] = (obj, method(obj))
        return values[key][1]

    return property(getter)


def takes_part(model):
    explicit = getattr(model, "site_search", None)
    if explicit is not None:
        return bool(explicit) and index.class_is_indexed(model)
    if not index.class_is_indexed(model) or not hasattr(model, "get_url"):
        return False
    names = {field.field_name for field in model.get_searchable_search_fields()}
    return ANALYSED_FIELDS <= names


@cache
def models():
    """The participating concrete models (computed once: the model registry is fixed)."""
    return tuple(model for model in apps.get_models() if takes_part(model))


def content_type_ids():
    return [ContentType.objects.get_for_model(model).pk for model in models()]


def root_models():
    """The distinct concrete roots (Page for all page types): one index each on a search cluster."""
    roots = []
    for model in models():
        root = model_root(model)
        if root not in roots:
            roots.append(root)
    return roots


def entry_values(obj):
    """The SearchEntry fields for one object (its own, specific instance)."""
    model = type(obj)
    year = obj.get_search_year() if hasattr(obj, "get_search_year") else None
    return {
        "root_content_type": ContentType.objects.get_for_model(model_root(model)),
        "content_type": ContentType.objects.get_for_model(model),
        "object_id": obj.pk,
        "locale_id": getattr(obj, "locale_id", None),
        "live": bool(getattr(obj, "live", True)),
        "year": year if isinstance(year, int) and 0 < year < 10000 else None,
        "date": getattr(obj, "first_published_at", None),
        "path": obj.path if isinstance(obj, Page) else "",
        "title_terms": obj.search_analysed_title,
    }
