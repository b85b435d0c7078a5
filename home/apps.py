from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and shared pieces"

    def ready(self):
        from portal.page_cache import connect_signals

        connect_signals()
