"""Anyone can check a certificate of attendance: its number (typed, or from the QR code on it)
opens a page saying whether it is valid or was revoked (and when), with the event, its date,
place and hours, and the name shown partly (registrations.certificates.partial_name).

The answer must follow a revocation at once: no cache may keep it (Cache-Control private,
no-store, which the site's page cache and nginx's front cache both obey), and search engines
are asked not to index it (X-Robots-Tag and the robots meta tag). A number that does not exist
and anything that is not a number get the same 404 page, so that guessing numbers tells
nothing but what the page of a real number shows.
"""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from registrations.certificates import normalise_number
from registrations.models import Certificate


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _not_found(request, typed=""):
    context = {"typed": typed[:40], "not_found": bool(typed)}
    return _private(render(request, "registrations/certificate_lookup.html", context, status=404))


@never_cache
@require_safe
def lookup(request):
    """The form to type a number; its answer goes to the number's own page."""
    typed = request.GET.get("number", "")
    if not typed.strip():
        return _private(render(request, "registrations/certificate_lookup.html", {}))
    number = normalise_number(typed)
    if number is None or not Certificate.objects.filter(number=number).exists():
        return _not_found(request, typed.strip())
    return redirect("certificates:verify", number=number)


@never_cache
@require_safe
def verify(request, number):
    normalised = normalise_number(number)
    if normalised is None:
        return _not_found(request, number)
    if normalised != number:
        return redirect("certificates:verify", number=normalised)
    certificate = Certificate.objects.filter(number=number).first()
    if certificate is None:
        return _not_found(request, number)
    return _private(
        render(request, "registrations/certificate_verify.html", {"certificate": certificate})
    )
