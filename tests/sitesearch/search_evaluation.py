"""Queries as social workers type them, and the page each should find, on the demo site.

Written from the seed facts (the demo's titles, terms and project facts), in the categories of
issue 20: without diacritics, in another inflection, topical several-word searches, typos,
English, dictionary terms, codes and figures, and nonsense (which must find nothing). Each
query names the titles that count as found (a page and its twin, e.g. a discussion and the
podcast episode of the same talk); the language is that of the site searched. A fifth element
names another place than the site search: the dictionary's own search (DICTIONARY_SEARCH,
the entries' names in the site's language) or its autocomplete (AUTOCOMPLETE, the suggestions'
labels).

tests/sitesearch/test_search_evaluation.py measures recall@1 and recall@5 per category.
"""

NO_DIACRITICS = "bez garumzīmēm"
INFLECTED = "citā locījumā"
TOPICAL = "vairāki vārdi"
TYPO = "drukas kļūdas"
ENGLISH = "angliski"
DICTIONARY = "vārdnīcas termini"
CODES = "numuri un skaitļi"
NONSENSE = "bezjēdzība"

# Where a query is typed, when not in the site search.
DICTIONARY_SEARCH = "dictionary"
AUTOCOMPLETE = "autocomplete"

SENIORS_ISSUE = "Sociālais darbs ar senioriem"
THINKING_ERRORS = "Sociālā darba praksē ienestās domāšanas kļūdas – kurš un ko zaudē"
THINKING_ERRORS_EN = "Thinking Errors Brought into Social Work Practice – Who Loses What"
PROJECT_2015 = "Profesionāla sociālā darba attīstība pašvaldībās"
PROJECT_2022 = "Profesionāla un mūsdienīga sociālā darba attīstība"

