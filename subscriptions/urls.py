from django.urls import path

from subscriptions import feeds, views

app_name = "subscriptions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("atom/", feeds.FollowedFeed(), name="feed"),
    path("atom/<int:listing_id>/", feeds.FollowedFeed(), name="feed_of_list"),
]
