"""E-mails to experts, each rendered in the expert's language and sent by the worker
(portal.mail)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from portal.mail import send_templated


def site_root_url(page=None):
    site = page.get_site() if page is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


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
