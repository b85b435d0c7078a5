"""PostgreSQL text search configurations, one per content language.

Stemming is per language, so a search for "дітей" finds a page that says "діти":

- en, fr, hu, ro, ru, el: PostgreSQL's own Snowball stemmers;
- sh: PostgreSQL's Serbian Snowball stemmer (Latin and Cyrillic alike), which also
  serves Bosnian and Croatian;
- uk, bg: ``portal_uk`` and ``portal_bg``, built here from the Hunspell dictionaries
  Debian ships (``hunspell-uk``, ``hunspell-bg``) as PostgreSQL ispell dictionaries,
  plus, for Ukrainian, a small synonym list of forms Hunspell does not relate
  (дитина, діти, дітей, ...). ``bin/install-text-search-dictionaries`` puts the files
  in PostgreSQL's ``tsearch_data`` directory. Without them both configurations are
  plain ``simple`` copies, and a warning says so;
- sq: ``simple``: PostgreSQL has no Albanian stemmer, so words match as written.

The configuration names never change with what is installed, so the mapping below is
fixed; ``manage.py setup_text_search`` (also run by the migration) decides what each
portal configuration contains. Other apps (the library's file search) reuse
``text_search_config``."""

import logging

from django.db import connection, transaction

logger = logging.getLogger(__name__)

TEXT_SEARCH_CONFIGS = {
    "en": "english",
    "fr": "french",
    "hu": "hungarian",
    "ro": "romanian",
    "ru": "russian",
    "el": "greek",
    "sh": "serbian",
    "uk": "portal_uk",
    "bg": "portal_bg",
}
# Languages whose words are matched as written, without stemming.
UNSTEMMED = "simple"

# Configurations this project creates, from Hunspell dictionaries named
# portal_<lang>.dict/.affix (and an optional synonym list portal_<lang>.syn) in
# PostgreSQL's tsearch_data directory.
ISPELL_CONFIGS = {"uk": "portal_uk", "bg": "portal_bg"}
SYNONYM_LISTS = {"uk", "bg"}
# Token types that carry words (asciiword: Latin letters; word: any other letters).
WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword"


def text_search_config(language_code):
    """The PostgreSQL text search configuration for content in this language."""
    return TEXT_SEARCH_CONFIGS.get(language_code, UNSTEMMED)


def _try(cursor, sql):
    """Run one statement in a savepoint; False (and nothing changed) if it fails,
    as CREATE TEXT SEARCH DICTIONARY does when its files are not installed."""
    try:
        with transaction.atomic():
            cursor.execute(sql)
    except Exception as error:  # any failure means "not available"
        logger.debug("%s failed: %s", sql, error)
        return False
    return True


def install_configurations(using=None):
    """Create or refresh portal_uk and portal_bg. Returns {language: True when it
    stems through its ispell dictionary, False when it fell back to simple}.
    Idempotent; a no-op (empty result) on databases other than PostgreSQL."""
    conn = connection if using is None else using
    if conn.vendor != "postgresql":
        return {}
    result = {}
    with conn.cursor() as cursor:
        for language, config in ISPELL_CONFIGS.items():
            ispell = f"{config}_ispell"
            synonyms = f"{config}_synonyms"
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [config])
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = simple)")
            cursor.execute("SELECT 1 FROM pg_ts_dict WHERE dictname = %s", [ispell])
            has_ispell = cursor.fetchone() is not None or _try(
                cursor,
                f"CREATE TEXT SEARCH DICTIONARY {ispell} "
                f"(TEMPLATE = ispell, DictFile = {config}, AffFile = {config})",
            )
            dictionaries = []
            if has_ispell and language in SYNONYM_LISTS:
                cursor.execute("SELECT 1 FROM pg_ts_dict WHERE dictname = %s", [synonyms])
                if cursor.fetchone() is not None or _try(
                    cursor,
                    f"CREATE TEXT SEARCH DICTIONARY {synonyms} "
                    f"(TEMPLATE = synonym, SYNONYMS = {config})",
                ):
                    dictionaries.append(synonyms)
            if has_ispell:
                dictionaries.append(ispell)
            dictionaries.append("simple")
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {config} "
                f"ALTER MAPPING FOR {WORD_TOKENS} WITH {', '.join(dictionaries)}"
            )
            if not has_ispell:
                logger.warning(
                    "Text search: the %s Hunspell dictionary is not installed in PostgreSQL's "
                    "tsearch_data directory, so %s matches words as written (simple). Run "
                    "bin/install-text-search-dictionaries on the database server, then "
                    "manage.py setup_text_search --reindex.",
                    language,
                    config,
                )
            result[language] = has_ispell
    return result
