from django.apps import AppConfig


class FifthSectionConfig(AppConfig):
    """A fifth section type that exists only in this test folder. It proves that a new
    section is one folder that registers itself: nothing outside tests/fifth_section
    names it."""

    name = "tests.fifth_section.app"
    label = "fifth_section"

    def ready(self):
        from home.sections import Section, register
        from tests.fifth_section.app.models import ResourceIndexPage, ResourcePage

        register(
            Section(
                key="resources",
                item_model=ResourcePage,
                index_model=ResourceIndexPage,
                menu_label="Resources",
                card_template="fifth_section/resource_item.html",
                home_heading="Latest resources",
                home_empty="No resources yet.",
                home_queryset="latest",
                search_fields=("publisher",),
                order=50,
            )
        )
