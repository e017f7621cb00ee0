"""What the site search knows about each searchable object besides its words.

The words live in the search backend's index; facets (content type, year) and the list shown
for an empty query need a few more facts per object, which would otherwise cost loading every
matched page as its specific class (``get_search_year()`` is Python, per page type). One row per
object, written by the database search backend whenever it indexes the object (see
``sitesearch.backends.database``), so it is rebuilt by ``manage.py update_index`` and kept
current on every save, publish, unpublish and delete, like the index itself.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import Locale


class SearchEntry(models.Model):
    # The concrete root model (wagtailcore.Page for every page type) and the object's own model:
    # ids are unique per root, and the own model is the "content type" facet.
    root_content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # Empty for objects shown in every language (e.g. dictionary entries, which carry both).
    locale = models.ForeignKey(Locale, null=True, blank=True, on_delete=models.CASCADE)
    live = models.BooleanField(default=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    # When it was first published: "newest first" for the empty query.
    date = models.DateTimeField(null=True, blank=True)
    # Tree path of pages: view restrictions apply to a page and everything below it.
    path = models.CharField(max_length=255, blank=True)
    # The analysed title's terms: a result whose title has every word of the query comes first.
    title_terms = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["root_content_type", "object_id"], name="unique_search_entry"
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"
