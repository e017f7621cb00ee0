"""django-csp's private response attribute _csp_replace: one response's policy changed.

Written against django-csp 4.0. Its view decorator csp_replace(directives) sets
response._csp_replace, and CSPMiddleware (get_policy_parts, then csp.utils.build_policy) writes
those directives in place of the configured ones. Middleware has no view to decorate:
website.security.PreviewFramingMiddleware, inside django-csp's, changes the policy of the
responses it passes on with replace_directives() instead.

When check() fails: read csp/decorators.py (csp_replace) and csp/middleware.py
(get_policy_parts) for where the replacement now goes, set it there in replace_directives(), and
update check().
"""

import inspect

from csp.constants import NONE, SELF
from csp.decorators import csp_replace
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.http import HttpRequest, HttpResponse

from website.adapters import outdated


def replace_directives(response, directives):
    """Have django-csp write these directives in place of the configured ones on `response`
    (on top of any a view's csp_replace already asked for)."""
    response._csp_replace = {**(getattr(response, "_csp_replace", None) or {}), **directives}


def check():
    """Raises AdapterOutdated unless django-csp still replaces directives from _csp_replace."""
    directives = {"frame-ancestors": [SELF]}
    decorated = csp_replace(directives)(lambda request: HttpResponse())(HttpRequest())
    if getattr(decorated, "_csp_replace", None) != directives:
        raise outdated(
            "django-csp", "csp_replace() no longer puts its directives in _csp_replace", __name__
        )
    parameters = list(inspect.signature(CSPMiddleware.get_policy_parts).parameters)
    if parameters[:3] != ["self", "request", "response"]:
        raise outdated(
            "django-csp",
            f"CSPMiddleware.get_policy_parts takes ({', '.join(parameters)})",
            __name__,
        )
    response = HttpResponse()
    replace_directives(response, directives)
    parts = CSPMiddleware(lambda request: response).get_policy_parts(HttpRequest(), response)
    policy = build_policy(
        config={"default-src": [SELF], "frame-ancestors": [NONE]}, replace=parts.replace
    )
    if "frame-ancestors 'self'" not in policy:
        raise outdated(
            "django-csp",
            f"CSPMiddleware no longer writes the directives of _csp_replace (policy: {policy!r})",
            __name__,
        )
