from .media import CustomDocument, CustomImage, CustomRendition
from .navigation import FooterText, NavigationMenu, NavigationMenuItem
from .pages import BasePage, HomeFeaturedItem, HomePage, PageTopic, StandardPage, TopicTag
from .settings import SiteSettings
from .snippets import Person

__all__ = [
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
    "SiteSettings",
    "StandardPage",
    "TopicTag",
]
