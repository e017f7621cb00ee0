from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    path("<int:offer_id>/", views.register, name="register"),
    path("cancel/<str:token>/", views.cancel, name="cancel"),
    path("data/<str:token>/", views.data, name="data"),
    path("data/<str:token>/json/", views.data_json, name="data_json"),
]
