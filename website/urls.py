from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_page
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from website import documents, views
from website.search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Same address as Wagtail's document view, answered with byte-range support.
    re_path(r"^documents/(\d+)/(.*)$", documents.serve),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", cache_page(60 * 15)(views.sitemap), name="sitemap"),
    path("oai-pmh/", include("periodical.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    # Translators: the URL of the search page; keep the slash at the end.
    path(_("search/"), search_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"
