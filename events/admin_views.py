"""The organisers' view of a webinar in the Wagtail admin: counts, the participants,
a CSV export, attendance by hand or from the meeting tool's report.

Who may see what is decided by page permissions on the event, never by a group's
name: seeing and exporting participants needs editorial rights (``add_page`` on the
event or above: the country's editors and moderators, the regional editors; not
translators, who only hold change rights on their language's tree); marking
attendance also needs ``publish`` rights (moderators, regional editors)."""

import csv

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import GroupPagePermission

from events import participation
from events.forms import AttendanceReportForm
from events.models import Certificate, EventPage, Registration, RegistrationStatus
from governance.permissions import has_editorial_rights


def can_view_participants(user, page):
    return user.is_active and has_editorial_rights(user, page)


def can_mark_attendance(user, page):
    return can_view_participants(user, page) and page.permissions_for_user(user).can_publish()


def _event_for(request, page_id, check=can_view_participants):
    page = get_object_or_404(EventPage, pk=page_id)
    if not page.registration_enabled or not check(request.user, page):
        # Same answer for "not yours" and "not there": nothing to learn by probing.
        raise PermissionDenied
    return page


def editorial_paths(user):
    """The pages under which the user has editorial rights (``add_page``)."""
    return set(
        GroupPagePermission.objects.filter(
            group__user=user,
            permission__codename="add_page",
            permission__content_type__app_label="wagtailcore",
        ).values_list("page__path", flat=True)
    )


def may_see_webinars(user):
    return user.is_active and (user.is_superuser or bool(editorial_paths(user)))


def editorial_events(user):
    """Webinars under a section where the user has editorial rights."""
    queryset = EventPage.objects.filter(registration_enabled=True)
    if user.is_superuser:
        return queryset
    condition = Q()
    for path in editorial_paths(user):
        condition |= Q(path__startswith=path)
    return queryset.filter(condition) if condition else queryset.none()


def index(request):
    if not may_see_webinars(request.user):
        raise PermissionDenied
    pages = list(
        editorial_events(request.user).select_related("locale").order_by("-start", "pk")[:500]
    )
    # One row per event, whatever its number of language versions.
    events = {}
    for page in pages:
        events.setdefault(page.translation_key, page)
    counts = {
        row["event_key"]: row
        for row in Registration.objects.filter(event_key__in=events)
        .values("event_key")
        .annotate(
            registered=Count("pk", filter=~Q(status=RegistrationStatus.CANCELLED)),
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
            attended=Count("pk", filter=Q(attended=True)),
        )
    }
    rows = [{"page": page, "counts": counts.get(key, {})} for key, page in events.items()]
    return TemplateResponse(request, "events/admin/index.html", {"rows": rows})


def detail(request, page_id):
    page = _event_for(request, page_id)
    participants = Registration.objects.filter(event_key=page.translation_key).select_related(
        "certificate"
    )
    return TemplateResponse(
        request,
        "events/admin/detail.html",
        {
            "page": page,
            "counts": participants.counts(),
            "participants": participants.order_by("status", "created_at", "pk"),
            "can_mark": can_mark_attendance(request.user, page),
            "report_form": AttendanceReportForm(),
            "certificates": Certificate.objects.filter(event_key=page.translation_key).count(),
        },
    )


CSV_COLUMNS = [
    ("name", "Name"),
    ("email", "E-mail"),
    ("organisation", "Organisation"),
    ("profession", "Profession"),
    ("country", "Country"),
    ("language", "Language"),
    ("time_zone", "Time zone"),
    ("status", "Status"),
    ("created_at", "Registered"),
    ("confirmed_at", "Address confirmed"),
    ("moved_up_at", "Moved up"),
    ("attended", "Attended"),
    ("minutes_attended", "Minutes attended"),
    ("certificate", "Certificate"),
]


def _cell(value):
    """A spreadsheet must not read a participant's text as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def export_csv(request, page_id):
    page = _event_for(request, page_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="participants-{page.slug}-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # Excel reads UTF-8 with a BOM.
    writer = csv.writer(response)
    writer.writerow([label for _field, label in CSV_COLUMNS])
    participants = (
        Registration.objects.filter(event_key=page.translation_key)
        .select_related("certificate")
        .order_by("created_at", "pk")
    )
    for registration in participants:
        row = []
        for field, _label in CSV_COLUMNS:
            if field == "certificate":
                certificate = getattr(registration, "certificate", None)
                value = certificate.code if certificate else ""
            else:
                value = getattr(registration, field)
                if hasattr(value, "isoformat"):
                    value = value.isoformat(timespec="minutes")
            row.append(_cell(value))
        writer.writerow(row)
    return response


def _parse_minutes(raw):
    raw = (raw or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > 24 * 60:
        raise ValueError(raw)
    return int(raw)


@require_POST
def attendance(request, page_id):
    """Attendance by hand: a tick, and optionally the minutes, per participant."""
    page = _event_for(request, page_id, check=can_mark_attendance)
    participants = Registration.objects.filter(
        event_key=page.translation_key, status=RegistrationStatus.CONFIRMED
    )
    errors, issued = [], 0
    updates = []
    for registration in participants:
        attended = request.POST.get(f"attended-{registration.pk}") == "on"
        try:
            minutes = _parse_minutes(request.POST.get(f"minutes-{registration.pk}"))
        except ValueError:
            errors.append(registration.name)
            continue
        updates.append((registration, attended, minutes))
    if errors:
        messages.error(
            request,
            _("Nothing was saved: give the minutes as a whole number for %(names)s.")
            % {"names": ", ".join(errors)},
        )
        return redirect("webinars:detail", page.pk)
    for registration, attended, minutes in updates:
        if registration.attended == attended and registration.minutes_attended == minutes:
            continue
        if participation.record_attendance(registration, attended, minutes):
            issued += 1
    messages.success(
        request,
        _("Attendance saved. Certificates issued: %(count)s.") % {"count": issued},
    )
    return redirect("webinars:detail", page.pk)


@require_POST
def import_report(request, page_id):
    """The meeting tool's attendance report, matched on e-mail addresses."""
    page = _event_for(request, page_id, check=can_mark_attendance)
    form = AttendanceReportForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("report", []):
            messages.error(request, error)
        return redirect("webinars:detail", page.pk)
    attendance_by_email = form.attendance
    participants = Registration.objects.filter(
        event_key=page.translation_key,
        status=RegistrationStatus.CONFIRMED,
        email__in=list(attendance_by_email),
    )
    matched, issued = 0, 0
    for registration in participants:
        minutes = attendance_by_email[registration.email]
        matched += 1
        whole = None if minutes is None else int(minutes)
        if participation.record_attendance(registration, True, whole):
            issued += 1
    unmatched = len(attendance_by_email) - matched
    messages.success(
        request,
        _(
            "Report imported: %(matched)s participants matched, %(unmatched)s addresses not "
            "registered (ignored). Certificates issued: %(issued)s."
        )
        % {"matched": matched, "unmatched": unmatched, "issued": issued},
    )
    return redirect("webinars:detail", page.pk)
