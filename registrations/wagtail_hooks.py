from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from registrations import certificate_admin
from registrations.models import Offer


@hooks.register("register_admin_urls")
def certificate_admin_urls():
    """The certificates pages (registrations_admin:certificates, …)."""
    return [
        path(
            "registrations/",
            include((certificate_admin.urlpatterns, "registrations_admin")),
        )
    ]


@hooks.register("register_log_actions")
def certificate_log_actions(actions):
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
    if not user.has_perm(certificate_admin.PERMISSION):
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
