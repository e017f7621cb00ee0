from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import PasswordResetView
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from registrations import urls as registrations_urls
from sitesearch import views as search_views
from website import files, throttle, views

# Wagtail's views that take a guessable secret, with website.throttle's limits; listed before
# Wagtail's own URLs, which they take the place of.
throttled = [
    path(
        "admin/password_reset/",
        throttle.password_reset(PasswordResetView.as_view()),
        name="wagtailadmin_password_reset",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        throttle.password_form(
            wagtaildocs_serve.authenticate_with_password, "collection", "restriction_id"
        ),
        name="wagtaildocs_authenticate_with_password",
    ),
]

urlpatterns = [
    *throttled,
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document address, and the media folder, with their access rules (website.files).
    re_path(r"^documents/(\d+)/(.*)$", files.serve_document),
    re_path(r"^media/(?P<path>.*)$", files.serve_media),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Cached with the pages (website.pagecache), under the same content version.
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("oai-pmh/", include("periodical.urls")),
]

urlpatterns += i18n_patterns(
    # Translators: the URL of the search page; keep the slash at the end.
    path(_("search/"), search_views.search, name="search"),
    # Translators: the URL of following lists (subscriptions); keep the slash at the end.
    path(_("follow/"), include("subscriptions.urls")),
    # Translators: the URL of the verification of certificates of attendance; keep the slash.
    path(_("certificates/"), include("registrations.certificate_urls")),
    path(registrations_urls.PREFIX, include("registrations.urls")),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttle.password_form(
            wagtail_views.authenticate_with_password, "page", "page_view_restriction_id"
        ),
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"