# (category, language, query, titles that count as found; none: nothing may be found)
QUERIES = [
    # Without diacritics
    (NO_DIACRITICS, "lv", "socialais darbs ar senioriem", [SENIORS_ISSUE]),
    (NO_DIACRITICS, "lv", "begli", ["Bēgļi"]),
    (NO_DIACRITICS, "lv", "vardarbiba pret berniem", ["Vardarbība pret bērniem"]),
    (
        NO_DIACRITICS,
        "lv",
        "etika socialaja darba",
        ["Profesionālā integritāte sociālajā darbā II: Ētika sociālajā darbā"],
    ),
    (NO_DIACRITICS, "lv", "supervizija ka atbalsts", ["Supervīzija kā atbalsts"]),
    (NO_DIACRITICS, "lv", "ekosocialais darbs", ["Ekosociālais darbs", "ekosociālais darbs"]),
    (NO_DIACRITICS, "lv", "celamies kopa", ["Ceļamies kopā"]),
    (NO_DIACRITICS, "lv", "barintiesu sadarbiba", ["Sociālo dienestu un bāriņtiesu sadarbība"]),
    (
        NO_DIACRITICS,
        "lv",
        "lauku sociala darba specifika",
        ["Lauku sociālā darba specifika Latvijā"],
    ),
    (NO_DIACRITICS, "lv", "dazadiba socialaja darba", ["Dažādība sociālajā darbā"]),
    (NO_DIACRITICS, "lv", "attalinatas macisanas sekas", ["Attālinātās mācīšanas sekas bērnos"]),
    (
        NO_DIACRITICS,
        "lv",
        "pilsoniska aktivitate",
        ["Pilsoniskā aktivitāte sociālā darba profesijā"],
    ),
    (
        NO_DIACRITICS,
        "lv",
        "vecumdienu kvalitate",
        ["Vecumdienu kvalitāte: teorētiskas pieejas sociālajā darbā ar senioriem"],
    ),
    (
        NO_DIACRITICS,
        "lv",
        "gimenes sistemu pieeja",
        ["Ģimenes sistēmu pieeja darbā ar ģimenēm ar bērniem"],
    ),
    (NO_DIACRITICS, "lv", "kopienas aktivizesana", ["Kopienas aktivizēšana mazā pagastā"]),
    (NO_DIACRITICS, "lv", "vini ir mes", ["Viņi ir mēs", "Projekta konference „Viņi ir mēs”"]),
    (NO_DIACRITICS, "lv", "ziemas celi", ["Ziemas ceļi"]),
    (NO_DIACRITICS, "lv", "sapulce biblioteka", ["Sapulce bibliotēkā"]),
    (NO_DIACRITICS, "lv", "profesionala valoda", ["Profesionālā valoda sociālajā darbā"]),
    (
        NO_DIACRITICS,
        "lv",
        "pirmssvetku saruna",
        ["Pirmssvētku saruna ar mācītāju Induli Paiču"],
    ),
    (
        NO_DIACRITICS,
        "lv",
        "memorands par socialo darbu pasvaldibas",
        ["Memorands par sociālā darba attīstību pašvaldībās"],
    ),
    # In another inflection
    (INFLECTED, "lv", "senioru atbalsta grupas", ["Senioru atbalsta grupa: kā to izveidot"]),
    (
        INFLECTED,
        "lv",
        "ģimenes asistenta pakalpojumu praksē",
        ["Ģimenes asistenta pakalpojums praksē"],
    ),
    (INFLECTED, "lv", "bēgļiem", ["Bēgļi"]),
    (INFLECTED, "lv", "vajadzīgas supervīzijas", ["Kāpēc man vajadzīga supervīzija"]),
    (INFLECTED, "lv", "pusaudžiem un jauniešiem", ["Bērns. Pusaudzis. Jaunietis"]),
    (
        INFLECTED,
        "lv",
        "sociālie darbinieki ārstniecības iestādēs",
        ["Sociālais darbinieks ārstniecības iestādē"],
    ),
    (
        INFLECTED,
        "lv",
        "sociālajiem darbiniekiem izglītības iestādēs",
        ["Sociālais darbinieks izglītības iestādē"],
    ),
    (
        INFLECTED,
        "lv",
        "ģimenes asistentu pakalpojuma efektivitāte",
        ["Ģimenes asistenta pakalpojuma efektivitāti atbalsta nodrošināšanā ģimenēm"],
    ),
    (
        INFLECTED,
        "lv",
        "ētikai sociālā darbinieka darbībā",
        ["Ētika sociālā darbinieka profesionālajā darbībā"],
    ),
    (INFLECTED, "lv", "sociālo tīklu tikumiem", ["Sociālo tīklu (ne)tikumi sociālajā darbā"]),
    (INFLECTED, "lv", "domāšanas kļūdām", [THINKING_ERRORS]),
    (
        INFLECTED,
        "lv",
        "bijušajiem ieslodzītajiem",
        ["Bijušie ieslodzītie un sadarbība ar ģimenes ārstiem"],
    ),
    (
        INFLECTED,
        "lv",
        "kopienas teorētiskajiem pamatiem",
        ["Kopienas sociālā darba teorētiskie pamati"],
    ),
    (INFLECTED, "lv", "mācītājs", ["Pirmssvētku saruna ar mācītāju Induli Paiču"]),
    (
        INFLECTED,
        "lv",
        "vietējās krīzes riski",
        ["Starpprofesionālās komandas vietējo krīžu risku mazināšanā"],
    ),
    (
        INFLECTED,
        "lv",
        "sociālās palīdzības organizatoram",
        ["Sociālās palīdzības organizators – kas tālāk?"],
    ),
    (
        INFLECTED,
        "lv",
        "augstskolās studiju programmas",
        ["Latvijas augstskolu sociālā darba jomas studiju programmu izvērtējumu"],
    ),
    (
        INFLECTED,
        "lv",
        "gadījumu vadīšanai aprūpē mājās",
        ["Gadījuma vadīšana aprūpē mājās: pieredze novada sociālajā dienestā"],
    ),
    (INFLECTED, "lv", "ziemas ceļos", ["Ziemas ceļi"]),
    (
        INFLECTED,
        "lv",
        "arstniecibas iestazu socialais darbinieks",
        ["Sociālais darbinieks ārstniecības iestādē"],
    ),
    (
        INFLECTED,
        "lv",
        "sociālā darbiniece izglītības iestādē",
        ["Sociālais darbinieks izglītības iestādē"],
    ),
    (INFLECTED, "lv", "sapulcēm bibliotēkās", ["Sapulce bibliotēkā"]),
    # Topical, several words
    (TOPICAL, "lv", "vardarbībā cietušie bērni", ["Vardarbība pret bērniem"]),
    (
        TOPICAL,
        "lv",
        "sociālo darbinieku darba slodze un izdegšana",
        ["Sociālo darbinieku slodze un darba laiks"],
    ),
    (TOPICAL, "lv", "ne tikai par socialo darbu", ["Ne tikai par sociālo darbu"]),
    (
        TOPICAL,
        "lv",
        "izglītības sistēmas atbalsts sociālā darba attīstībai",
        [
            "Kā izglītības sistēma var atbalstīt sociālā darba un sociālo pakalpojumu attīstību "
            "profesionāla sociālā darba pamatnostādņu sekmīgai īstenošanai"
        ],
    ),
    (TOPICAL, "lv", "sadarbība ar nvo kopienā", ["Sadarbība kopienas labklājībai (NVO)"]),
    (
        TOPICAL,
        "lv",
        "kā izveidot atbalsta grupu senioriem",
        ["Senioru atbalsta grupa: kā to izveidot"],
    ),
    (
        TOPICAL,
        "lv",
        "globālā krīze un sociālais darbs",
        ["Sociālā darba loma globālās krīzes situācijā"],
    ),
    (
        TOPICAL,
        "lv",
        "kāpēc sociālajā darbā ir tik daudz sieviešu",
        ["Kāpēc vairākums sociālā darba profesionāļu ir sievietes?"],
    ),
    (
        TOPICAL,
        "lv",
        "ex-ante sociālo dienestu efektivitātes novērtēšana",
        ["Ex-ante izvērtējums pašvaldību sociālo dienestu darbības efektivitātes novērtēšanai"],
    ),
    (
        TOPICAL,
        "lv",
        "ex post pētījums sociālie dienesti",
        [
            "Ex-post pētījums pašvaldību sociālo dienestu un sociālā darba speciālistu darbības "
            "efektivitātes novērtēšanas rezultāti un to analīze"
        ],
    ),
    (TOPICAL, "lv", "mūsdienīga sociālā darba attīstība projekts", [PROJECT_2022]),
    (
        TOPICAL,
        "lv",
        "metodika darbam ar ģimenēm ar bērniem",
        ["Metodika sociālajam darbam ģimenēm ar bērniem"],
    ),
    (
        TOPICAL,
        "lv",
        "metodiskais materiāls darbam kopienā",
        ["Metodiskais materiāls sociālajam darbam kopienā"],
    ),
    (TOPICAL, "lv", "iekļaujoša sabiedrība raidījums", ["Ceļā uz iekļaujošu sabiedrību"]),
    (
        TOPICAL,
        "lv",
        "kā pielāgoties pagaidu pastāvīgajam",
        ["Kas tālāk jeb kā pielāgoties pagaidu pastāvīgajam"],
    ),
    (TOPICAL, "lv", "resursu tirgus konference", ["Resursi sociālajā darbā + resursu tirgus"]),
    (
        TOPICAL,
        "lv",
        "profesionālo kompetenču pilnveide",
        ["Profesionālo kompetenču pilnveide sociālajā darbā"],
    ),
    (TOPICAL, "lv", "sociālā darba profesijas attīstība", ["Sociālā darba profesijas attīstība"]),
    (TOPICAL, "lv", "cilvēks ģimene kopiena", ["Cilvēks. Ģimene. Kopiena"]),
    (TOPICAL, "lv", "seminārs kurzemē kuldīgā", ["2020. gads Kurzeme (Kuldīga)"]),
    (TOPICAL, "lv", "latgale preiļi", ["2021. gads Latgale (Preiļi)"]),
    (TOPICAL, "lv", "zvans no skolas", ["Pirmdiena, kas sākās ar zvanu no skolas"]),
    (TOPICAL, "lv", "ceļš līdz klientam", ["Andris: “Ceļš līdz klientam ir daļa no darba”"]),
    (TOPICAL, "lv", "kopiena zina vairāk", ["Marta: “Kopiena zina vairāk, nekā šķiet”"]),
    (TOPICAL, "lv", "palīdzu ieraudzīt risinājumu", ["Ilze: “Es palīdzu ieraudzīt risinājumu”"]),
    (TOPICAL, "lv", "grāmata sociālais darbs ar gadījumu", ["Sociālais darbs ar gadījumu"]),
    # Typos
    (TYPO, "lv", "supervizja ka atbalsts", ["Supervīzija kā atbalsts"]),
    (TYPO, "lv", "ekosocialias darbs", ["Ekosociālais darbs", "ekosociālais darbs"]),
    (TYPO, "lv", "vardarbiiba pret berniem", ["Vardarbība pret bērniem"]),
    (
        TYPO,
        "lv",
        "metodiskais materals senioriem",
        ["Metodiskais materiāls sociālajam darbam ar senioriem"],
    ),
    (TYPO, "lv", "barintesu sadarbiba", ["Sociālo dienestu un bāriņtiesu sadarbība"]),
    (
        TYPO,
        "lv",
        "pilsonska aktivitate",
        ["Pilsoniskā aktivitāte sociālā darba profesijā"],
    ),
    (TYPO, "lv", "dazadiba socilaja darba", ["Dažādība sociālajā darbā"]),
    (TYPO, "lv", "ieslozitie", ["Bijušie ieslodzītie un sadarbība ar ģimenes ārstiem"]),
    (TYPO, "lv", "kopienas aktivizesanna", ["Kopienas aktivizēšana mazā pagastā"]),
    (
        TYPO,
        "lv",
        "atbalsta sistema pusadzim",
        [
            "Atbalsta sistēma pusaudzim un viņa ģimenei Latvijā. Kurš un kā VĒLAS, SPĒJ un "
            "PROT darīt?"
        ],
    ),
    (
        TYPO,
        "lv",
        "starpprofesonalas komandas",
        ["Starpprofesionālās komandas vietējo krīžu risku mazināšanā"],
    ),
    (
        TYPO,
        "lv",
        "vecumdiennu kvalitāte",
        ["Vecumdienu kvalitāte: teorētiskas pieejas sociālajā darbā ar senioriem"],
    ),
    (TYPO, "lv", "pirmssvetku sarunna", ["Pirmssvētku saruna ar mācītāju Induli Paiču"]),
    (TYPO, "lv", "attalinatas macisanaas", ["Attālinātās mācīšanas sekas bērnos"]),
    (TYPO, "en", "refugess", ["Refugees"]),
    (TYPO, "en", "supervison as support", ["Supervision as Support"]),
    # English
    (ENGLISH, "en", "social workers workload", ["Social Workers' Workload and Working Hours"]),
    (ENGLISH, "en", "refugee", ["Refugees"]),
    (ENGLISH, "en", "violence against children", ["Violence against children"]),
    (ENGLISH, "en", "supervision support", ["Supervision as Support"]),
    (ENGLISH, "en", "eco-social work", ["Eco-social Work", "eco-social work"]),
    (
        ENGLISH,
        "en",
        "family assistant service practice",
        ["The family assistant service in practice"],
    ),
    (ENGLISH, "en", "rural social work", ["Specific Features of Rural Social Work in Latvia"]),
    (
        ENGLISH,
        "en",
        "ethics of the social worker",
        ["Ethics in the Professional Practice of the Social Worker"],
    ),
    (ENGLISH, "en", "inclusive society", ["On the Way to an Inclusive Society"]),
    (
        ENGLISH,
        "en",
        "orphans court",
        ["Cooperation between social services and orphan's courts"],
    ),
    (
        ENGLISH,
        "en",
        "case management home care",
        ["Case management in home care: the experience of a municipal social service"],
    ),
    (
        ENGLISH,
        "en",
        "community social work theory",
        ["The theoretical foundations of community social work"],
    ),
    (ENGLISH, "en", "lets rise together", ["Let's Rise Together"]),
    (ENGLISH, "en", "diversity", ["Diversity in Social Work"]),
    (
        ENGLISH,
        "en",
        "former prisoners family doctors",
        ["Former prisoners and cooperation with family doctors"],
    ),
    (ENGLISH, "en", "remote teaching", ["Effects of remote teaching on children"]),
    (ENGLISH, "en", "winter roads", ["Winter roads"]),
    (ENGLISH, "en", "why do i need supervision", ["Why I need supervision"]),
    (ENGLISH, "en", "thinking errors", [THINKING_ERRORS_EN]),
    (
        ENGLISH,
        "en",
        "support group for seniors",
        ["A support group for seniors: how to set one up"],
    ),
    # Dictionary terms (the site search finds the dictionary's entries too)
    (DICTIONARY, "lv", "profesionala izdegsana", ["profesionālā izdegšana"]),
    (DICTIONARY, "lv", "spēka perspektīva", ["spēka perspektīva"]),
    (DICTIONARY, "lv", "narativa pieeja", ["narratīvā pieeja"]),
    (DICTIONARY, "lv", "labuma guvejs", ["labuma guvējs"]),
    (DICTIONARY, "lv", "psihosocialas konsultesanas", ["psihosociālā konsultēšana"]),
    (DICTIONARY, "lv", "krizes vadiba", ["krīzes vadība"]),
    (DICTIONARY, "lv", "starpinstitucionala sadarbiba", ["starpinstitucionālā sadarbība"]),
    (DICTIONARY, "lv", "preventivais socialais darbs", ["preventīvais sociālais darbs"]),
    (DICTIONARY, "lv", "supervizors", ["supervizors"]),
    (DICTIONARY, "lv", "merka grupas", ["mērķa grupa"]),
    (DICTIONARY, "lv", "pilotprojekti", ["pilotprojekts"]),
    (DICTIONARY, "lv", "socialo pakalpojumu sniedzejs", ["sociālo pakalpojumu sniedzējs"]),
    (DICTIONARY, "lv", "suprvizors", ["supervizors"]),
    # The same typos in the dictionary's own search and its autocomplete
    (DICTIONARY, "lv", "suprvizija", ["supervīzija"], DICTIONARY_SEARCH),
    (DICTIONARY, "lv", "barintesa", ["bāriņtiesa"], DICTIONARY_SEARCH),
    (DICTIONARY, "lv", "vardrabiba", ["vardarbība"], DICTIONARY_SEARCH),
    (DICTIONARY, "lv", "profesionala izdegsna", ["profesionālā izdegšana"], DICTIONARY_SEARCH),
    (DICTIONARY, "lv", "gimenes asistnets", ["ģimenes asistents"], DICTIONARY_SEARCH),
    (DICTIONARY, "en", "violance", ["violence"], DICTIONARY_SEARCH),
    (DICTIONARY, "en", "supervisoin", ["supervision"], DICTIONARY_SEARCH),
    (DICTIONARY, "lv", "supervizija", ["supervīzija"], DICTIONARY_SEARCH),
    (DICTIONARY, "lv", "bārņ", ["bāriņtiesa"], AUTOCOMPLETE),
    (DICTIONARY, "lv", "suprv", ["supervīzija", "supervizors"], AUTOCOMPLETE),
    (DICTIONARY, "lv", "vardrab", ["vardarbība"], AUTOCOMPLETE),
    (DICTIONARY, "lv", "psihosocal", ["psihosociālā konsultēšana"], AUTOCOMPLETE),
    (DICTIONARY, "lv", "gimenes asisst", ["ģimenes asistents"], AUTOCOMPLETE),
    (DICTIONARY, "en", "supervsi", ["supervision"], AUTOCOMPLETE),
    (DICTIONARY, "en", "famly", ["family assistant"], AUTOCOMPLETE),
    (DICTIONARY, "lv", "supe", ["supervīzija"], AUTOCOMPLETE),
    # Codes and figures
    (CODES, "lv", "9.2.1.1/15/I/001", [PROJECT_2015]),
    (CODES, "lv", "projekts 9.2.1.1", [PROJECT_2015]),
    (CODES, "lv", "4.3.5.4", [PROJECT_2022]),
    (CODES, "lv", "2000 unikālas personas", [PROJECT_2015]),
    (CODES, "lv", "2020 kurzeme", ["2020. gads Kurzeme (Kuldīga)"]),
    (
        CODES,
        "en",
        "9.2.1.1/15/I/001",
        ["Development of Professional Social Work in Municipalities"],
    ),
    # Nonsense: nothing may be found
    (NONSENSE, "lv", "qwxzv", []),
    (NONSENSE, "lv", "asdfghjkl", []),
    (NONSENSE, "lv", "zzzzzz", []),
    (NONSENSE, "lv", "xyzzy plugh", []),
    (NONSENSE, "lv", "kjhgf lkjhg", []),
    (NONSENSE, "lv", "ūūūū", []),
    (NONSENSE, "lv", "12345678901", []),
    (NONSENSE, "lv", "!!!???", []),
    (NONSENSE, "en", "blorptastic frobnication", []),
    (NONSENSE, "en", "qqq vvvv", []),
    (NONSENSE, "lv", "qwxz", [], DICTIONARY_SEARCH),
    (NONSENSE, "en", "zzzzzz", [], DICTIONARY_SEARCH),
    (NONSENSE, "lv", "qwxz", [], AUTOCOMPLETE),
    (NONSENSE, "lv", "zzzzzz", [], AUTOCOMPLETE),
    (NONSENSE, "en", "qwxz", [], AUTOCOMPLETE),
]


