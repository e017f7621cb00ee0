"""Certificates of attendance (apliecības): their numbers, their PDF, their mail.

A moderator issues certificates to the participants of an offer who attended (checked in at the
door). Each certificate has a unique number, ``SDP-<year>-<nnnnnn>``, sequential within the year
of issue: the next number is read from the database and the unique constraint decides between
two moderators issuing at the same time (the loser takes the next number, in a savepoint).

What the public verification page shows is copied onto the certificate when it is issued (the
event's title, date and place in the participant's language, the hours credited and the name
shown partly), so it still verifies after the participant's data are deleted. The name is
shown partly by one rule: each part of the name (split at spaces and hyphens) keeps its first
letter followed by three asterisks, whatever its length ("Jana Bērziņa-Ozola" →
"J*** B***-O***"); the page never shows the full name, its length or the address.

The PDF is generated when it is needed (mailed or downloaded), in the participant's language
(lv or en), with a DejaVu font from Debian's fonts-dejavu-core (CERTIFICATE_FONT_DIR) so that
Latvian letters are drawn, and a QR code (segno) of the absolute address of the verification
page. It needs the participant's full name: once the participant's data are deleted no PDF can
be made again, the number still verifies.

Re-issue: the PDF is made and mailed again. The number stays the same while what the
verification page shows of it (the name shown partly, the hours, the event, date and place) is
unchanged; if any of it changed (the participant's name was corrected, the hours credited were
changed), the old certificate is revoked ("replaced by <new number>") and a new number issued.
"""

import io
import logging
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from wagtail.models import Locale

from registrations.models import Certificate
from website.choices import EsfProject
from website.siteurl import absolute

logger = logging.getLogger(__name__)

PREFIX = "SDP"
# What a number looks like: the verification page refuses anything else without a query.
NUMBER_RE = re.compile(r"^SDP-(\d{4})-(\d{6,7})$")
NUMBER_ATTEMPTS = 20
EVENT_TIME_ZONE = "Europe/Riga"
LANGUAGES = ("lv", "en")


class CertificateError(Exception):
    """Why a certificate cannot be issued or made (shown to the moderator)."""


def partial_name(name):
    """The name as the verification page shows it: "Jana Bērziņa-Ozola" → "J*** B***-O***"."""
    words = []
    for word in name.split():
        parts = [part[0] + "***" if part else "" for part in word.split("-")]
        words.append("-".join(parts))
    return " ".join(words)


def normalise_number(value):
    """A number as typed ("sdp-2026-000123 ") as stored, or None if it cannot be one."""
    value = (value or "").strip().upper()
    return value if len(value) <= 32 and NUMBER_RE.match(value) else None


def language_of(participant):
    return participant.language if participant.language in LANGUAGES else "lv"


# The event as the certificate states it ----------------------------------------------------


@dataclass(frozen=True)
class EventFacts:
    title: str
    start: object  # aware datetime or None
    end: object
    place: str
    esf_project: str

    @property
    def date(self):
        return timezone.localtime(self.start, _zone()).date() if self.start else None

    def dates_text(self):
        """ "12 May 2026" or "12 May 2026 – 13 May 2026", in the active language."""
        if self.start is None:
            return ""
        start = timezone.localtime(self.start, _zone()).date()
        end = timezone.localtime(self.end, _zone()).date() if self.end else start
        text = date_format(start, "DATE_FORMAT")
        if end != start:
            text = f"{text} – {date_format(end, 'DATE_FORMAT')}"
        return text


def _zone():
    from zoneinfo import ZoneInfo

    return ZoneInfo(EVENT_TIME_ZONE)


def _page_in(event, language):
    """The event page in `language` if it is translated and live, else the page itself."""
    page = event.specific
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None and page.locale_id != locale.pk:
        translated = page.get_translation_or_none(locale)
        if translated is not None and translated.live:
            page = translated.specific
    return page


def event_facts(offer, language):
    """Title, dates, place and ESF project of an offer's event (or visit), in `language`."""
    page = _page_in(offer.event, language)
    start, end, venue, town = page.start, page.end, page.venue, page.town
    if offer.session_key:
        occurrence = None
        if hasattr(page, "occurrences"):
            occurrence = page.occurrences.filter(calendar_uid=offer.session_key).first()
        if occurrence is None:
            raise CertificateError(_("The seminar visit of this registration no longer exists."))
        start, end, venue, town = (
            occurrence.start,
            occurrence.end,
            occurrence.venue,
            occurrence.town,
        )
    places = [part for part in (venue, town) if part] if page.is_in_person else []
    with translation.override(language):
        if page.is_online:
            places.append(_("online"))
    return EventFacts(
        title=page.title,
        start=start,
        end=end,
        place=", ".join(places),
        esf_project=page.esf_project or "",
    )


