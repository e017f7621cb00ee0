from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from subscriptions import admin_views


@hooks.register("register_admin_urls")
def urls():
    return [
        path("subscriptions/", admin_views.report, name="subscriptions_report"),
        path("subscriptions/export/", admin_views.export, name="subscriptions_export"),
    ]


@hooks.register("register_reports_menu_item")
def report_menu_item():
    return MenuItem(_("Subscribers"), reverse("subscriptions_report"), icon_name="mail", order=900)


@hooks.register("register_log_actions")
def log_actions(actions):
    actions.register_action(
        "subscriptions.export",
        _("Export subscribers' addresses"),
        _("Exported subscribers' addresses"),
    )
