"""Which planning region a Latvian town or local government is in, to check what editors enter.

Latvia's 43 local governments since the 2021 reform (7 state cities and 36 municipalities,
"novadi") each belong to one of the five planning regions (website.choices.PlanningRegion);
so does every town, through its municipality. The list below holds the state cities, the
municipalities and their towns whose region is certain; a place it does not know (a village, a
venue's own name, a spelling it has not met) is not checked at all, so that a correct entry is
never refused. Names are compared without case and diacritics ("Riga" is Rīga).
"""

from sitesearch.analysis import fold
from website.choices import PlanningRegion

KURZEME, LATGALE, RIGA, VIDZEME, ZEMGALE = (
    PlanningRegion.KURZEME,
    PlanningRegion.LATGALE,
    PlanningRegion.RIGA,
    PlanningRegion.VIDZEME,
    PlanningRegion.ZEMGALE,
)

# Local government -> (planning region, its towns). A state city is its own only town.
LOCAL_GOVERNMENTS = {
    "Liepāja": (KURZEME, ["Liepāja"]),
    "Ventspils": (KURZEME, ["Ventspils"]),
    "Dienvidkurzemes novads": (KURZEME, ["Aizpute", "Durbe", "Grobiņa", "Pāvilosta", "Priekule"]),
    "Kuldīgas novads": (KURZEME, ["Kuldīga", "Skrunda"]),
    "Saldus novads": (KURZEME, ["Saldus", "Brocēni"]),
    "Talsu novads": (KURZEME, ["Talsi", "Sabile", "Stende", "Valdemārpils"]),
    "Ventspils novads": (KURZEME, ["Piltene"]),
    "Daugavpils": (LATGALE, ["Daugavpils"]),
    "Rēzekne": (LATGALE, ["Rēzekne"]),
    "Augšdaugavas novads": (LATGALE, ["Ilūkste", "Subate"]),
    "Balvu novads": (LATGALE, ["Balvi", "Viļaka"]),
    "Krāslavas novads": (LATGALE, ["Krāslava", "Dagda"]),
    "Līvānu novads": (LATGALE, ["Līvāni"]),
    "Ludzas novads": (LATGALE, ["Ludza", "Kārsava", "Zilupe"]),
    "Preiļu novads": (LATGALE, ["Preiļi"]),
    "Rēzeknes novads": (LATGALE, ["Viļāni"]),
    "Rīga": (RIGA, ["Rīga"]),
    "Jūrmala": (RIGA, ["Jūrmala"]),
    "Ādažu novads": (RIGA, []),
    "Ķekavas novads": (RIGA, ["Baldone", "Baloži"]),
    "Mārupes novads": (RIGA, []),
    "Olaines novads": (RIGA, ["Olaine"]),
    "Ropažu novads": (RIGA, ["Vangaži"]),
    "Salaspils novads": (RIGA, ["Salaspils"]),
    "Saulkrastu novads": (RIGA, ["Saulkrasti"]),
    "Siguldas novads": (RIGA, ["Sigulda"]),
    "Alūksnes novads": (VIDZEME, ["Alūksne"]),
    "Cēsu novads": (VIDZEME, ["Cēsis", "Līgatne"]),
    "Gulbenes novads": (VIDZEME, ["Gulbene"]),
    "Limbažu novads": (VIDZEME, ["Limbaži", "Aloja", "Ainaži", "Salacgrīva", "Staicele"]),
    "Madonas novads": (VIDZEME, ["Madona", "Cesvaine", "Lubāna"]),
    "Ogres novads": (VIDZEME, ["Ogre", "Ikšķile", "Ķegums", "Lielvārde"]),
    "Smiltenes novads": (VIDZEME, ["Smiltene", "Ape"]),
    "Valkas novads": (VIDZEME, ["Valka"]),
    "Valmieras novads": (VIDZEME, ["Valmiera", "Mazsalaca", "Rūjiena", "Seda", "Strenči"]),
    "Jelgava": (ZEMGALE, ["Jelgava"]),
    "Aizkraukles novads": (ZEMGALE, ["Aizkraukle", "Jaunjelgava", "Pļaviņas"]),
    "Bauskas novads": (ZEMGALE, ["Bauska", "Iecava"]),
    "Dobeles novads": (ZEMGALE, ["Dobele", "Auce"]),
    "Jelgavas novads": (ZEMGALE, ["Kalnciems"]),
    "Jēkabpils novads": (ZEMGALE, ["Jēkabpils", "Aknīste", "Viesīte"]),
}


def _key(name):
    return " ".join(fold(name or "").split())


REGION_OF = {}
for _name, (_region, _towns) in LOCAL_GOVERNMENTS.items():
    for _place in (_name, *_towns):
        REGION_OF[_key(_place)] = _region


def region_of(place):
    """The planning region of a town or local government by its name, or None if unknown."""
    return REGION_OF.get(_key(place))


def region_mismatch(place, region):
    """The region `place` is in when `region` is another one; None when they agree or when
    either is unknown."""
    if not place or not region:
        return None
    actual = region_of(place)
    if actual is None or actual == region:
        return None
    return PlanningRegion(actual)