def funding_statement(esf_project):
    """The ESF funding statement of the event's project, in the active language."""
    if esf_project == EsfProject.MUNICIPALITIES_2015:
        return _(
            "The event was organised within the project No. 9.2.1.1/15/I/001 “Development of "
            "Professional Social Work in Municipalities”, co-financed by the European Social Fund."
        )
    if esf_project == EsfProject.MODERN_2022:
        return _(
            "The event was organised within the project No. 4.3.5.4 “Development of Professional "
            "and Modern Social Work”, co-financed by the European Union (European Social Fund "
            "Plus)."
        )
    return _("The event was organised with the co-financing of the European Social Fund.")


# Numbers ----------------------------------------------------------------------------------


def _next_number(year):
    prefix = f"{PREFIX}-{year}-"
    # The highest as a number, not as a string (past 999 999 a year, seven digits).
    last = (
        Certificate.objects.filter(number__startswith=prefix)
        .annotate(length=Length("number"))
        .order_by("-length", "-number")
        .values_list("number", flat=True)
        .first()
    )
    match = NUMBER_RE.match(last or "")
    return f"{prefix}{(int(match.group(2)) if match else 0) + 1:06d}"


def _create_numbered(**fields):
    """A new Certificate with the next free number of this year."""
    year = timezone.localtime(timezone.now(), _zone()).year
    for _attempt in range(NUMBER_ATTEMPTS):
        number = _next_number(year)
        try:
            with transaction.atomic():
                return Certificate.objects.create(number=number, **fields)
        except IntegrityError:
            # Another moderator took this number at the same moment: take the next one.
            if not Certificate.objects.filter(number=number).exists():
                raise
    raise CertificateError(_("No free certificate number was found; try again."))


# Issuing ----------------------------------------------------------------------------------


def snapshot(participant):
    """What a certificate of `participant` would show on the verification page."""
    language = language_of(participant)
    facts = event_facts(participant.offer, language)
    hours = participant.hours if participant.hours is not None else participant.offer.hours
    return {
        "name_shown": partial_name(participant.name)[:100],
        "event_title": facts.title[:500],
        "event_date": facts.date or timezone.localdate(),
        "place": facts.place[:255],
        "hours": hours,
        "language": language,
    }


def valid_certificate(participant):
    return participant.certificates.filter(revoked_at__isnull=True).first()


def issue(participant, send=True):
    """Issue `participant` a certificate (they must have attended and have no valid one) and
    mail it. Returns (certificate, mailed)."""
    if participant.attended_at is None:
        raise CertificateError(_("%(name)s did not attend.") % {"name": participant.name})
    if valid_certificate(participant) is not None:
        raise CertificateError(
            _("%(name)s already has a certificate.") % {"name": participant.name}
        )
    font_files()  # no number is given out for a certificate that cannot be made
    certificate = _create_numbered(participant=participant, **snapshot(participant))
    mailed = send_certificate(certificate) if send else False
    return certificate, mailed


def reissue(certificate, user=None):
    """Make the PDF again and mail it; a new number if what the page shows changed.

    Returns (certificate, mailed, replaced): `replaced` is True when a new number was issued.
    """
    participant = certificate.participant
    if participant is None:
        raise CertificateError(
            _("The participant's data have been deleted: the certificate cannot be made again.")
        )
    if not certificate.is_valid:
        raise CertificateError(_("A revoked certificate cannot be re-issued."))
    font_files()
    current = snapshot(participant)
    shown = {name: getattr(certificate, name) for name in current}
    if shown == current:
        return certificate, send_certificate(certificate), False
    with transaction.atomic():
        replacement = _create_numbered(participant=participant, **current)
        revoke(
            certificate,
            user,
            _("Replaced by %(number)s") % {"number": replacement.number},
        )
    return replacement, send_certificate(replacement), True


def revoke(certificate, user, reason):
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = user if user is not None and user.is_authenticated else None
    certificate.revocation_reason = reason[:255]
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])


# The verification address -----------------------------------------------------------------


def verification_url(certificate):
    """The absolute address of the certificate's public page, in its language."""
    with translation.override(certificate.language or "lv"):
        path = reverse("certificates:verify", kwargs={"number": certificate.number})
    return absolute(path)


# The PDF ----------------------------------------------------------------------------------


def font_files():
    folder = Path(settings.CERTIFICATE_FONT_DIR)
    regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
    if not regular.exists():
        raise CertificateError(
            _("The certificate font %(path)s is missing (Debian package fonts-dejavu-core).")
            % {"path": regular}
        )
    return regular, bold if bold.exists() else regular


def qr_png(url):
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


