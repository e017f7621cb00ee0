"""Security headers and login throttling that Django and its add-ons do not provide themselves.

The Content-Security-Policy comes from django-csp and the HTTPS headers from Django's
SecurityMiddleware (see the settings); this module adds the Permissions-Policy header, the
client address django-axes counts failed logins by, the page shown to a locked-out login, and
the framing rule of the admin's previews.
"""

from axes.handlers.database import AxesDatabaseHandler
from csp.constants import SELF
from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db.models import Sum
from django.shortcuts import render

from website.adapters.csp import replace_directives

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
            replace_directives(response, {"frame-ancestors": [SELF]})
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


class LoginThrottleHandler(AxesDatabaseHandler):
    """django-axes with a limit of its own for each way failed logins are counted.

    django-axes compares the largest count among AXES_LOCKOUT_PARAMETERS with one
    AXES_FAILURE_LIMIT. Here each parameter has its own limit (LOGIN_FAILURE_LIMITS, in the same
    order): its count is scaled to AXES_FAILURE_LIMIT, so that reaching its own limit is what
    reaches axes's. One user name from one address: a few typos; one user name from anywhere:
    a distributed guesser; one address for any user names: a sprayer.
    """

    def get_failures(self, request, credentials=None):
        limit = settings.AXES_FAILURE_LIMIT
        scaled = 0
        attempt_lists = self.get_user_attempts(request, credentials)
        for attempts, (_parameters, own_limit) in zip(
            attempt_lists, settings.LOGIN_FAILURE_LIMITS, strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scaled = max(scaled, failures * limit // own_limit)
        return scaled


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


@register(Tags.security, deploy=True)
def check_proxy_addresses(app_configs, **kwargs):
    """Behind a TLS-terminating proxy the client's address is in X-Forwarded-For: counting
    REMOTE_ADDR there would give every client the proxy's address, and one guesser could lock
    out everybody's logins."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and settings.TRUSTED_PROXY_COUNT <= 0:
        return [
            Warning(
                "SECURE_PROXY_SSL_HEADER says the site is behind a proxy, but "
                "TRUSTED_PROXY_COUNT is 0: login and form limits would count the proxy's "
                "address for every client.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies in front of the site.",
                id="website.W001",
            )
        ]
    return []
