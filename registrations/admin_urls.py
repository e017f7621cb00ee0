"""The admin's registration URLs, namespace "registrations_admin" (under /admin/registrations/).
The certificates' views join this list (their URL "certificates" takes the offer's pk)."""

from django.urls import path

from registrations import admin_views, certificate_admin

app_name = "registrations_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("new/", admin_views.create, name="create"),
    path("<int:pk>/", admin_views.participants, name="participants"),
    path("<int:pk>/edit/", admin_views.edit, name="edit"),
    path("<int:pk>/export/", admin_views.export, name="export"),
    path("<int:pk>/check-in/", admin_views.check_in, name="check_in"),
    path("<int:pk>/hours/<int:participant_id>/", admin_views.hours, name="hours"),
    *certificate_admin.urlpatterns,
]
