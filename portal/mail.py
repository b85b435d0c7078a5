"""Outgoing mail leaves the request: every message goes out through a background task.

``EMAIL_BACKEND`` is ``QueuedEmailBackend``. Sending a message, from our code, from
Wagtail (moderation notifications) or from Django (password reset), enqueues the
``deliver_email`` task with the message as plain JSON. The worker hands it to the real
transport, ``PORTAL_EMAIL_TRANSPORT`` (SMTP in production, the console in
development), and retries it with backoff when the mail server fails
(``portal.tasks.retrying_task``).

Messages are rendered when they are sent, in the recipient's language
(``send_templated``), so the job carries finished text and needs nothing from the
database to run. A delivered message's job is deleted at once, so a contact message
is not kept in the job table; one that could not be delivered is kept, as failed,
until it is run again or pruned (README, "Background tasks").
"""

import base64
import logging

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from portal.tasks import enqueue, retrying_task

logger = logging.getLogger("portal.mail")


def message_to_json(message):
    """The fields of an EmailMessage as JSON; attachments as base64."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise TypeError("Queued mail takes (filename, content, mimetype) attachments only.")
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
    }


def message_from_json(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@retrying_task()
def deliver_email(message):
    """Hand one queued message to the real transport."""
    with get_connection(settings.PORTAL_EMAIL_TRANSPORT) as connection:
        connection.send_messages([message_from_json(message)])


class QueuedEmailBackend(BaseEmailBackend):
    """An e-mail backend that enqueues each message for the worker instead of talking
    to a mail server inside the request."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            try:
                enqueue(deliver_email, message_to_json(message))
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("Could not queue an e-mail to %s", message.to)
            else:
                queued += 1
        return queued


@receiver(task_finished)
def forget_delivered_mail(sender, task_result, **kwargs):
    """A delivered message leaves no copy in the job table. ``db_result`` exists on
    django-tasks-db's results only: other backends keep nothing to delete."""
    db_result = getattr(task_result, "db_result", None)
    if (
        db_result is not None
        and task_result.status == TaskResultStatus.SUCCESSFUL
        and task_result.task.func is deliver_email.func
    ):
        type(db_result).objects.filter(pk=db_result.pk).delete()


def send_templated(template_prefix, context, to, language, reply_to=None):
    """Render ``<template_prefix>_subject.txt`` and ``_body.txt`` in ``language`` and
    queue the message. The one way the portal's own e-mails are sent."""
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        body = render_to_string(f"{template_prefix}_body.txt", context)
    # A subject is one line, whatever the template produced.
    subject = " ".join(subject.split())
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to)
    message.send()
    return message
