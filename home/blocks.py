"""Blocks shared by every content type's body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        help_text=_(
            "Describe the image for people who cannot see it. Leave empty if it is decorative."
        ),
    )
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "home/blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, help_text=_("Defaults to the document's title."))

    class Meta:
        icon = "doc-full"
        template = "home/blocks/document_block.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    url = blocks.URLBlock()

    class Meta:
        icon = "link"
        template = "home/blocks/link_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", template="home/blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"], icon="pilcrow"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    embed = EmbedBlock(
        help_text=_("A video or other media URL. Visitors on slow connections see a link first."),
        icon="media",
        template="home/blocks/embed_block.html",
    )
