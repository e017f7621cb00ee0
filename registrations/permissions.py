"""Who may see participants: users with ``registrations.manage_registrations`` (the group
Moderatori, given by migration 0002). Every admin view of registrations and certificates is
``moderators_only``."""

from functools import wraps

from django.shortcuts import render

PERMISSION = "registrations.manage_registrations"


def moderators_only(view):
    """403 for admin users without the permission (Wagtail would turn PermissionDenied into a
    redirect to the dashboard; a refused request should say it was refused). Anonymous
    visitors never get here: Wagtail's admin sends them to its login."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return render(request, "registrations/admin/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped
