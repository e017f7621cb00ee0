"""People in the reader's language (website.models.people_in_language): the authors, speakers,
experts and guests every section names, each in one query whatever their number."""

from website.models import Person, people_in_language


def people(locales, count, translated):
    """`count` Latvian people, the first `translated` of them with an English translation."""
    latvian = [
        Person.objects.create(locale=locales["lv"], name=f"Persona {n}") for n in range(count)
    ]
    for person in latvian[:translated]:
        english = person.copy_for_translation(locales["en"])
        english.role = "researcher"
        english.save()
    return latvian


def test_each_person_in_the_readers_language_where_translated(locales):
    latvian = people(locales, 3, translated=2)
    shown = people_in_language(latvian, locales["en"].pk)
    assert [person.name for person in shown] == ["Persona 0", "Persona 1", "Persona 2"]
    assert [person.locale_id for person in shown] == [locales["en"].pk] * 2 + [locales["lv"].pk]
    assert [person.role for person in shown] == ["researcher", "researcher", ""]


def test_one_query_for_any_number_and_none_in_their_own_language(
    locales, django_assert_num_queries
):
    few, many = people(locales, 2, translated=1), people(locales, 12, translated=6)
    for group in (few, many):
        with django_assert_num_queries(1):
            people_in_language(group, locales["en"].pk)
        with django_assert_num_queries(0):
            assert people_in_language(group, locales["lv"].pk) == group
