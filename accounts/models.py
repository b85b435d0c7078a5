"""Invitations that let an expert create their account and take over their profile."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.languages import LANGUAGES


def hash_token(raw_token):
    return hashlib.sha256(raw_token.encode()).hexdigest()


class ExpertInvitationQuerySet(models.QuerySet):
    def by_token(self, raw_token):
        return self.filter(token_hash=hash_token(raw_token or "")).first()


class ExpertInvitation(models.Model):
    """Only the SHA-256 of the token is stored: a database dump cannot be used to
    take over a profile. The raw token exists only in the e-mail."""

    email = models.EmailField(_("expert's e-mail"))
    profile = models.ForeignKey(
        "expert_profiles.ExpertProfilePage",
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    language = models.CharField(
        _("language of the e-mail"), max_length=8, choices=LANGUAGES, default="en"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("last sent"), null=True, editable=False)
    expires_at = models.DateTimeField(_("expires"), editable=False)
    used_at = models.DateTimeField(_("accepted"), null=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, editable=False)

    objects = ExpertInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert invitation")
        verbose_name_plural = _("expert invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    def new_token(self):
        """Give the invitation a fresh token and expiry; any earlier link stops working.
        Returns the raw token, to be put in the e-mail and nowhere else."""
        raw_token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(raw_token)
        self.expires_at = timezone.now() + datetime.timedelta(days=settings.PORTAL_INVITATION_DAYS)
        return raw_token

    @property
    def is_used(self):
        return self.used_at is not None

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self):
        return not (self.is_used or self.is_revoked or self.is_expired)

    @property
    def status(self):
        if self.is_used:
            return _("accepted")
        if self.is_revoked:
            return _("revoked")
        if self.is_expired:
            return _("expired")
        return _("pending")
