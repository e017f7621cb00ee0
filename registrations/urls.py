from django.urls import path
from django.utils.translation import gettext_lazy as _

from registrations import views

app_name = "registrations"

# Where website/urls.py puts these, under /lv/ and /en/.
# Translators: the URL of event registration; keep the slash at the end.
PREFIX = _("registration/")

urlpatterns = [
    path("<int:offer_id>/", views.register, name="register"),
    path("cancel/<str:token>/", views.cancel, name="cancel"),
    path("data/<str:token>/", views.data, name="data"),
    path("data/<str:token>/json/", views.data_json, name="data_json"),
]