def _hours_text(hours):
    """ "6" for 6.0 hours, "4,5" (Latvian) or "4.5" (English) for 4.5."""
    if hours == hours.to_integral_value():
        hours = hours.quantize(Decimal(1))
    return number_format(hours)


def render_pdf(certificate):
    """The certificate as PDF bytes, in its language."""
    from fpdf import FPDF

    participant = certificate.participant
    if participant is None:
        raise CertificateError(
            _("The participant's data have been deleted: the certificate cannot be made again.")
        )
    language = certificate.language or "lv"
    regular, bold = font_files()
    with translation.override(language):
        facts = event_facts(participant.offer, language)
        title = _("CERTIFICATE")
        subtitle = _("of attendance")
        pdf = FPDF(format="A4")
        pdf.set_title(f"{title} {certificate.number}")
        pdf.set_author(_("Ministry of Welfare of the Republic of Latvia"))
        pdf.set_creator("Sociālā darba portāls")
        pdf.set_lang(language)
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        pdf.set_auto_page_break(False)
        pdf.add_page()
        width = pdf.w - pdf.l_margin - pdf.r_margin

        pdf.set_font("DejaVu", "", 11)
        pdf.set_y(20)
        pdf.multi_cell(
            width,
            6,
            _("Ministry of Welfare of the Republic of Latvia"),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_y(45)
        pdf.set_font("DejaVu", "B", 30)
        pdf.multi_cell(width, 14, title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 14)
        pdf.multi_cell(width, 8, subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(
            width,
            7,
            _("No. %(number)s") % {"number": certificate.number},
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )

        pdf.ln(12)
        pdf.set_font("DejaVu", "", 12)
        pdf.multi_cell(width, 7, _("This certifies that"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 22)
        pdf.multi_cell(width, 11, participant.name, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("DejaVu", "", 12)
        pdf.multi_cell(width, 7, _("attended the event"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        pdf.set_font("DejaVu", "B", 15)
        pdf.multi_cell(
            width,
            8,
            _("“%(title)s”") % {"title": certificate.event_title},
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(6)

        pdf.set_font("DejaVu", "", 11)
        rows = [
            (_("Date"), facts.dates_text() or date_format(certificate.event_date, "DATE_FORMAT")),
            (_("Place"), certificate.place or "—"),
            (_("Academic hours"), _hours_text(certificate.hours)),
            (_("Organiser"), _("Ministry of Welfare of the Republic of Latvia")),
        ]
        label_width = 55
        for label, value in rows:
            pdf.set_x(pdf.l_margin + 15)
            pdf.set_font("DejaVu", "B", 11)
            pdf.cell(label_width, 7, f"{label}:")
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(
                width - label_width - 30, 7, value, align="L", new_x="LMARGIN", new_y="NEXT"
            )
        pdf.ln(8)
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(
            width, 5, funding_statement(facts.esf_project), align="C", new_x="LMARGIN", new_y="NEXT"
        )

        # The QR code and how to verify, at the foot of the page.
        url = verification_url(certificate)
        size = 38
        top = pdf.h - 25 - size
        pdf.image(io.BytesIO(qr_png(url)), x=pdf.l_margin, y=top, w=size, h=size)
        pdf.set_xy(pdf.l_margin + size + 6, top + 4)
        pdf.set_font("DejaVu", "", 10)
        issued = timezone.localtime(certificate.issued_at, _zone()).date()
        pdf.multi_cell(
            width - size - 6,
            5.5,
            "\n".join(
                [
                    _("Issued: %(date)s") % {"date": date_format(issued, "DATE_FORMAT")},
                    _("Certificate No. %(number)s") % {"number": certificate.number},
                    _("Verify this certificate at:"),
                    url,
                ]
            ),
            align="L",
        )
        return bytes(pdf.output())


def file_name(certificate):
    return f"{certificate.number}.pdf"


# The mail ---------------------------------------------------------------------------------


def send_certificate(certificate):
    """Mail the certificate's PDF to its participant, in their language. Returns False (and
    logs) if it could not be sent; the moderator can re-issue it."""
    participant = certificate.participant
    if participant is None:
        return False
    language = certificate.language or "lv"
    pdf = render_pdf(certificate)
    with translation.override(language):
        context = {
            "participant": participant,
            "certificate": certificate,
            "url": verification_url(certificate),
            "hours": _hours_text(certificate.hours),
        }
        subject = _("Certificate of attendance %(number)s") % {"number": certificate.number}
        body = render_to_string("registrations/mail/certificate.txt", context)
    message = EmailMessage(subject, body, to=[participant.email])
    message.attach(file_name(certificate), pdf, "application/pdf")
    try:
        message.send()
    except Exception:  # noqa: BLE001 - any failure of the mail server: issued, not mailed
        logger.exception("certificate %s not mailed", certificate.number)
        return False
    return True
