"""One image check for every upload form: the Wagtail admin's (single, multiple and
chooser uploads, through WAGTAILIMAGES_IMAGE_FORM_BASE) and the expert's own form.

Wagtail's WagtailImageField recognises a format by its first bytes, then asks Pillow
for the size. A file with a PNG signature followed by HTML passes the first step
and makes Pillow raise UnidentifiedImageError, which was a 500. Here every decoding
error is a form error, and the common raster formats are verified in full, so a
broken file never reaches the renditions that public pages render."""

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# Formats Pillow can verify by itself; the others (AVIF, HEIC) are only sized.
VERIFIABLE_FORMATS = {"png", "jpeg", "gif", "webp", "bmp"}
DECODING_ERRORS = (PILImage.UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


class SafeImageField(WagtailImageField):
    """WagtailImageField whose size check (the first step that decodes the file) turns
    any decoding error into "Upload a valid image", then verifies the whole file.
    Overrides WagtailImageField.check_image_pixel_size (wagtail.images.fields)."""

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