def found_titles(language, query, limit=5):
    """The titles of the first `limit` results the search page shows for the query."""
    from wagtail.models import Locale

    from sitesearch import engine

    result = engine.run(Locale.objects.get(language_code=language), {"q": query})
    keys = list(result.page_obj.paginator.object_list[:limit])
    objects = engine.load_objects(keys)
    return [str(objects[key].title) for key in keys if key in objects], result


def found_in_dictionary(language, query, where, limit=5):
    """The names of the first `limit` entries the dictionary's search page or autocomplete
    (the JSON's labels) shows for the query, through the page's own routes."""
    from django.test import Client

    from dictionary.models import DictionaryPage

    page = DictionaryPage.for_language(language)
    url = page.route_url("search" if where == DICTIONARY_SEARCH else "suggest")
    response = Client().get(url, {"q": query}, headers={"host": page.get_site().hostname})
    if where == AUTOCOMPLETE:
        return [item["label"] for item in response.json()[:limit]]
    from bs4 import BeautifulSoup

    html = BeautifulSoup(response.content, "html.parser")
    return [link.get_text() for link in html.select(".entry-list__term a")[:limit]]


def evaluate(queries=QUERIES):
    """{category: [(query, rank of the first title that counts, or None; titles found)]}."""
    outcome = {}
    for category, language, query, expected, *where in queries:
        if where:
            titles = found_in_dictionary(language, query, where[0])
        else:
            titles, _result = found_titles(language, query)
        if expected:
            rank = next((i + 1 for i, title in enumerate(titles) if title in expected), None)
        else:
            rank = 0 if not titles else None  # nonsense: found when nothing is found
        outcome.setdefault(category, []).append((language, query, rank, titles))
    return outcome


