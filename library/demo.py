"""Demo publications for load_demo_data (home.demo.builder drives it through the registry)."""

from home.demo.builder import SectionDemo


class LibraryDemo(SectionDemo):
    translated_fields = ("title", "summary", "abstract")

    def items(self, country_slug, content, key):
        return []

    def build_item(self, builder, index, item, position, country, editor):
        raise NotImplementedError
