"""The real worker (`manage.py db_worker`, as production runs it) on PostgreSQL: a job
that a request enqueues is run by the worker, and a job that keeps failing is retried
with backoff and then recorded as failed, with everything needed to run it again."""

import contextlib
import time

import psycopg2
import pytest

from tests.services.conftest import Visitor, free_port, start_worker

pytestmark = pytest.mark.django_db

MAIL_JOB = "portal.mail.deliver_email"


def mail_jobs(live_database):
    """The deliver_email jobs in the live database, oldest first."""
    with contextlib.closing(psycopg2.connect(live_database)) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT status, args_kwargs, exception_class_path, traceback, run_after, "
            "started_at, finished_at FROM django_tasks_database_dbtaskresult WHERE task_path = %s "
            "ORDER BY enqueued_at",
            [MAIL_JOB],
        )
        columns = [column.name for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def wait_for(condition, timeout=60, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {message}")


def send_contact_message(server, live_site, text):
    visitor = Visitor()
    # The contact form is on the profile's own contact page.
    response = visitor.submit(
        server + live_site["expert_url"] + "contact/",
        {
            "name": "Ivan Teacher",
            "email": "ivan@school.example.org",
            "subject": "Training request",
            "message": text,
            "website": "",
        },
    )
    assert response.status_code == 302, response.status_code
    assert response.headers["Location"].endswith("contact/sent/")


def test_a_job_enqueued_by_a_request_is_run_by_the_worker(
    app_servers, live_site, live_database, services_dir
):
    mail_dir = services_dir / "mail"
    send_contact_message(app_servers[0], live_site, "Could you train our school staff?")

    # The request answered without the mail server: the message waits as a job.
    [queued] = mail_jobs(live_database)
    assert queued["status"] == "READY"
    assert queued["args_kwargs"]["args"][0]["to"] == ["olena.private@example.org"]
    assert list(mail_dir.iterdir()) == []

    worker = start_worker(live_site, services_dir, "worker")
    try:
        # Done when the job is gone (deleted once the message was handed over).
        wait_for(lambda: not mail_jobs(live_database), message="the job to be done")
    finally:
        worker.stop()
    [sent] = mail_dir.iterdir()
    text = sent.read_text()
    assert "To: olena.private@example.org" in text
    assert "Reply-To: ivan@school.example.org" in text
    assert "Could you train our school staff?" in text
    # A delivered message leaves no copy in the job table.
    assert mail_jobs(live_database) == []


def test_a_failing_job_is_retried_then_recorded_as_failed(
    app_servers, live_site, live_database, services_dir
):
    send_contact_message(app_servers[1], live_site, "A message the mail server refuses")
    worker = start_worker(
        live_site,
        services_dir,
        "failing-worker",
        # A mail server that refuses every connection.
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(free_port()),
        PORTAL_TASK_MAX_ATTEMPTS="3",
        PORTAL_TASK_RETRY_BACKOFF_SECONDS="1",
    )

    def three_failed_attempts():
        jobs = mail_jobs(live_database)
        if len(jobs) == 3 and all(job["status"] == "FAILED" for job in jobs):
            return jobs
        return None

    try:
        attempts = wait_for(three_failed_attempts, message="three failed attempts")
    finally:
        worker.stop()

    assert [job["args_kwargs"]["kwargs"].get("attempt", 1) for job in attempts] == [1, 2, 3]
    assert [job["exception_class_path"] for job in attempts] == [
        "portal.tasks.RetryScheduled",
        "portal.tasks.RetryScheduled",
        "builtins.ConnectionRefusedError",
    ]
    assert "ConnectionRefusedError" in attempts[0]["traceback"]
    # Each retry waited for its backoff: 1 s after the first attempt, 2 s after the second.
    for previous, retry, delay in [(attempts[0], attempts[1], 1), (attempts[1], attempts[2], 2)]:
        assert (retry["run_after"] - previous["started_at"]).total_seconds() >= delay
        assert retry["started_at"] >= retry["run_after"]
    # Nothing is lost: the last attempt still holds the whole message.
    message = attempts[-1]["args_kwargs"]["args"][0]
    assert message["to"] == ["olena.private@example.org"]
    assert message["body"].count("A message the mail server refuses") == 1
    # The worker logged that it gave up.
    assert "giving up" in worker.log_path.read_text()
