from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from registrations import certificate_admin


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
