"""Attendance certificates as PDF (reportlab), in any of the portal's languages.

The text is set in DejaVu Sans, embedded in the PDF, because the certificate must
render Cyrillic (uk, ru, bg), Greek (el) and the Latin letters of every other
language; reportlab's built-in fonts cover only Latin-1. The fonts are Debian's
``fonts-dejavu-core`` (``PORTAL_CERTIFICATE_FONT_DIR``). The QR code, drawn by
reportlab itself, points to the public verification page."""

from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from accounts.emails import site_root_url

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
ACCENT = HexColor("#0b5394")


def register_fonts():
    """Register the TrueType fonts once per process; fail with a clear message."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    directory = Path(settings.PORTAL_CERTIFICATE_FONT_DIR)
    regular, bold = directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        raise ImproperlyConfigured(
            f"Certificates need DejaVuSans.ttf and DejaVuSans-Bold.ttf in {directory} "
            "(Debian: apt-get install fonts-dejavu-core), or set PORTAL_CERTIFICATE_FONT_DIR."
        )
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))


def verification_url(certificate, language_code):
    with translation.override(language_code):
        path = reverse("events:certificate", args=[certificate.code])
    return site_root_url() + path


def certificate_lines(certificate, language_code):
    """The certificate's text in `language_code`, line by line (also used by the
    verification page, so both say the same)."""
    local_start = certificate.start.astimezone(_zone(certificate.time_zone))
    with translation.override(language_code):
        return {
            "heading": _("Certificate of attendance"),
            "intro": _("This certifies that"),
            "name": certificate.name,
            "took_part": _("took part in the webinar"),
            "title": certificate.title_in(language_code),
            "details": ngettext(
                "held on %(date)s, lasting %(minutes)s minute, organised by %(organiser)s.",
                "held on %(date)s, lasting %(minutes)s minutes, organised by %(organiser)s.",
                certificate.duration_minutes,
            )
            % {
                "date": formats.date_format(local_start, "DATE_FORMAT"),
                "minutes": certificate.duration_minutes,
                "organiser": certificate.organiser,
            },
            "code": _("Verification code: %(code)s") % {"code": certificate.code},
            "check": _("Check that this certificate is genuine at %(url)s")
            % {"url": verification_url(certificate, language_code)},
        }


def _zone(name):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name or "UTC")


def certificate_pdf(certificate, language_code):
    """The certificate as PDF bytes, in `language_code`."""
    register_fonts()
    lines = certificate_lines(certificate, language_code)
    from io import BytesIO

    buffer = BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1)
    pdf.setTitle(f"{lines['heading']}: {certificate.name}")
    pdf.setAuthor(settings.WAGTAIL_SITE_NAME)
    pdf.setSubject(lines["title"])

    # A quiet frame.
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(3)
    pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)

    def style(size, font=FONT, leading=None, colour=None):
        return ParagraphStyle(
            name=f"s{size}{font}",
            fontName=font,
            fontSize=size,
            leading=leading or size * 1.3,
            alignment=TA_CENTER,
            textColor=colour or HexColor("#222222"),
        )

    column = width - 70 * mm
    y = height - 30 * mm

    def centred(text, paragraph_style, space_after=6 * mm):
        nonlocal y
        paragraph = Paragraph(escape(text), paragraph_style)
        _w, h = paragraph.wrap(column, height)
        y -= h
        paragraph.drawOn(pdf, 35 * mm, y)
        y -= space_after

    centred(settings.WAGTAIL_SITE_NAME, style(12, colour=ACCENT), 8 * mm)
    centred(lines["heading"], style(30, FONT_BOLD, colour=ACCENT), 12 * mm)
    centred(lines["intro"], style(14))
    centred(lines["name"], style(26, FONT_BOLD))
    centred(lines["took_part"], style(14))
    centred(lines["title"], style(18, FONT_BOLD))
    centred(lines["details"], style(13))

    # Verification: the code, where to check it, and a QR code to the same page.
    url = verification_url(certificate, language_code)
    qr = QrCodeWidget(url)
    qr.barLevel = "M"
    x0, y0, x1, y1 = qr.getBounds()
    size = 32 * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(qr)
    renderPDF.draw(drawing, pdf, width - 20 * mm - size, 18 * mm)
    pdf.setFont(FONT_BOLD, 12)
    pdf.setFillColor(HexColor("#222222"))
    pdf.drawString(22 * mm, 30 * mm, lines["code"])
    small = Paragraph(
        escape(lines["check"]), ParagraphStyle(name="small", fontName=FONT, fontSize=9)
    )
    small.wrap(width - 70 * mm - size, 20 * mm)
    small.drawOn(pdf, 22 * mm, 20 * mm)

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
