"""E-mails to experts, each rendered in the expert's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site


def site_root_url(page=None):
    site = page.get_site() if page is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def send_templated(template_prefix, context, to, language, reply_to=None):
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        body = render_to_string(f"{template_prefix}_body.txt", context)
    # A subject is one line, whatever the template produced.
    subject = " ".join(subject.split())
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to)
    message.send()
    return message


def send_invitation(invitation, raw_token):
    profile = invitation.profile
    with translation.override(invitation.language):
        path = reverse("accounts:invitation", kwargs={"token": raw_token})
    context = {
        "invitation": invitation,
        "profile": profile,
        "link": site_root_url(profile) + path,
        "inviter": invitation.created_by,
        "days": settings.PORTAL_INVITATION_DAYS,
    }
    return send_templated(
        "accounts/email/invitation", context, [invitation.email], invitation.language
    )
