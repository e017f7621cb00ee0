"""Search test data copied from the seed glossary (tests never read ../shared).

SEARCH_PAIRS: the seed's `search_test_pairs` as (a, b, a without diacritics, b without).
TERMS: each term with its ASCII spelling, English equivalent and `forms_in_sources`, the
inflected forms found in the source documents.
"""

SEARCH_PAIRS = [
    ("kopiena", "kopienā", "kopiena", "kopiena"),
    ("vardarbība", "vardarbībā", "vardarbiba", "vardarbiba"),
    (
        "sociālā darba prakse",
        "sociālā darba praksē",
        "sociala darba prakse",
        "sociala darba prakse",
    ),
    ("supervīzija", "supervizors", "supervizija", "supervizors"),
    ("sociālais darbs", "sociālajā darbā", "socialais darbs", "socialaja darba"),
    (
        "sociālā palīdzība",
        "sociālās palīdzības organizators",
        "sociala palidziba",
        "socialas palidzibas organizators",
    ),
    (
        "ģimenes asistents",
        "ģimenes asistenta pakalpojums",
        "gimenes asistents",
        "gimenes asistenta pakalpojums",
    ),
    ("gadījuma vadīšana", "darbs ar gadījumu", "gadijuma vadisana", "darbs ar gadijumu"),
    ("bāriņtiesa", "bāriņtiesu", "barintiesa", "barintiesu"),
    ("metodika", "metodiskais materiāls", "metodika", "metodiskais materials"),
    ("krīzes intervence", "krīzes vadība", "krizes intervence", "krizes vadiba"),
    (
        "kopienas sociālais darbs",
        "sociālais darbs kopienā",
        "kopienas socialais darbs",
        "socialais darbs kopiena",
    ),
    ("mērķa grupa", "mērķgrupa", "merka grupa", "merkgrupa"),
    ("narratīvā pieeja", "naratīvā pieeja", "narrativa pieeja", "narativa pieeja"),
    ("darba slodze", "noslodze", "darba slodze", "noslodze"),
    ("sociālais darbs", "sociālais darbinieks", "socialais darbs", "socialais darbinieks"),
]

