"""Rich text edited as limited markup in a plain textarea, for forms outside the
Wagtail admin (the expert's biography). No JavaScript is needed, and what is stored
is exactly what Wagtail's own editor would store.

The textarea shows the stored HTML, one block per paragraph. On save, the tags that
the field's features allow (bold, italic, links, lists, paragraphs, line breaks) are
kept; any other "<" is text, shown as typed. The result goes through Wagtail's
ContentstateConverter, the same HTML → contentstate → HTML round trip that Draftail
makes on every admin save: it keeps the editor's block keys and internal page links,
drops attributes and URLs Wagtail does not allow (``javascript:`` links included),
and so an unchanged biography, or one with a word changed, keeps all its formatting."""

import re

from django import forms
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

ALLOWED_TAG = re.compile(r"</?(?:p|b|i|strong|em|a|ul|ol|li|br)(?:\s[^<>]*)?/?>", re.IGNORECASE)
BLOCK_START = re.compile(r"^<(?:p|ul|ol|h[1-6])[\s>]", re.IGNORECASE)
ANCHOR = re.compile(r"<a\s[^<>]*>", re.IGNORECASE)
PAGE_LINK = re.compile(r'^<a\s+linktype="page"\s+id="\d{1,9}"\s*>$', re.IGNORECASE)


def to_form(html):
    """Stored rich text as the textarea shows it: a blank line between blocks, one
    list item per line. Only whitespace between tags is added."""
    html = re.sub(r"(</(?:p|ul|ol|h[1-6])>)(?=<)", r"\1\n\n", html or "")
    return re.sub(r"(<[uo]l>|</li>)(?=<)", r"\1\n", html)


def markup_help():
    """The help text under such a textarea, with the markup shown as code."""
    examples = {
        "bold": "<b>…</b>",
        "italic": "<i>…</i>",
        "link": '<a href="https://…">…</a>',
        "list": "<ul><li>…</li></ul>",
    }
    text = escape(
        gettext(
            "Leave an empty line between paragraphs. Formatting is kept, and you can add "
            "bold %(bold)s, italic %(italic)s, links %(link)s and lists %(list)s. Other "
            "markup is shown as typed."
        )
    )
    return mark_safe(  # noqa: S308 - the text is escaped, the examples are escaped code
        text % {key: format_html("<code>{}</code>", value) for key, value in examples.items()}
    )


def _escape_other_tags(text):
    pieces, position = [], 0
    for match in ALLOWED_TAG.finditer(text):
        pieces.append(text[position : match.start()].replace("<", "&lt;").replace(">", "&gt;"))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(text[position:].replace("<", "&lt;").replace(">", "&gt;"))
    return "".join(pieces)


class LimitedMarkupField(forms.CharField):
    """A CharField whose cleaned value is rich text in Wagtail's database format,
    limited to `features` (the RichTextField's)."""

    def __init__(self, *args, features, **kwargs):
        self.converter = ContentstateConverter(features)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return ""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        for anchor in ANCHOR.findall(text):
            if "linktype" in anchor.lower() and not PAGE_LINK.match(anchor):
                raise forms.ValidationError(
                    _('A link could not be read. Write links as <a href="https://…">text</a>.'),
                    code="invalid_link",
                )
        blocks = []
        for chunk in re.split(r"\n\s*\n", text):
            chunk = _escape_other_tags(chunk.strip())
            if not chunk:
                continue
            if BLOCK_START.match(chunk):
                blocks.append(chunk)
            else:
                blocks.append("<p>{}</p>".format(chunk.replace("\n", "<br/>")))
        return self.converter.to_database_format(
            self.converter.from_database_format("".join(blocks))
        )
