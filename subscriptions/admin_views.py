"""The admin's view of subscriptions: how many confirmed subscribers each list has (numbers,
never addresses), and for moderators (permission "export_addresses", given to the group
Moderatori) a CSV of one list's addresses. Each export is recorded: an AddressExport row, an
entry in Wagtail's history log ("subscriptions.export") and a line in the site's log."""

import csv
import logging

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from subscriptions.filters import Followed
from subscriptions.models import AddressExport, Frequency, Subscription

logger = logging.getLogger(__name__)

EXPORT_PERMISSION = "subscriptions.export_addresses"


def report(request):
    counts = (
        Subscription.objects.confirmed()
        .values("filter_key")
        .annotate(
            immediate=Count("pk", filter=Q(frequency=Frequency.IMMEDIATE)),
            weekly=Count("pk", filter=Q(frequency=Frequency.WEEKLY)),
            total=Count("pk"),
        )
        .order_by("-total", "filter_key")
    )
    rows = []
    for row in counts:
        example = (
            Subscription.objects.filter(filter_key=row["filter_key"])
            .select_related("listing")
            .first()
        )
        followed = Followed.of(example)
        rows.append(
            {
                **row,
                "description": followed.describe(),
                "language": example.language,
                "list_url": followed.list_url(),
            }
        )
    return render(
        request,
        "subscriptions/admin/report.html",
        {
            "rows": rows,
            "can_export": request.user.has_perm(EXPORT_PERMISSION),
            "unconfirmed": Subscription.objects.filter(confirmed_at__isnull=True).count(),
        },
    )


def _cell(value):
    """A spreadsheet never reads a cell as a formula (OWASP: CSV injection)."""
    value = str(value)
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_POST
def export(request):
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    filter_key = request.POST.get("filter_key", "")
    subscriptions = list(
        Subscription.objects.confirmed().filter(filter_key=filter_key).order_by("email")
    )
    record = AddressExport.objects.create(
        user=request.user, filter_key=filter_key, addresses=len(subscriptions)
    )
    log(instance=record, action="subscriptions.export", user=request.user)
    logger.warning(
        "%s exported %d subscriber addresses of %s",
        request.user.get_username(),
        len(subscriptions),
        filter_key,
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="abonenti-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["email", "language", "frequency", "confirmed_at"])
    for subscription in subscriptions:
        writer.writerow(
            [
                _cell(subscription.email),
                subscription.language,
                subscription.frequency,
                subscription.confirmed_at.isoformat(),
            ]
        )
    return response
