from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from registrations import admin_urls
from registrations.models import Offer
from registrations.permissions import PERMISSION


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def urls():
    """Registrations and their certificates: one namespace, "registrations_admin"."""
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
    actions.register_action(
        "registrations.certificate_issued", _("Issue certificate"), _("Certificate issued")
    )
    actions.register_action(
        "registrations.certificate_reissued",
        _("Re-issue certificate"),
        _("Certificate made and mailed again"),
    )
    actions.register_action(
        "registrations.certificate_revoked", _("Revoke certificate"), _("Certificate revoked")
    )


@hooks.register("register_page_header_buttons")
def certificate_page_buttons(page, user, view_name, next_url=None):
    """On an event with registration, for moderators: its certificates page (one per visit)."""
    if page.specific_class is None or page.specific_class._meta.app_label != "events":
        return
    if not user.has_perm(PERMISSION):
        return
    for offer in Offer.objects.for_page(page).order_by("pk"):
        label = gettext("Certificates")
        if offer.session_key and hasattr(page.specific, "occurrences"):
            visit = page.specific.occurrences.filter(calendar_uid=offer.session_key).first()
            if visit is not None and visit.town:
                label = f"{label}: {visit.town}"
        yield Button(
            label,
            reverse("registrations_admin:certificates", args=[offer.pk]),
            icon_name="doc-full",
            priority=90,
        )
