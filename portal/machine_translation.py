"""Which machine translator wagtail-localize offers as a draft aid, from the environment."""


def machine_translator_from_env(environ):
    if environ.get("DEEPL_API_KEY"):
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": environ["DEEPL_API_KEY"]},
        }
    if environ.get("LIBRETRANSLATE_URL"):
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": environ["LIBRETRANSLATE_URL"],
                "API_KEY": environ.get("LIBRETRANSLATE_API_KEY", ""),
            },
        }
    # Development and tests: prefixes nothing, reverses nothing, needs no network.
    return {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
