"""The admin screen for bulk import: the same importer as `manage.py import_library`,
for whoever holds the `library.import_publications` permission (the regional
editors, through governance.roles). Each row also needs the right to publish in
the section it lands in."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from library.importer import COLUMNS, Importer
from portal.languages import COUNTRY_CHOICES, LANGUAGES

IMPORT_PERMISSION = "library.import_publications"
# One upload is bounded; larger catalogues go through the command.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    data_file = forms.FileField(
        label=_("CSV or RIS file"),
        help_text=_("UTF-8. CSV columns: %(columns)s.") % {"columns": ", ".join(COLUMNS)},
    )
    files = MultipleFileField(
        label=_("Files named in the rows"),
        required=False,
        help_text=_("Choose the PDF, DOCX or ODT files the “files” column names."),
    )
    language = forms.ChoiceField(
        label=_("Language of the pages (RIS only)"), choices=LANGUAGES, initial="en"
    )
    country = forms.ChoiceField(
        label=_("Country section (RIS only)"),
        choices=[("", _("Region-wide")), *COUNTRY_CHOICES],
        required=False,
    )

    def clean_data_file(self):
        upload = self.cleaned_data["data_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("This file is too large for the admin screen; use the import_library command.")
            )
        try:
            return upload.read().decode("utf-8-sig"), upload.name
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("This file is not UTF-8 text.")) from error


def import_view(request):
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            text, name = form.cleaned_data["data_file"]
            uploads = {upload.name: upload for upload in form.cleaned_data["files"]}
            importer = Importer(user=request.user, uploaded_files=uploads)
            if name.lower().endswith(".ris") or text.lstrip().startswith("TY  -"):
                report = importer.import_ris(
                    text,
                    language=form.cleaned_data["language"],
                    country=form.cleaned_data["country"],
                )
            else:
                report = importer.import_csv(text)
    else:
        form = ImportForm()
    return TemplateResponse(request, "library/admin/import.html", {"form": form, "report": report})
