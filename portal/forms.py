"""Form fields shared by the public forms."""

import html

from django import forms
from django.utils.html import strip_tags


class PlainTextField(forms.CharField):
    """A field that takes no markup: tags are stripped on input, so "<b>Director</b>"
    is stored as "Director" and nothing typed here can ever be rendered as HTML.
    Entities are decoded once, so "Tom &amp; Jerry" is stored as "Tom & Jerry"."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        text = html.unescape(strip_tags(value))
        return text.strip() if self.strip else text
