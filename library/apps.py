from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Library")

    def ready(self):
        from home.sections import FixedPage, Section, register
        from library import signals  # noqa: F401 - text extraction on upload and publish
        from library.demo import LibraryDemo
        from library.feeds import LibraryFeed
        from library.filters import API_FILTERS
        from library.models import LibraryIndexPage, PublicationPage, TrainersPage

        register(
            Section(
                key="library",
                item_model=PublicationPage,
                index_model=LibraryIndexPage,
                menu_label=_("Library"),
                card_template="library/includes/publication_item.html",
                home_heading=_("New in the library"),
                home_empty=_("No publications yet."),
                home_queryset="latest",
                feed=LibraryFeed,
                search_fields=("abstract",),
                demo=LibraryDemo(),
                order=50,
                extra={"api_filters": API_FILTERS},
                fixed_pages=(
                    FixedPage(
                        model=TrainersPage, slug="trainers", title=_("Resources for trainers")
                    ),
                ),
            )
        )
