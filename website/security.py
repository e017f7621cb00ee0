"""Security headers and login throttling that Django and its add-ons do not provide themselves.

The Content-Security-Policy comes from django-csp and the HTTPS headers from Django's
SecurityMiddleware (see the settings); this module adds the Permissions-Policy header, the
client address django-axes counts failed logins by, the page shown to a locked-out login, and
the framing rule of the admin's previews.
"""

from csp.constants import SELF
from django.conf import settings
from django.shortcuts import render

# Browser features the site never uses, switched off for its pages and anything they embed.
# Only features every current browser recognises: an unknown name is logged as an error in the
# browser console. Fullscreen and autoplay stay at their defaults for embedded videos.
DISABLED_FEATURES = (
    "camera",
    "display-capture",
    "geolocation",
    "hid",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DISABLED_FEATURES)


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header to every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class PreviewFramingMiddleware:
    """Lets the admin frame its previews, and nothing else frame them.

    Wagtail renders a preview by passing a request it builds itself (flagged ``is_preview``,
    never something a client can send) through the whole middleware stack for the page's
    public address, so the preview gets the public pages' ``frame-ancestors 'none'`` and the
    admin's preview panel stays blank. For those requests only, framing is allowed from the
    site's own origin: in the policy (which django-csp, further out, writes) and in
    X-Frame-Options for browsers that know no frame-ancestors. Everything else in the policy
    stays the public page's, so the preview shows what readers will get.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False) and getattr(request, "is_dummy", False):
            response._csp_replace = {
                **(getattr(response, "_csp_replace", None) or {}),
                "frame-ancestors": [SELF],
            }
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


def client_ip_address(request):
    """The address failed logins are counted by (AXES_CLIENT_IP_CALLABLE).

    Directly exposed, that is REMOTE_ADDR. Behind TRUSTED_PROXY_COUNT reverse proxies that each
    append the address they saw to X-Forwarded-For, it is the entry the outermost trusted proxy
    added: entries further left come from the client and may be forged.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR")
    if proxies <= 0:
        return remote
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def login_locked_out(request, original_response=None, credentials=None):
    """The page a login gets after too many failures (AXES_LOCKOUT_CALLABLE), in Latvian."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {"minutes": int(cool_off.total_seconds() // 60) if cool_off else None}
    return render(
        request,
        "website/login_locked.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
