"""Attendance and certificates: marked by hand or from the meeting tool's report,
a certificate for real attendance only, in any language, e-mailed with its PDF, and
verifiable at /<lang>/certificates/<code>/ with nothing personal beyond the name."""

import io

import pytest
from django.core import mail
from django.test import Client
from pypdf import PdfReader

from events import participation
from events.certificates import certificate_pdf
from events.forms import parse_attendance_report, parse_minutes
from events.models import Certificate, RegistrationStatus

pytestmark = pytest.mark.django_db

ZOOM_REPORT = """Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,Вебінар,2026-01-15 10:00,2026-01-15 11:30,host@example.org,90,4

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Оксана,OKSANA@example.org,2026-01-15 10:00,2026-01-15 10:40,40,No
Оксана,oksana@example.org,2026-01-15 10:45,2026-01-15 11:20,35,No
Petro,petro@example.org,2026-01-15 10:00,2026-01-15 10:30,30,No
Stranger,stranger@example.org,2026-01-15 10:00,2026-01-15 11:30,90,Yes
"""

TEAMS_REPORT = (
    "1. Summary\nMeeting title\tВебінар\n\n2. Participants\n"
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\n"
    "Olha\t1/15/26, 10:00 AM\t1/15/26, 11:30 AM\t1h 25m 10s\tolha@example.org\tAttendee\n"
).encode("utf-16")


def text_of(pdf_bytes):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


@pytest.fixture
def past_webinar(make_webinar):
    return make_webinar(days=-2, capacity=None, title="Вебінар: безпека дітей онлайн")


def test_reports_from_meeting_tools_are_read():
    zoom = parse_attendance_report(ZOOM_REPORT.encode("utf-8-sig"))
    # Two sessions of one person are added up; addresses are matched case-blind.
    assert zoom == {
        "host@example.org": 90,
        "oksana@example.org": 75,
        "petro@example.org": 30,
        "stranger@example.org": 90,
    }
    teams = parse_attendance_report(TEAMS_REPORT)
    assert round(teams["olha@example.org"], 1) == 85.2
    assert parse_minutes("01:05:30") == 65.5
    assert parse_minutes("1 hr 5 min") == 65
    assert parse_minutes("") is None


def test_the_report_import_gives_certificates_for_enough_attendance(
    past_webinar, registration_for, django_capture_on_commit_callbacks
):
    oksana = registration_for(past_webinar, email="oksana@example.org", name="Оксана Петренко")
    petro = registration_for(past_webinar, email="petro@example.org", language="en")
    attendance = parse_attendance_report(ZOOM_REPORT.encode())
    with django_capture_on_commit_callbacks(execute=True):
        for registration in (oksana, petro):
            participation.record_attendance(registration, True, int(attendance[registration.email]))
    oksana.refresh_from_db()
    petro.refresh_from_db()
    assert (oksana.attended, oksana.minutes_attended) == (True, 75)
    # 30 of 90 minutes is under 80 %: attended, but no certificate.
    assert (petro.attended, petro.minutes_attended) == (True, 30)
    certificate = Certificate.objects.get()
    assert certificate.registration == oksana
    (message,) = mail.outbox
    assert message.to == [oksana.email]
    assert message.subject == f"Ваш сертифікат про участь: {past_webinar.title}"
    assert certificate.code in message.body
    filename, pdf, mimetype = message.attachments[0]
    assert mimetype == "application/pdf"
    text = text_of(pdf)
    assert "Оксана Петренко" in text
    assert certificate.code in text
    assert "Сертифікат про участь" in text
    assert past_webinar.title in text
    assert "90" in text  # the duration


def test_a_certificate_is_issued_once(past_webinar, registration_for):
    registration = registration_for(past_webinar)
    first = participation.record_attendance(registration, True, None)
    second = participation.record_attendance(registration, True, 80)
    assert first == second
    assert Certificate.objects.count() == 1


def test_no_certificate_before_the_event_has_ended(make_webinar, registration_for):
    event = make_webinar(days=2)
    registration = registration_for(event)
    assert participation.record_attendance(registration, True, None) is None
    assert not Certificate.objects.exists()


def test_the_certificate_renders_greek_and_cyrillic(past_webinar, registration_for):
    registration = registration_for(past_webinar, name="Ελένη Παπαδοπούλου", attended=True)
    certificate = participation.issue_certificate(registration)
    greek = text_of(certificate_pdf(certificate, "el"))
    assert "Ελένη Παπαδοπούλου" in greek
    assert "Πιστοποιητικό παρακολούθησης" in greek
    # The title in a language without a translation of the page stays the original.
    assert past_webinar.title in greek
    assert "Сертификат об участии" in text_of(certificate_pdf(certificate, "ru"))


def test_the_participant_downloads_it_in_the_language_of_their_choice(
    past_webinar, registration_for
):
    registration = registration_for(past_webinar, attended=True)
    certificate = participation.issue_certificate(registration)
    client = Client()
    manage = client.get(f"/uk/webinars/me/{registration.manage_token}/").content.decode()
    assert f"/fr/webinars/me/{registration.manage_token}/certificate.pdf" in manage
    response = client.get(f"/fr/webinars/me/{registration.manage_token}/certificate.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert "Certificat de participation" in text
    assert certificate.code in text
    # Someone else's token gets nothing.
    assert client.get("/fr/webinars/me/not-a-token/certificate.pdf").status_code == 404


def test_the_verification_page_shows_only_the_name_and_the_webinar(past_webinar, registration_for):
    registration = registration_for(
        past_webinar, attended=True, organisation="Служба у справах дітей Києва"
    )
    certificate = participation.issue_certificate(registration)
    response = Client().get(f"/uk/certificates/{certificate.code.lower()}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Цей сертифікат справжній" in html
    assert registration.name in html
    assert past_webinar.title in html
    for private in (registration.email, registration.organisation, registration.manage_token):
        assert private not in html
    missing = Client().get("/uk/certificates/AAAA-BBBB-CCCC/")
    assert missing.status_code == 404
    assert "Сертифіката з кодом" in missing.content.decode()


def test_attendance_transition_is_recorded_on_the_registration(past_webinar, registration_for):
    registration = registration_for(past_webinar, status=RegistrationStatus.CONFIRMED)
    participation.record_attendance(registration, True, 88)
    participation.record_attendance(registration, False)
    registration.refresh_from_db()
    assert (registration.attended, registration.minutes_attended) == (False, None)
