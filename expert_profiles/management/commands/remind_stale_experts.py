import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from accounts.emails import site_root_url
from expert_profiles.models import ExpertProfilePage
from expert_profiles.selfservice import profile_for, set_administrative_fields
from portal.mail import send_templated


class Command(BaseCommand):
    help = (
        "E-mail experts whose profile has not been confirmed for --days days, at most once "
        "per that period, in the language of their profile."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PORTAL_EXPERT_STALE_DAYS,
            help="A profile is stale after this many days without confirmation.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be e-mailed; send nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        now = timezone.now()
        stale_before = timezone.localdate() - datetime.timedelta(days=days)
        reminded_before = now - datetime.timedelta(days=days)
        candidates = (
            ExpertProfilePage.objects.live()
            .filter(last_confirmed__lt=stale_before, user__isnull=False, user__is_active=True)
            .exclude(user__email="")
            .filter(Q(reminder_sent_at__isnull=True) | Q(reminder_sent_at__lt=reminded_before))
            .select_related("user", "locale")
            .order_by("pk")
        )
        sent = 0
        seen_users = set()
        for candidate in candidates:
            if candidate.user_id in seen_users:
                continue
            seen_users.add(candidate.user_id)
            # Translations share the owner; write to the expert about the profile they edit.
            page = profile_for(candidate.user) or candidate
            language = page.locale.language_code
            if dry_run:
                self.stdout.write(f"Would remind {page.user.email} ({language}) about {page.title}")
                sent += 1
                continue
            with translation.override(language):
                link = site_root_url(page) + reverse("expert_profiles:me")
            # The queued message and the date it was sent commit together.
            with transaction.atomic():
                send_templated(
                    "expert_profiles/email/reminder",
                    {"page": page, "link": link},
                    to=[page.user.email],
                    language=language,
                )
                set_administrative_fields(page, reminder_sent_at=now)
            sent += 1
        verb = "would be reminded" if dry_run else "reminded"
        self.stdout.write(f"{sent} expert(s) {verb}.")
