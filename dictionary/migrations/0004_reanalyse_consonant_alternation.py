"""The analysis now brings a Latvian stem's alternating final consonant to one form
("iestāžu" and "iestāde": "iestad"; "darbiniece" and "darbinieks": "darbiniek"), see
sitesearch.analysis.normalise_ending. The entries' analysed columns and search tokens are
computed again with it, or a query would no longer meet the stored stems ending in c, s or z.

(The site-wide index is rebuilt by `manage.py update_index`: README, Upgrades.)
"""

from django.db import migrations

# dictionary.models.SearchToken.Field, as this migration knows it.
TERM, SYNONYM, EQUIVALENT, DEFINITION, DEFINITION_EN, NAME, TERM_PHRASE, SYNONYM_PHRASE = range(
    1, 9
)


def reanalyse(apps, schema_editor):
    from dictionary.analysis import analysed_column, folded_name
    from sitesearch.analysis import analyse

    Term = apps.get_model("dictionary", "Term")
    SearchToken = apps.get_model("dictionary", "SearchToken")
    for term in Term.objects.prefetch_related("synonyms", "equivalents").iterator(chunk_size=500):
        synonyms = [s.text for s in term.synonyms.all() if s.text]
        equivalents = [e.text for e in term.equivalents.all() if e.text]
        term.headword_analysed = analysed_column([term.headword], "lv")[:220]
        term.synonyms_analysed = analysed_column(synonyms, "lv")
        term.equivalents_analysed = analysed_column(equivalents, "en")
        Term.objects.filter(pk=term.pk).update(
            headword_analysed=term.headword_analysed,
            synonyms_analysed=term.synonyms_analysed,
            equivalents_analysed=term.equivalents_analysed,
        )
        words = {
            TERM: analyse(term.headword, "lv").split(),
            SYNONYM: " ".join(analyse(s, "lv") for s in synonyms).split(),
            EQUIVALENT: " ".join(analyse(e, "en") for e in equivalents).split(),
            DEFINITION: analyse(f"{term.definition} {term.notes}", "lv").split(),
            DEFINITION_EN: analyse(f"{term.definition_en} {term.notes_en}", "en").split(),
            NAME: [folded_name(name) for name in (term.headword, *synonyms, *equivalents)],
            TERM_PHRASE: [analyse(term.headword, "lv")],
            SYNONYM_PHRASE: [analyse(s, "lv") for s in synonyms],
        }
        tokens = dict.fromkeys(
            (kind, token[:200]) for kind, values in words.items() for token in values if token
        )
        SearchToken.objects.filter(term_id=term.pk).delete()
        SearchToken.objects.bulk_create(
            SearchToken(term_id=term.pk, field=kind, token=token) for kind, token in tokens
        )


class Migration(migrations.Migration):
    dependencies = [("dictionary", "0003_remove_topic_tags")]

    operations = [migrations.RunPython(reanalyse, migrations.RunPython.noop, elidable=True)]
