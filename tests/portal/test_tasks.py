"""Background tasks: mail leaves the request through a task, failing jobs are retried
and then recorded, and job arguments are JSON. The tests run jobs inline (the immediate
backend); tests/production/test_worker.py runs the real worker on PostgreSQL."""

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_enqueued, task_finished

from portal import tasks
from portal.mail import deliver_email, message_from_json, message_to_json
from portal.settings.base import tasks_settings
from tests.expert_profiles.conftest import (  # noqa: F401 - shared fixtures
    _empty_cache,
    expert_a,
    ukraine_directory,
)

# The failing transport below counts here how often it was asked to deliver.
DELIVERY_ATTEMPTS = []


class RefusingEmailBackend:
    """A mail transport whose server refuses every connection."""

    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_messages(self, messages):
        DELIVERY_ATTEMPTS.append([message.to for message in messages])
        raise ConnectionRefusedError("mail server refused the connection")


@task()
def record_argument(value):
    return value


@pytest.fixture
def jobs():
    """Every job enqueued and every job finished during the test."""
    enqueued, finished = [], []

    def on_enqueued(sender, task_result, **kwargs):
        enqueued.append(task_result)

    def on_finished(sender, task_result, **kwargs):
        finished.append(task_result)

    task_enqueued.connect(on_enqueued)
    task_finished.connect(on_finished)
    yield {"enqueued": enqueued, "finished": finished}
    task_enqueued.disconnect(on_enqueued)
    task_finished.disconnect(on_finished)


def test_the_portals_mail_goes_through_the_delivery_task(client, expert_a, jobs):  # noqa: F811
    """A visitor's contact message reaches the outbox by way of a deliver_email job
    whose argument is the finished message as JSON: the request talks to no mail server."""
    page = expert_a[1]
    response = client.post(
        page.url + "contact/",
        {
            "name": "Olena",
            "email": "olena@example.org",
            "subject": "Тренінг",
            "message": "Добрий день",
        },
    )
    assert response.status_code == 302
    [job] = [job for job in jobs["enqueued"] if job.task.func is deliver_email.func]
    [queued] = job.args
    assert queued["to"] == [page.email]
    assert queued["reply_to"] == ["olena@example.org"]
    assert job.status == TaskResultStatus.SUCCESSFUL
    [sent] = mail.outbox
    assert sent.to == [page.email]
    assert "Добрий день" in sent.body


def test_password_reset_mail_is_queued_too(client, expert_a, jobs):  # noqa: F811
    user = expert_a[0]
    client.post("/uk/accounts/password-reset/", {"email": user.email})
    assert [job.args[0]["to"] for job in jobs["enqueued"]] == [[user.email]]
    assert mail.outbox[0].to == [user.email]


def test_a_message_survives_the_round_trip_through_json():
    original = mail.EmailMultiAlternatives(
        subject="Запрошення",
        body="Текст",
        to=["a@example.org"],
        cc=["b@example.org"],
        bcc=["c@example.org"],
        reply_to=["d@example.org"],
        headers={"X-Portal": "1"},
    )
    original.attach_alternative("<p>Текст</p>", "text/html")
    original.attach("report.csv", b"a,b\n1,2\n", "text/csv")
    copy = message_from_json(message_to_json(original))
    assert copy.message().as_bytes().count(b"report.csv") == original.message().as_bytes().count(
        b"report.csv"
    )
    for field in ["subject", "body", "to", "cc", "bcc", "reply_to", "extra_headers"]:
        assert getattr(copy, field) == getattr(original, field), field
    assert copy.alternatives == original.alternatives
    assert copy.attachments == original.attachments


def test_a_failing_delivery_is_retried_then_recorded_as_failed(settings, jobs):
    settings.PORTAL_EMAIL_TRANSPORT = f"{__name__}.RefusingEmailBackend"
    settings.PORTAL_TASK_MAX_ATTEMPTS = 3
    DELIVERY_ATTEMPTS.clear()

    sent = mail.EmailMessage("Subject", "Body", to=["expert@example.org"]).send()

    assert sent == 1  # queued: the request does not wait for the mail server
    assert DELIVERY_ATTEMPTS == [[["expert@example.org"]]] * 3
    assert mail.outbox == []
    attempts = sorted(jobs["finished"], key=lambda job: job.kwargs.get("attempt", 1))
    assert [job.kwargs.get("attempt", 1) for job in attempts] == [1, 2, 3]
    assert all(job.status == TaskResultStatus.FAILED for job in attempts)
    # The first two say that a retry followed; the last one is given up with the real error.
    assert [job.errors[0].exception_class_path for job in attempts] == [
        "portal.tasks.RetryScheduled",
        "portal.tasks.RetryScheduled",
        "builtins.ConnectionRefusedError",
    ]
    assert "mail server refused the connection" in attempts[0].errors[0].traceback
    # Every attempt carries the whole message: nothing is lost.
    assert all(job.args == attempts[0].args for job in attempts)


def test_a_retry_waits_longer_each_time(settings):
    settings.PORTAL_TASK_RETRY_BACKOFF_SECONDS = 30
    assert [tasks.retry_delay(attempt) for attempt in [1, 2, 3, 4]] == [30, 60, 120, 240]


def test_task_arguments_must_be_json():
    with pytest.raises(TypeError, match="ids and strings"):
        tasks.enqueue(record_argument, object())
    with pytest.raises(TypeError, match="ids and strings"):
        tasks.enqueue_on_commit(record_argument, {"page": object()})


def test_enqueue_on_commit_waits_for_the_commit(db, jobs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        tasks.enqueue_on_commit(record_argument, {"page": 3})
        assert jobs["enqueued"] == []
    assert len(callbacks) == 1
    [job] = jobs["enqueued"]
    assert list(job.args) == [{"page": 3}]


def test_the_backend_is_chosen_by_name():
    assert tasks_settings("database") == {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert tasks_settings("immediate") == {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    with pytest.raises(ImproperlyConfigured, match="database, immediate"):
        tasks_settings("celery")
