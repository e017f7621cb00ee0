from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from registrations import admin_urls
from registrations.admin_views import PERMISSION


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def urls():
    return [path("registrations/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def menu_item():
    return ModeratorsMenuItem(
        _("Registrations"), reverse("registrations_admin:index"), icon_name="group", order=350
    )


@hooks.register("register_log_actions")
def log_actions(actions):
    actions.register_action(
        "registrations.export",
        _("Export participants"),
        _("Exported participants"),
    )
