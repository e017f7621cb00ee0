"""Signal receivers that keep the site search current beyond what Wagtail indexes itself."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from sitesearch import catalogue, indexing
from sitesearch.documents import pages_using
from website.models import BasePage


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _catalogue_changed(**kwargs):
    # Topics are saved after the page row (and its index entry), and view restrictions are not
    # indexed at all: both are read by the catalogue, which must be rebuilt.
    catalogue.changed()


@receiver(post_save, sender=get_document_model())
def _reindex_pages_of_document(instance, **kwargs):
    """A document's text changed, or it moved to another collection: the pages that publish it
    are indexed again, with its text or without it (BasePage.get_search_documents)."""
    if kwargs.get("raw") or not getattr(instance, "search_text_changed", False):
        return
    for page in pages_using(instance):
        indexing.enqueue(page)


@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def _reindex_pages_of_collection(instance, **kwargs):
    """A collection was restricted or opened: the text of its documents (and of its
    sub-collections') leaves or joins the index entries of the pages that publish them."""
    if kwargs.get("raw"):
        return
    documents = get_document_model().objects.filter(
        collection__path__startswith=instance.collection.path
    )
    pages = {page.pk: page for document in documents for page in pages_using(document)}
    for page in pages.values():
        indexing.enqueue(page)


@receiver(post_delete)
def _remove_deleted_page(sender, instance, **kwargs):
    """Page types index themselves (BasePage.search_auto_update is off, see BasePage.save), so
    modelsearch connects no delete receiver for them either: a deleted page leaves the index
    here, in every backend, with its SearchEntry row."""
    if isinstance(instance, BasePage):
        indexing.remove(instance)
