"""The admin's certificates page of an offer (URL name ``registrations_admin:certificates``):
the participants who attended, their certificates, and the moderator's actions on them.

Only users with ``registrations.manage_registrations`` (the group Moderatori) see it; other
admin users get 403, anonymous visitors Wagtail's login. Every change is a POST (a GET gets
405): issue to everyone who attended and has no certificate (one whose certificate was revoked
gets no new one this way), re-issue one (the PDF made
and mailed again; the rule on its number is in registrations.certificates), revoke one with a
reason. Each is recorded in Wagtail's history log (Reports → Site history) and the site's log.
"""

import logging

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from wagtail.log_actions import log

from registrations import certificates
from registrations.models import Certificate, Offer, Participant
from registrations.permissions import moderators_only

logger = logging.getLogger(__name__)


def _back(offer):
    return redirect("registrations_admin:certificates", offer.pk)


@require_GET
@moderators_only
def offer_certificates(request, offer_pk):
    offer = get_object_or_404(Offer.objects.select_related("event"), pk=offer_pk)
    attended = list(
        offer.participants.filter(attended_at__isnull=False).prefetch_related("certificates")
    )
    rows = []
    for participant in attended:
        issued = sorted(participant.certificates.all(), key=lambda c: c.issued_at, reverse=True)
        valid = next((c for c in issued if c.is_valid), None)
        rows.append({"participant": participant, "valid": valid, "issued": issued})
    return render(
        request,
        "registrations/admin/certificates.html",
        {
            "offer": offer,
            "rows": rows,
            # Those with a revoked certificate are not issued a new one by "issue to all".
            "without": sum(1 for row in rows if not row["issued"]),
        },
    )


@require_POST
@moderators_only
def issue_all(request, offer_pk):
    offer = get_object_or_404(Offer, pk=offer_pk)
    issued, not_mailed, failed = [], [], []
    waiting = offer.participants.filter(attended_at__isnull=False, certificates__isnull=True)
    for participant in waiting.order_by("pk"):
        try:
            with transaction.atomic():
                # Locked: a double click or a second moderator does not issue twice.
                locked = Participant.objects.select_for_update().get(pk=participant.pk)
                if locked.certificates.exists():
                    continue
                certificate, _mailed = certificates.issue(locked, send=False)
                log(
                    instance=certificate,
                    action="registrations.certificate_issued",
                    user=request.user,
                    data={"number": certificate.number, "offer": offer.pk},
                )
        except certificates.CertificateError as error:
            failed.append(str(error))
            continue
        issued.append(certificate)
        if not certificates.send_certificate(certificate):
            not_mailed.append(certificate.number)
    for certificate in issued:
        logger.info("certificate %s issued by %s", certificate.number, request.user)
    if len(issued) > len(not_mailed):
        messages.success(
            request,
            ngettext(
                "%(count)d certificate issued and mailed.",
                "%(count)d certificates issued and mailed.",
                len(issued) - len(not_mailed),
            )
            % {"count": len(issued) - len(not_mailed)},
        )
    if not_mailed:
        messages.warning(
            request,
            _(
                "Issued but not mailed (the mail server did not accept them): %(numbers)s. "
                "Re-issue them to try again."
            )
            % {"numbers": ", ".join(not_mailed)},
        )
    for error in dict.fromkeys(failed):  # each different reason once
        messages.error(request, error)
    if not issued and not failed:
        messages.info(request, _("Everyone who attended already has a certificate."))
    return _back(offer)


def _certificate(pk):
    return get_object_or_404(
        Certificate.objects.select_related("participant__offer"),
        pk=pk,
        participant__isnull=False,
    )


@require_POST
@moderators_only
def reissue(request, pk):
    certificate = _certificate(pk)
    offer = certificate.participant.offer
    try:
        new, mailed, replaced = certificates.reissue(certificate, request.user)
    except certificates.CertificateError as error:
        messages.error(request, str(error))
        return _back(offer)
    if replaced:
        log(
            instance=certificate,
            action="registrations.certificate_revoked",
            user=request.user,
            data={"number": certificate.number, "reason": certificate.revocation_reason},
        )
        log(
            instance=new,
            action="registrations.certificate_issued",
            user=request.user,
            data={"number": new.number, "replaces": certificate.number},
        )
        text = _("The name or hours changed: certificate %(new)s replaces %(old)s.") % {
            "new": new.number,
            "old": certificate.number,
        }
    else:
        log(
            instance=new,
            action="registrations.certificate_reissued",
            user=request.user,
            data={"number": new.number},
        )
        text = _("Certificate %(number)s made again.") % {"number": new.number}
    if mailed:
        messages.success(request, text + " " + _("It was mailed to the participant."))
    else:
        messages.warning(request, text + " " + _("It could not be mailed; try again later."))
    return _back(offer)


@require_GET
@moderators_only
def find(request):
    """Any certificate by its number, with its revocation form: also one whose participant's
    data were deleted at the end of the retention period (no offer's page lists it any more)."""
    typed = request.GET.get("number", "").strip()
    number = certificates.normalise_number(typed) if typed else None
    found = None
    if number is not None:
        found = (
            Certificate.objects.select_related("participant__offer__event", "revoked_by")
            .filter(number=number)
            .first()
        )
    return render(
        request,
        "registrations/admin/certificate_find.html",
        {"typed": typed[:40], "certificate": found, "searched": bool(typed)},
    )


def _found(certificate):
    return redirect(
        f"{reverse('registrations_admin:certificate_find')}?number={certificate.number}"
    )


@require_POST
@moderators_only
def revoke(request, pk):
    certificate = get_object_or_404(Certificate, pk=pk)
    reason = request.POST.get("reason", "").strip()
    if certificate.participant is not None and request.POST.get("back") != "find":
        back = _back(certificate.participant.offer)
    else:
        back = _found(certificate)
    if not certificate.is_valid:
        messages.error(request, _("This certificate was already revoked."))
        return back
    if not reason:
        messages.error(request, _("Give the reason for revoking the certificate."))
        return back
    certificates.revoke(certificate, request.user, reason)
    log(
        instance=certificate,
        action="registrations.certificate_revoked",
        user=request.user,
        data={"number": certificate.number, "reason": certificate.revocation_reason},
    )
    logger.info("certificate %s revoked by %s", certificate.number, request.user)
    messages.success(request, _("Certificate %(number)s revoked.") % {"number": certificate.number})
    return back


@require_GET
@moderators_only
def download(request, pk):
    certificate = _certificate(pk)
    try:
        pdf = certificates.render_pdf(certificate)
    except certificates.CertificateError as error:
        messages.error(request, str(error))
        return _back(certificate.participant.offer)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{certificates.file_name(certificate)}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("certificates/", find, name="certificate_find"),
    path("certificates/<int:offer_pk>/", offer_certificates, name="certificates"),
    path("certificates/<int:offer_pk>/issue/", issue_all, name="certificates_issue"),
    path("certificate/<int:pk>/reissue/", reissue, name="certificate_reissue"),
    path("certificate/<int:pk>/revoke/", revoke, name="certificate_revoke"),
    path("certificate/<int:pk>/pdf/", download, name="certificate_pdf"),
]
