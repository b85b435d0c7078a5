"""The organisers' view: counts, the participant list and its CSV export, and
attendance by hand or from the meeting tool's report, for the country's team and
the regional editors."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Certificate, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def past(make_webinar, registration_for):
    event = make_webinar(days=-1, capacity=2)
    people = {
        "oksana": registration_for(event, name="Оксана", email="oksana@example.org"),
        "petro": registration_for(event, name='=HYPERLINK("x")', email="petro@example.org"),
        "waiting": registration_for(event, status=RegistrationStatus.WAITING),
        "pending": registration_for(event, status=RegistrationStatus.PENDING),
        "cancelled": registration_for(event, status=RegistrationStatus.CANCELLED),
    }
    return event, people


def test_the_country_team_sees_counts_and_exports_participants(client, make_user, past):
    event, people = past
    client.force_login(make_user("uk.editor", "Ukraine editors"))
    index = client.get("/admin/webinars/").content.decode()
    assert event.title in index
    detail = client.get(f"/admin/webinars/{event.pk}/")
    assert detail.status_code == 200
    counts = detail.context["counts"]
    assert counts == {"registered": 4, "confirmed": 2, "waiting": 1, "attended": 0}
    assert people["oksana"].email in detail.content.decode()
    # Editors see; only moderators mark attendance.
    assert not detail.context["can_mark"]

    export = client.get(f"/admin/webinars/{event.pk}/participants.csv")
    assert export.status_code == 200
    assert "no-store" in export["Cache-Control"]
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Name", "E-mail"]
    assert len(rows) == 6
    names = [row[0] for row in rows[1:]]
    assert "Оксана" in names
    # A formula in a participant's name is defused for spreadsheets.
    assert '\'=HYPERLINK("x")' in names


def test_a_moderator_marks_attendance_by_hand_and_by_report(
    client, make_user, past, django_capture_on_commit_callbacks
):
    event, people = past
    client.force_login(make_user("uk.moderator", "Ukraine moderators"))
    oksana, petro = people["oksana"], people["petro"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/webinars/{event.pk}/attendance/",
            {f"attended-{oksana.pk}": "on", f"minutes-{oksana.pk}": "85"},
        )
    assert response.status_code == 302
    oksana.refresh_from_db()
    assert (oksana.attended, oksana.minutes_attended) == (True, 85)
    assert Certificate.objects.filter(registration=oksana).exists()

    report = "Email,Duration (Minutes)\npetro@example.org,20\nunknown@example.org,90\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/webinars/{event.pk}/attendance/import/",
            {"report": SimpleUploadedFile("report.csv", report.encode(), "text/csv")},
            follow=True,
        )
    assert response.status_code == 200
    assert (
        "Report imported: 1 participants matched, 1 addresses not registered (ignored). "
        "Certificates issued: 0." in response.content.decode()
    )
    petro.refresh_from_db()
    assert (petro.attended, petro.minutes_attended) == (True, 20)
    assert not Certificate.objects.filter(registration=petro).exists()


def test_bad_attendance_input_saves_nothing(client, make_user, past):
    event, people = past
    client.force_login(make_user("uk.moderator", "Ukraine moderators"))
    oksana = people["oksana"]
    response = client.post(
        f"/admin/webinars/{event.pk}/attendance/",
        {f"attended-{oksana.pk}": "on", f"minutes-{oksana.pk}": "lots"},
    )
    assert response.status_code == 302
    assert not Registration.objects.filter(attended=True).exists()
    response = client.post(
        f"/admin/webinars/{event.pk}/attendance/import/",
        {"report": SimpleUploadedFile("r.csv", b"Name,Duration\nA,3\n", "text/csv")},
        follow=True,
    )
    assert response.status_code == 200
    assert "no e-mail column" in response.content.decode()
    assert not Registration.objects.filter(attended=True).exists()
