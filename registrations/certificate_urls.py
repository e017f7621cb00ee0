"""The public verification of certificates: /lv/apliecibas/<number>/, /en/certificates/<number>/
(website/urls.py includes these under the translated prefix)."""

from django.urls import path

from registrations import certificate_views

app_name = "certificates"

urlpatterns = [
    path("", certificate_views.lookup, name="lookup"),
    # Anything under the prefix, slashes included, is answered by the certificates' own 404.
    path("<path:number>/", certificate_views.verify, name="verify"),
]
