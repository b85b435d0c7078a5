"""The public registration form for a webinar, and the admin's attendance forms.
Each lists its fields explicitly: nothing a request sends reaches any other field."""

import csv
import io
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models.participants import PARTICIPANT_COUNTRY_CHOICES, Profession
from portal.languages import TIME_ZONE_CHOICES

DEFAULT_CONSENT = _(
    "I agree that the Child Protection Hub keeps my name, e-mail address, organisation, "
    "profession and country to run this webinar: to send me the invitation, reminders, "
    "the joining link and my certificate, and to count attendance. My data is deleted "
    "after the webinar, except my name on a certificate I receive. I can cancel or ask "
    "for deletion at any time from the link in every e-mail."
)


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send a link to confirm it. Only a confirmed address counts."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    profession = forms.ChoiceField(label=_("Profession"), choices=[("", "—"), *Profession.choices])
    country = forms.ChoiceField(
        label=_("Country where you work"),
        choices=[("", "—"), *PARTICIPANT_COUNTRY_CHOICES],
        required=False,
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone (optional)"),
        choices=[("", _("The event's time zone")), *TIME_ZONE_CHOICES],
        required=False,
        help_text=_("Your e-mails then also give the time where you are."),
    )
    consent = forms.BooleanField(label=_("I agree"), required=True)
    # A honeypot: hidden from people by CSS, filled in by naive bots; out of the tab
    # order, so keyboard and screen-reader users never land in it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, consent_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_text = str(consent_text)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    def clean_name(self):
        value = self.cleaned_data["name"]
        # The name goes into e-mail headers (the calendar attendee): one line only.
        if "\n" in value or "\r" in value:
            raise forms.ValidationError(_("Use a single line, without line breaks."))
        return value.strip()

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def registration_data(self):
        return {**self.cleaned_data, "consent_text": self.consent_text}


# Attendance report import ----------------------------------------------------------------
EMAIL_COLUMNS = (
    "email",
    "e-mail",
    "user email",
    "email address",
    "participant email",
    "attendee email",
    "mail",
)
DURATION_COLUMNS = (
    "duration (minutes)",
    "duration (mins)",
    "total duration (minutes)",
    "time in session (minutes)",
    "duration",
    "attendance duration",
    "in-meeting duration",
    "minutes",
)
MAX_REPORT_BYTES = 2 * 1024 * 1024


def parse_minutes(value):
    """Minutes from a report cell: "65", "65.5", "01:05:30", "1h 5m 30s", "1 hr 5 min"."""
    value = (value or "").strip().lower()
    if not value:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    if re.fullmatch(r"\d+:\d{1,2}(:\d{1,2})?", value):
        parts = [int(part) for part in value.split(":")]
        if len(parts) == 2:
            parts = [0, *parts]
        hours, minutes, seconds = parts
        return hours * 60 + minutes + seconds / 60
    units = re.findall(
        r"(\d+(?:\.\d+)?)\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)\b", value
    )
    if not units:
        return None
    total = 0.0
    for number, unit in units:
        amount = float(number)
        if unit.startswith("h"):
            total += amount * 60
        elif unit.startswith("m"):
            total += amount
        else:
            total += amount / 60
    return total


def _decode(raw):
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _columns(row):
    """(e-mail index, duration index or None) when `row` is a header row, else None."""
    names = [cell.strip().lower() for cell in row]
    email = next((i for i, name in enumerate(names) if name in EMAIL_COLUMNS), None)
    if email is None:
        return None
    duration = next(
        (i for column in DURATION_COLUMNS for i, name in enumerate(names) if name == column),
        None,
    )
    return email, duration


def parse_attendance_report(raw):
    """{e-mail: minutes or None} from a Zoom or Teams attendance report (CSV or
    tab-separated, UTF-8 or UTF-16). Meeting tools put a summary table above the
    participants: every row that names an e-mail column starts a new table. A
    person who joined several times is summed. Raises forms.ValidationError with a
    message an editor can act on."""
    text = _decode(raw)
    # The delimiter whose rows name an e-mail column: Zoom writes commas, Teams tabs,
    # a spreadsheet in some locales semicolons.
    for delimiter in ("\t", ",", ";"):
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        if any(_columns(row) for row in rows):
            break
    columns = None
    attendance = {}
    for row in rows:
        header = _columns(row)
        if header is not None:
            columns = header
            continue
        if columns is None:
            continue
        email_index, duration_index = columns
        if len(row) <= email_index:
            continue
        email = row[email_index].strip().lower()
        if "@" not in email:
            continue
        minutes = None
        if duration_index is not None and len(row) > duration_index:
            minutes = parse_minutes(row[duration_index])
        if email not in attendance:
            attendance[email] = minutes
        elif minutes is not None:
            attendance[email] = (attendance[email] or 0) + minutes
    if columns is None:
        raise forms.ValidationError(
            _("The file has no e-mail column. Export the attendance report with e-mail addresses.")
        )
    if not attendance:
        raise forms.ValidationError(_("The file lists no e-mail addresses."))
    return attendance


class AttendanceReportForm(forms.Form):
    report = forms.FileField(
        label=_("Attendance report (CSV)"),
        help_text=_(
            "The meeting tool's export (Zoom, Teams and similar): one row per participant "
            "with their e-mail and, where given, the minutes they attended."
        ),
    )

    def clean_report(self):
        upload = self.cleaned_data["report"]
        if upload.size > MAX_REPORT_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 2 MB)."))
        self.attendance = parse_attendance_report(upload.read())
        return upload
