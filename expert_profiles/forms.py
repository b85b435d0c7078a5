"""The expert's own profile form and the visitors' contact form. Both list their
fields explicitly: nothing a request sends can reach a field not named here."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamValue
from wagtail.images import get_image_model
from wagtail.models import Collection

from expert_profiles.models import (
    ExpertiseArea,
    ExpertProfileExpertise,
    ExpertProfileLanguage,
    ExpertProfilePage,
)
from portal import richtext
from portal.collation import collated_choices
from portal.forms import PlainTextField
from portal.images import SafeImageField
from portal.languages import SPOKEN_LANGUAGE_CHOICES
from portal.richtext import LimitedMarkupField

BIOGRAPHY_MAX_LENGTH = 5000

# Names a tampered request might use to reach what the expert does not own. Their
# presence in a POST is refused outright, with a message, instead of silently ignored.
FORBIDDEN_FIELDS = frozenset(
    {
        "id",
        "pk",
        "page",
        "page_id",
        "profile",
        "user",
        "user_id",
        "owner",
        "owner_id",
        "slug",
        "country",
        "verified",
        "featured",
        "email",
        "path",
        "depth",
        "locale",
        "parent",
        "live",
        "last_confirmed",
        "title",
    }
)


class LinkForm(forms.Form):
    title = PlainTextField(label=_("Title"), max_length=255, required=False)
    url = forms.URLField(
        label=_("Web address"), max_length=500, required=False, assume_scheme="https"
    )

    def clean(self):
        cleaned_data = super().clean()
        title, url = cleaned_data.get("title"), cleaned_data.get("url")
        if bool(title) != bool(url) and not self.errors:
            raise forms.ValidationError(_("Give both a title and a web address, or neither."))
        return cleaned_data


LinkFormSet = forms.formset_factory(LinkForm, extra=2, max_num=20, validate_max=True)


class ExpertProfileForm(forms.Form):
    """The fields an expert owns, and nothing else."""

    job_title = PlainTextField(label=_("Job title"), max_length=255, required=False)
    organisation = PlainTextField(label=_("Organisation"), max_length=255, required=False)
    summary = PlainTextField(
        label=_("Summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences shown in the directory."),
    )
    biography = LimitedMarkupField(
        label=_("Biography"),
        features=ExpertProfilePage._meta.get_field("biography").features,
        max_length=BIOGRAPHY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    photo = SafeImageField(label=_("New photo"), required=False)
    remove_photo = forms.BooleanField(label=_("Remove the current photo"), required=False)
    photo_alt = PlainTextField(
        label=_("Describe your photo"),
        max_length=250,
        required=False,
        help_text=_("For people who cannot see it, e.g. “Portrait of Olena smiling”."),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas of expertise"),
        queryset=ExpertiseArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SPOKEN_LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accepts_contact = forms.BooleanField(
        label=_("Visitors may write to me through the contact form"),
        help_text=_("Your e-mail address is never shown; messages are forwarded to you."),
        required=False,
    )

    def __init__(self, *args, page, **kwargs):
        self.page = page
        kwargs.setdefault("initial", self.initial_from(page))
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = ExpertiseArea.objects.filter(locale_id=page.locale_id)
        self.fields["languages"].choices = collated_choices(
            SPOKEN_LANGUAGE_CHOICES, page.locale.language_code
        )
        self.fields["biography"].help_text = richtext.markup_help()
        self.links = LinkFormSet(
            self.data if self.is_bound else None,
            prefix="links",
            initial=self.links_from(page),
        )

    @staticmethod
    def initial_from(page):
        return {
            "job_title": page.job_title,
            "organisation": page.organisation,
            "summary": page.summary,
            "biography": richtext.to_form(page.biography),
            "photo_alt": page.photo_alt,
            "areas": [link.area_id for link in page.expertise_links.all()],
            "languages": [link.language for link in page.language_links.all()],
            "accepts_contact": page.accepts_contact,
        }

    @staticmethod
    def links_from(page):
        return [
            {"title": block.value["title"], "url": block.value["url"]}
            for block in page.publications
            if block.block_type == "link"
        ]

    def is_valid(self):
        # Both must run so that every error shows at once.
        form_valid = super().is_valid()
        links_valid = self.links.is_valid()
        return form_valid and links_valid

    def clean(self):
        cleaned_data = super().clean()
        has_photo = bool(cleaned_data.get("photo")) or (
            self.page.photo_id and not cleaned_data.get("remove_photo")
        )
        if has_photo and not (cleaned_data.get("photo_alt") or "").strip():
            self.add_error("photo_alt", _("Describe the photo for people who cannot see it."))
        return cleaned_data

    def apply_to(self, page, user):
        """Copy the cleaned values onto `page` (the expert's latest draft). Unchanged
        parts keep their identity, so their translations are not thrown away."""
        data = self.cleaned_data
        page.job_title = data["job_title"]
        page.organisation = data["organisation"]
        page.summary = data["summary"]
        # An untouched biography is kept byte for byte, whatever its markup.
        typed = (self["biography"].value() or "").replace("\r\n", "\n").strip()
        if typed != richtext.to_form(page.biography).strip():
            page.biography = data["biography"]
        page.accepts_contact = data["accepts_contact"]
        page.photo_alt = data["photo_alt"]
        if data.get("photo"):
            page.photo = self.save_photo(data["photo"], user)
        elif data.get("remove_photo"):
            page.photo = None
        if page.photo is None:
            page.photo_alt = ""

        kept_areas = {link.area_id: link for link in page.expertise_links.all()}
        page.expertise_links = [
            kept_areas.get(area.pk) or ExpertProfileExpertise(area=area) for area in data["areas"]
        ]
        kept_languages = {link.language: link for link in page.language_links.all()}
        page.language_links = [
            kept_languages.get(code) or ExpertProfileLanguage(language=code)
            for code in data["languages"]
        ]
        self.apply_links(page)

    def apply_links(self, page):
        links = [
            {"title": form.cleaned_data["title"], "url": form.cleaned_data["url"]}
            for form in self.links.forms
            if form.cleaned_data.get("title") and not form.cleaned_data.get("DELETE")
        ]
        if links == self.links_from(page):
            return
        old_ids = [block.id for block in page.publications]
        stream_block = ExpertProfilePage._meta.get_field("publications").stream_block
        raw = []
        for position, value in enumerate(links):
            item = {"type": "link", "value": value}
            if position < len(old_ids):
                item["id"] = old_ids[position]
            raw.append(item)
        page.publications = StreamValue(stream_block, raw, is_lazy=True)

    def save_photo(self, upload, user):
        Image = get_image_model()
        image = Image(
            title=self.page.title,
            file=upload,
            collection=Collection.get_first_root_node(),
            uploaded_by_user=user,
        )
        image.save()
        return image


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Do not include names, photos or other details that could identify a child or a family."
        ),
    )
    # A honeypot: hidden from people by CSS, filled in by naive bots.
    # Out of the tab order, so keyboard and screen-reader users never land in it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read at request time, so the setting can change without a restart of the tests.
        message = self.fields["message"]
        message.max_length = settings.PORTAL_CONTACT_MAX_LENGTH
        message.validators.append(MaxLengthValidator(message.max_length))
        message.widget.attrs["maxlength"] = str(message.max_length)

    def _single_line(self, name):
        value = self.cleaned_data[name]
        # Header injection: a line break in a value that ends up in a header is refused.
        if "\n" in value or "\r" in value:
            raise forms.ValidationError(_("Use a single line, without line breaks."))
        return value.strip()

    def clean_name(self):
        return self._single_line("name")

    def clean_subject(self):
        return self._single_line("subject")

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
