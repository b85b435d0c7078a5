"""Helpers that drive wagtail-localize the way its own test-suite does:
TranslationCreator, then StringTranslation, then translation.save_target()."""

import json
import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator


def superuser():
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="test-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    if created:
        user.set_password("pw")
        user.save()
    return user


def translate(instance, language_code, translate_text=None, publish=True, user=None):
    """Translate `instance` into `language_code`. Every source string goes through
    `translate_text` (default: prefix with the language code)."""
    user = user or superuser()
    locale = Locale.objects.get(language_code=language_code)
    translate_text = translate_text or (lambda text: f"[{language_code}] {text}")
    TranslationCreator(user, [locale]).create_translations(instance)
    translation = Translation.objects.get(
        source__object_id=instance.translation_key, target_locale=locale
    )
    for segment in translation.source.stringsegment_set.select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": translate_text(segment.string.data)},
        )
    # wagtail-localize publishes in an on_commit callback; run it now, as a commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(user=user, publish=publish)
    return instance.get_translation(locale)


def count_queries(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def json_ld(html):
    """Every JSON-LD object in an HTML page."""
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]
