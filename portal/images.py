"""One image check for every upload form: the Wagtail admin's (single, multiple and
chooser uploads, through WAGTAILIMAGES_IMAGE_FORM_BASE) and the expert's own form.

Wagtail's WagtailImageField recognises a format by its first bytes, then asks Pillow
for the size. A file with a PNG signature followed by HTML passes the first step
and makes Pillow raise UnidentifiedImageError, which was a 500. Here every decoding
error is a form error, and the common raster formats are verified in full, so a
broken file never reaches the renditions that public pages render."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy, gettext_noop
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# Formats Pillow can verify by itself; the others (AVIF, HEIC) are only sized.
VERIFIABLE_FORMATS = {"png", "jpeg", "gif", "webp", "bmp"}
DECODING_ERRORS = (PILImage.UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


def _interpolated(message, **params):
    """`message` translated when it is shown, in the language active then. Callers
    mark `message` with gettext_noop so that makemessages extracts it."""
    return lazy(lambda: gettext(message) % params, str)()


class SafeImageField(WagtailImageField):
    """WagtailImageField whose size check (the first step that decodes the file) turns
    any decoding error into "Upload a valid image", then verifies the whole file.
    Overrides WagtailImageField.check_image_pixel_size (wagtail.images.fields).

    WagtailImageField.__init__ also translates its error messages and help text
    once, when the field is built: a form declared at import time (the expert's
    form) showed them in English to everyone. Here they are translated when shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formats = self.supported_formats_text
        self.help_text = _interpolated(
            gettext_noop("Accepted formats: %(formats)s, at most %(max_size)s."),
            formats=formats,
            max_size=filesizeformat(self.max_upload_size),
        )
        self.error_messages.update(
            invalid_image_extension=_interpolated(
                gettext_noop("This image format is not accepted. Use one of: %(formats)s."),
                formats=formats,
            ),
            invalid_image_known_format=gettext_lazy(
                "This file is not a .%(extension)s image: its content is %(image_format)s. "
                "Save it in the right format, or rename it."
            ),
            file_too_large=gettext_lazy(
                "This file is too big (%(file_size)s). The largest accepted is %(max_filesize)s."
            ),
            file_too_many_pixels=gettext_lazy(
                "This image has too many pixels (%(num_pixels)s). The most accepted is "
                "%(max_pixels_count)s."
            ),
            file_too_large_unknown_size=_interpolated(
                gettext_noop("This file is too big. The largest accepted is %(max_size)s."),
                max_size=self.max_upload_size_text,
            ),
        )

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
            if f.image.format_name in VERIFIABLE_FORMATS:
                self.verify_whole_file(f)
        except ValidationError:
            raise
        except DECODING_ERRORS as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error

    @staticmethod
    def verify_whole_file(f):
        f.seek(0)
        with PILImage.open(f) as image:
            image.verify()
        f.seek(0)


class PortalImageForm(BaseImageForm):
    """The base of Wagtail's image forms (WAGTAILIMAGES_IMAGE_FORM_BASE): the file
    field that Wagtail's formfield_for_dbfield builds is replaced by SafeImageField."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, SafeImageField):
            safe = SafeImageField(label=field.label, required=field.required, widget=field.widget)
            self.fields["file"] = safe
