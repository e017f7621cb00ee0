"""Keep what the dictionary caches (downloads, letter counts) true to the approved entries."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dictionary.cache import entries_changed
from dictionary.models import Equivalent, SubjectField, Synonym, Term, TermRelation


@receiver(post_save, sender=Term)
@receiver(post_delete, sender=Term)
@receiver(post_save, sender=Equivalent)
@receiver(post_delete, sender=Equivalent)
@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
@receiver(post_save, sender=TermRelation)
@receiver(post_delete, sender=TermRelation)
@receiver(post_save, sender=SubjectField)
@receiver(post_delete, sender=SubjectField)
def _entries_changed(**kwargs):
    # After the commit: a request made before it would otherwise cache the old entries.
    transaction.on_commit(entries_changed)
