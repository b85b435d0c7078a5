import mimetypes

from django.utils.feedgenerator import Enclosure

from home.feeds import IndexFeed


class LibraryFeed(IndexFeed):
    """The library's RSS: the listing's filters (and search), each item with its
    first file, in the reader's language, as an enclosure."""

    def item_categories(self, item):
        return [str(item.type_label), *item.topic_names]

    def item_author_name(self, item):
        return "; ".join(author.display_name for author in item.authors.all()) or None

    def item_enclosures(self, item):
        files = item.reader_files
        if not files:
            return []
        first = files[0]
        return [
            Enclosure(
                url=self.request.build_absolute_uri(first.document.url),
                length=str(first.size or 0),
                mime_type=mimetypes.guess_type(first.document.filename)[0]
                or "application/octet-stream",
            )
        ]
