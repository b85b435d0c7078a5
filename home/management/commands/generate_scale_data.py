"""Scale data for `make bench`: `manage.py generate_scale_data --items 100000`.

Builds the page tree, the taxonomies, the groups and review workflows and the demo
accounts when they are missing (as load_demo_data does, without its hand-written
content), then adds N live items in bulk (home.scale), puts a few of them into
Country review so the moderation queue is not empty, and rebuilds the search
entries. Not for production data."""

import time
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Locale

from home import scale
from home.demo.builder import DemoBuilder
from home.models import CountryPage
from home.sections import all_sections
from home.site_tree import build_page_tree

# The country whose editors and moderators the bench signs in as (demo accounts).
REVIEW_COUNTRY = "ukraine"


class Command(BaseCommand):
    help = "Add N generated live items (every language, country and section) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, required=True)
        parser.add_argument("--seed", type=int, default=12)
        parser.add_argument(
            "--sections", default="", help="Comma-separated section keys (default: every section)."
        )
        parser.add_argument("--allow-production", action="store_true")

    def handle(self, *args, items, seed, sections="", allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to generate scale data with DEBUG off; pass --allow-production if you mean it."
            )
        if items < 0:
            raise CommandError("--items must be 0 (only the tree, terms and accounts) or more.")
        only = [key.strip() for key in sections.split(",") if key.strip()]
        unknown = set(only) - {section.key for section in all_sections()}
        if unknown:
            raise CommandError(f"Unknown section: {', '.join(sorted(unknown))}.")
        started = time.monotonic()
        self.stdout.write("Page tree, taxonomies, groups, workflows and demo accounts…")
        builder = self.prepare()
        self.stdout.write(f"Ready in {time.monotonic() - started:.0f} s. Generating {items} items…")
        if not items:
            return
        made = scale.generate(items, seed=seed, stdout=self.stdout, only=only)
        generated = time.monotonic() - started
        self.stdout.write("Pages: " + ", ".join(f"{key} {count}" for key, count in made.items()))
        # The moderators' notification mails are not the point here.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            submitted = self.submit_for_review(builder, max(3, items // 2000))
        self.stdout.write(f"{submitted} items submitted to Country review.")
        self.stdout.write("Search entries…")
        call_command("update_search_vectors", stdout=StringIO())
        self.stdout.write(
            f"Generated {sum(made.values())} items in {generated:.0f} s "
            f"({time.monotonic() - started:.0f} s with the search entries)."
        )

    @transaction.atomic
    def prepare(self):
        builder = DemoBuilder()
        builder.homes = build_page_tree()
        builder.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        for section in all_sections():
            if section.demo is not None:
                section.demo.build_taxonomies(builder)
        call_command("setup_groups", stdout=StringIO())
        builder.users = builder.build_users()
        return builder

    def submit_for_review(self, builder, count):
        """Drafts of a few generated items under the review country, submitted by its
        editor: what a moderator's dashboard and the workflow listing show."""
        editor = builder.users[f"{REVIEW_COUNTRY}.editor"]
        submitted = 0
        for country_page in CountryPage.objects.filter(country=REVIEW_COUNTRY):
            for section in all_sections():
                if submitted >= count:
                    return submitted
                page = (
                    section.item_model.objects.descendant_of(country_page)
                    .filter(_workflow_states__isnull=True)
                    .order_by("-pk")
                    .first()
                )
                if page is None:
                    continue
                workflow = page.get_workflow()
                if workflow is None:
                    continue
                page.title = f"{page.title} (revised)"
                page.save_revision(user=editor)
                workflow.start(page, editor)
                submitted += 1
        return submitted
