"""The people behind a webinar: registrations (with their place or waiting-list
position), the messages already sent to each (so nothing goes out twice), the
schedule participants were last told about, and attendance certificates.

Registrations are keyed by the event's ``translation_key``: every language version
of an event is one event, with one capacity and one list of participants."""

import base64
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from portal.languages import COUNTRY_CHOICES, LANGUAGES, TIME_ZONE_CHOICES

# Hashing and token salts. A token is derived from a random per-registration nonce
# and SECRET_KEY, so an e-mail sent later can carry the same link again, while the
# database holds only the nonce and the token's SHA-256: a dump alone opens nothing.
CONFIRM_SALT = "events.registration.confirm"
MANAGE_SALT = "events.registration.manage"

# Certificate codes: no 0/O, 1/I/L, so a code read off paper is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def hash_token(raw_token):
    return hashlib.sha256((raw_token or "").encode()).hexdigest()


def derive_token(nonce, salt):
    digest = salted_hmac(salt, nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def new_certificate_code():
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(code):
    raw = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:12]}" if len(raw) == 12 else ""


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("awaiting confirmation of the address")
    CONFIRMED = "confirmed", _("has a place")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class Profession(models.TextChoices):
    SOCIAL_WORK = "social_work", _("Social work")
    PSYCHOLOGY = "psychology", _("Psychology and counselling")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    POLICE = "police", _("Police")
    JUSTICE = "justice", _("Justice")
    POLICY = "policy", _("Policy and public administration")
    CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
    STUDENT = "student", _("Student")
    PARENT = "parent", _("Parent or carer")
    OTHER = "other", _("Other")


PARTICIPANT_COUNTRY_CHOICES = [*COUNTRY_CHOICES, ("other", _("Another country"))]


class RegistrationQuerySet(models.QuerySet):
    def for_event(self, event):
        return self.filter(event_key=event.translation_key)

    def by_confirm_token(self, raw_token):
        return self.filter(confirm_token_hash=hash_token(raw_token)).first()

    def by_manage_token(self, raw_token):
        return self.filter(manage_token_hash=hash_token(raw_token)).first()

    def counts(self):
        """Registered (every address that asked and did not cancel), confirmed,
        waiting and attended, in one query."""
        active = ~models.Q(status=RegistrationStatus.CANCELLED)
        return self.aggregate(
            registered=models.Count("pk", filter=active),
            confirmed=models.Count("pk", filter=models.Q(status=RegistrationStatus.CONFIRMED)),
            waiting=models.Count("pk", filter=models.Q(status=RegistrationStatus.WAITING)),
            attended=models.Count("pk", filter=models.Q(attended=True)),
        )


class Registration(models.Model):
    """One person's registration for one event (all its language versions)."""

    event_key = models.UUIDField(_("event"), db_index=True, editable=False)
    page = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("registered through"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        editable=False,
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    name = models.CharField(_("name"), max_length=120)
    # Stored lower-cased, so one address registers once whatever its spelling.
    email = models.EmailField(_("e-mail"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    profession = models.CharField(_("profession"), max_length=20, choices=Profession.choices)
    country = models.CharField(
        _("country"), max_length=40, choices=PARTICIPANT_COUNTRY_CHOICES, blank=True
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, blank=True
    )
    consent_text = models.TextField(_("consent given"), editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("address confirmed"), null=True, editable=False)
    place_since = models.DateTimeField(_("has a place since"), null=True, editable=False)
    waiting_since = models.DateTimeField(_("waiting since"), null=True, editable=False)
    moved_up_at = models.DateTimeField(_("moved up"), null=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, editable=False)
    attended = models.BooleanField(_("attended"), default=False)
    minutes_attended = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True)

    token_nonce = models.CharField(max_length=64, editable=False)
    confirm_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    manage_token_hash = models.CharField(max_length=64, unique=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_key", "email"], name="events_one_registration_per_address"
            )
        ]
        indexes = [models.Index(fields=["event_key", "status", "waiting_since"])]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    def new_tokens(self):
        self.token_nonce = secrets.token_urlsafe(32)
        self.confirm_token_hash = hash_token(self.confirm_token)
        self.manage_token_hash = hash_token(self.manage_token)

    @property
    def confirm_token(self):
        return derive_token(self.token_nonce, CONFIRM_SALT)

    @property
    def manage_token(self):
        return derive_token(self.token_nonce, MANAGE_SALT)

    @property
    def has_place(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    def event(self):
        """The live event in the participant's language, else the version they used."""
        from events.models.pages import EventPage

        versions = {
            page.locale.language_code: page
            for page in EventPage.objects.live()
            .filter(translation_key=self.event_key)
            .select_related("locale")
        }
        if self.language in versions:
            return versions[self.language]
        if self.page_id:
            for page in versions.values():
                if page.pk == self.page_id:
                    return page
        return next(iter(versions.values()), None)


class NoticeKind(models.TextChoices):
    REMINDER_DAY = "reminder_24h", _("reminder a day before")
    REMINDER_HOUR = "reminder_1h", _("reminder an hour before")
    UPDATE = "update", _("updated invitation")
    CANCELLATION = "cancellation", _("cancellation of the event")


class ParticipantNotice(models.Model):
    """A message that went to a participant. The unique constraint is what makes a
    reminder or an update go out once, however many workers run at the same time
    and however often: the row is written in the transaction that sends (or
    queues) the message, so a crash before the commit leaves it to be sent again."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    # What the notice was about: the start it reminded of, the schedule sequence.
    key = models.CharField(max_length=64)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "key"], name="events_notice_sent_once"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.key}"


class EventSchedule(models.Model):
    """What participants were last told: the calendar invitation's SEQUENCE and the
    times it carried. Publishing the original event with other times, or cancelled,
    raises the sequence and notifies them (events.participation.sync_schedule)."""

    event_key = models.UUIDField(unique=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
    cancelled = models.BooleanField(default=False)
    sequence = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.event_key} #{self.sequence}"


class Certificate(models.Model):
    """An attendance certificate. It outlives the registration (participant data is
    deleted some days after the event), so it keeps what the certificate says: the
    name, the webinar, its date, duration and organiser. Nothing else about the
    person is kept here."""

    code = models.CharField(_("verification code"), max_length=14, unique=True, editable=False)
    registration = models.OneToOneField(
        Registration,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificate",
        editable=False,
    )
    event_key = models.UUIDField(db_index=True, editable=False)
    name = models.CharField(_("name"), max_length=120)
    event_title = models.CharField(_("webinar"), max_length=255)
    start = models.DateTimeField(_("date"))
    time_zone = models.CharField(max_length=64, default="UTC")
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"))
    organiser = models.CharField(_("organiser"), max_length=255)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = new_certificate_code()
            while Certificate.objects.filter(code=self.code).exists():
                self.code = new_certificate_code()
        super().save(*args, **kwargs)

    def title_in(self, language_code):
        """The webinar's title in `language_code` where a live translation exists."""
        from events.models.pages import EventPage

        page = (
            EventPage.objects.live()
            .filter(translation_key=self.event_key, locale__language_code=language_code)
            .only("title")
            .first()
        )
        return page.title if page else self.event_title


def retention_days():
    return settings.PORTAL_WEBINAR_RETENTION_DAYS
