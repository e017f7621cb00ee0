"""Sections of the home page contributed by the apps, without the home page importing them.

An app shows something on the home page by registering a function with the
``register_home_section`` hook that returns a ``HomeSection`` (or None when it has nothing to
show). Each function must load its items with a fixed number of queries.
"""

from dataclasses import dataclass, field

from wagtail import hooks

HOOK_NAME = "register_home_section"


@dataclass
class HomeSection:
    key: str
    title: str
    template: str
    items: list = field(default_factory=list)
    more_url: str = ""
    more_text: str = ""
    order: int = 100


def home_sections(request, home_page):
    sections = []
    for build in hooks.get_hooks(HOOK_NAME):
        section = build(request, home_page)
        if section is not None:
            sections.append(section)
    return sorted(sections, key=lambda section: section.order)
