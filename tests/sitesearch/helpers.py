"""What the site search's page tests read from a results page, and how they write a body."""

from tests.utils import soup

LV = "/lv/meklet/"
EN = "/en/search/"


def titles(response):
    return [
        a.get_text(strip=True) for a in soup(response).select("ol.search-results .card__title a")
    ]


def facet(response, name):
    """{label: count} of one facet's choices, and the label of the selected one."""
    section = soup(response).find(id=f"facet-{name}")
    if section is None:
        return {}, None
    choices, selected = {}, None
    for link in section.find_parent("section").select("a.facet__choice"):
        label = link.contents[0].strip()
        choices[label] = int(link.select_one(".facet__count").get_text(strip=True)[1:-1])
        if link.get("aria-current") == "true":
            selected = label
    return choices, selected


def paragraphs(*texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]
