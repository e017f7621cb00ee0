from .media import AttachedDocument, CustomDocument, CustomImage, CustomRendition
from .navigation import FooterText, NavigationMenu, NavigationMenuItem
from .pages import BasePage, HomeFeaturedItem, HomePage, SectionIndexPage, StandardPage
from .settings import AccessibilityStatement, SiteSettings
from .snippets import Person, PersonLink, people_in_language
from .topics import PageTopic, Topic

__all__ = [
    "AccessibilityStatement",
    "AttachedDocument",
    "BasePage",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "FooterText",
    "HomeFeaturedItem",
    "HomePage",
    "NavigationMenu",
    "NavigationMenuItem",
    "PageTopic",
    "Person",
    "PersonLink",
    "SectionIndexPage",
    "SiteSettings",
    "StandardPage",
    "Topic",
    "people_in_language",
]