def table(outcome):
    """recall@1 and recall@5 per category, as text, and the misses."""
    lines = [f"{'category':<20} {'queries':>7} {'recall@1':>9} {'recall@5':>9}"]
    total = hit1 = hit5 = 0
    misses = []
    for category, rows in outcome.items():
        at1 = sum(1 for _l, _q, rank, _t in rows if rank is not None and rank <= 1)
        at5 = sum(1 for _l, _q, rank, _t in rows if rank is not None)
        total, hit1, hit5 = total + len(rows), hit1 + at1, hit5 + at5
        lines.append(
            f"{category:<20} {len(rows):>7} {at1 / len(rows):>9.2f} {at5 / len(rows):>9.2f}"
        )
        misses += [(category, lang, q, titles) for lang, q, rank, titles in rows if rank is None]
    lines.append(f"{'all':<20} {total:>7} {hit1 / total:>9.2f} {hit5 / total:>9.2f}")
    for category, language, query, titles in misses:
        lines.append(f"MISS {category} [{language}] {query!r}: {titles}")
    return "\n".join(lines), hit5 / total


if __name__ == "__main__":
    # python -m tests.sitesearch.search_evaluation, on a database with the demo content loaded
    # (e.g. DATABASE_URL=sqlite:///demo.sqlite3 after `manage.py load_demo_content`).
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    django.setup()
    print(table(evaluate())[0])