TERMS = {
    "sociālais darbs": (
        "socialais darbs",
        "social work",
        (
            "sociālais darbs",
            "sociālā darba",
            "sociālo darbu",
            "sociālajā darbā",
            "sociālajam darbam",
            "sociāla darba",
        ),
    ),
    "sociālais darbinieks": (
        "socialais darbinieks",
        "social worker",
        (
            "sociālais darbinieks",
            "sociālā darbinieka",
            "sociālie darbinieki",
            "sociālo darbinieku",
            "sociālajiem darbiniekiem",
            "sociālos darbiniekus",
        ),
    ),
    "sociālā darba speciālists": (
        "sociala darba specialists",
        "social work professional",
        (
            "sociālā darba speciālisti",
            "sociālā darba speciālistu",
            "sociālā darba speciālistiem",
            "sociālā darba speciālistam",
        ),
    ),
    "supervīzija": (
        "supervizija",
        "supervision",
        ("supervīzija", "supervīzijas", "supervīziju", "supervīzijām"),
    ),
    "supervizors": ("supervizors", "supervisor", ("supervizoru", "supervizoriem")),
    "gadījuma vadīšana": (
        "gadijuma vadisana",
        "case management",
        ("gadījuma vadīšana", "gadījumu vadībai"),
    ),
    "darbs ar gadījumu": (
        "darbs ar gadijumu",
        "case work",
        ("darbs ar gadījumu", "darbu ar gadījumu", "sociālais darbs ar gadījumu"),
    ),
    "ģimenes asistents": (
        "gimenes asistents",
        "family assistant",
        ("ģimenes asistents", "ģimenes asistenta", "ģimenes asistenti", "ģimenes asistentu"),
    ),
    "ģimenes asistenta pakalpojums": (
        "gimenes asistenta pakalpojums",
        "family assistant service",
        ("ģimenes asistenta pakalpojumu", "ģimenes asistenta pakalpojuma"),
    ),
    "sociālās palīdzības organizators": (
        "socialas palidzibas organizators",
        "social assistance organiser",
        (
            "sociālās palīdzības organizators",
            "sociālās palīdzības organizatora",
            "sociālās palīdzības organizatori",
        ),
    ),
    "sociālais dienests": (
        "socialais dienests",
        "municipal social service",
        (
            "sociālais dienests",
            "sociālā dienesta",
            "sociālo dienestu",
            "sociālie dienesti",
            "sociālajos dienestos",
            "sociālajā dienestā",
            "sociālajam dienestam",
            "soc.dienestu",
        ),
    ),
    "sociālie pakalpojumi": (
        "socialie pakalpojumi",
        "social services",
        ("sociālie pakalpojumi", "sociālo pakalpojumu", "sociālos pakalpojumus"),
    ),
    "sociālo pakalpojumu sniedzējs": (
        "socialo pakalpojumu sniedzejs",
        "social service provider",
        (
            "sociālo pakalpojumu sniedzēju",
            "sociālo pakalpojumu sniedzēji",
            "sociālo pakalpojumu sniedzējiem",
        ),
    ),
    "sociālā palīdzība": (
        "sociala palidziba",
        "social assistance",
        ("sociālā palīdzība", "sociālās palīdzības"),
    ),
    "metodika": ("metodika", "methodology", ("metodika", "metodikas", "metodiku")),
    "metodiskais materiāls": (
        "metodiskais materials",
        "methodological material",
        ("metodiskais materiāls", "metodisko materiālu"),
    ),
    "kopienas sociālais darbs": (
        "kopienas socialais darbs",
        "community social work",
        (
            "sociālais darbs kopienā",
            "sociālo darbu kopienā",
            "sociālā darba kopienā",
            "sociālajam darbam kopienā",
            "sociālā darba attīstībai kopienā",
        ),
    ),
    "kopiena": ("kopiena", "community", ("kopiena", "kopienā", "kopienas")),
    "profesionālā izdegšana": (
        "profesionala izdegsana",
        "professional burnout",
        ("profesionālās izdegšanas",),
    ),
    "starpinstitucionālā sadarbība": (
        "starpinstitucionala sadarbiba",
        "inter-institutional cooperation",
        (
            "starpinstitucionālā sadarbība",
            "starpinstitucionālās sadarbības",
            "starpinstitucionālo sadarbību",
        ),
    ),
    "starpprofesionālā sadarbība": (
        "starpprofesionala sadarbiba",
        "interprofessional cooperation",
        ("starpprofesionālās sadarbības",),
    ),
    "bāriņtiesa": ("barintiesa", "orphan's court", ("bāriņtiesa", "bāriņtiesu")),
    "narratīvā pieeja": ("narrativa pieeja", "narrative approach", ("naratīvā pieeja",)),
    "spēka perspektīva": ("speka perspektiva", "strengths perspective", ("spēka perspektīva",)),
    "krīzes intervence": ("krizes intervence", "crisis intervention", ("krīzes intervenci",)),
    "krīzes vadība": ("krizes vadiba", "crisis management", ("krīzes vadības",)),
    "klients": ("klients", "client", ("klienta", "klienti", "klientu", "klientiem", "klientam")),
    "mērķa grupa": (
        "merka grupa",
        "target group",
        ("mērķa grupa", "mērķa grupas", "mērķa grupām", "mērķa grupu", "mērķgrupām"),
    ),
    "profesionālā kompetence": (
        "profesionala kompetence",
        "professional competence",
        ("profesionālās kompetences", "profesionālo kompetenci"),
    ),
    "profesionālā pilnveide": (
        "profesionala pilnveide",
        "professional development",
        ("profesionālās pilnveides", "profesionālajā pilnveidē"),
    ),
    "pilotprojekts": (
        "pilotprojekts",
        "pilot project",
        (
            "pilotprojekta",
            "pilotprojekti",
            "pilotprojektu",
            "pilotprojektos",
            "pilotprojektā",
            "pilotprojektiem",
        ),
    ),
    "ekosociālais darbs": ("ekosocialais darbs", "eco-social work", ("ekosociālais darbs",)),
    "sociālā darba prakse": (
        "sociala darba prakse",
        "social work practice",
        ("sociālā darba prakses", "sociālā darba praksē", "sociālā darba praksi"),
    ),
    "darba slodze": (
        "darba slodze",
        "workload",
        ("darba slodze", "slodze", "slodzes", "slodzi", "noslodzi", "noslodzei"),
    ),
    "preventīvais sociālais darbs": (
        "preventivais socialais darbs",
        "preventive social work",
        ("preventīvo sociālo darbu",),
    ),
    "psihosociālā konsultēšana": (
        "psihosociala konsultesana",
        "psychosocial counselling",
        ("psihosociālo konsultēšanu",),
    ),
    "vardarbība": ("vardarbiba", "violence", ("vardarbība", "vardarbībā")),
    "e-mācības": ("e-macibas", "e-learning", ("e-mācību", "e-mācībās")),
    "labuma guvējs": ("labuma guvejs", "beneficiary", ("labuma guvēju", "labuma guvējiem")),
    "aprūpe": ("aprupe", "care", ("aprūpe", "aprūpes")),
}
