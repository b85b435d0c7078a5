"""Admin screens for expert invitations: list, invite, resend, revoke. A user sees
and acts on invitations only for profiles they can edit, so a country editor
never reaches another country's experts."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.eligibility import address_problem
from accounts.emails import send_invitation
from accounts.models import ExpertInvitation
from expert_profiles.models import ExpertProfilePage
from portal.languages import LANGUAGES


def editable_profiles(user):
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return ExpertProfilePage.objects.filter(pk__in=pages.values("pk"))


def can_invite_for(user, profile):
    return profile.permissions_for_user(user).can_edit()


def visible_invitations(user):
    queryset = ExpertInvitation.objects.select_related("profile__locale", "created_by")
    if user.is_superuser:
        return queryset
    return queryset.filter(profile__in=editable_profiles(user).values("pk"))


class ProfileChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.get_country_display()}, {obj.locale.language_code})"


class InvitationForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Expert's e-mail"))
    profile = ProfileChoiceField(
        label=gettext_lazy("Profile"), queryset=ExpertProfilePage.objects.none()
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the e-mail"),
        choices=LANGUAGES,
        help_text=gettext_lazy("The expert's own language."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = (
            editable_profiles(user).select_related("locale").order_by("title")
        )

    def clean_email(self):
        email = self.cleaned_data["email"]
        problem = address_problem(email)
        if problem:
            raise forms.ValidationError(problem)
        return email

    def clean(self):
        cleaned_data = super().clean()
        profile = cleaned_data.get("profile")
        if profile is not None and profile.user_id:
            self.add_error("profile", _("This profile already belongs to an expert's account."))
        return cleaned_data


def _require(user, codename):
    if not user.has_perm(f"accounts.{codename}"):
        raise PermissionDenied


def index(request):
    if not any(
        request.user.has_perm(f"accounts.{c}")
        for c in ("view_expertinvitation", "add_expertinvitation", "change_expertinvitation")
    ):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "accounts/admin/index.html",
        {
            "invitations": visible_invitations(request.user)[:200],
            "can_add": request.user.has_perm("accounts.add_expertinvitation"),
            "can_change": request.user.has_perm("accounts.change_expertinvitation"),
        },
    )


def create(request):
    _require(request.user, "add_expertinvitation")
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        profile = form.cleaned_data["profile"]
        # The choices are already limited; check again against the page itself.
        if not can_invite_for(request.user, profile):
            raise PermissionDenied
        invitation = ExpertInvitation(
            email=form.cleaned_data["email"],
            profile=profile,
            language=form.cleaned_data["language"],
            created_by=request.user,
        )
        raw_token = invitation.new_token()
        with transaction.atomic():
            invitation.sent_at = timezone.now()
            invitation.save()
            send_invitation(invitation, raw_token)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        return redirect("expert_invitations:index")
    return TemplateResponse(request, "accounts/admin/create.html", {"form": form})


def _invitation_for_change(request, pk):
    _require(request.user, "change_expertinvitation")
    invitation = get_object_or_404(visible_invitations(request.user), pk=pk)
    if not can_invite_for(request.user, invitation.profile):
        raise Http404
    return invitation


@require_POST
def resend(request, pk):
    invitation = _invitation_for_change(request, pk)
    if invitation.is_used or invitation.is_revoked:
        messages.error(request, _("An accepted or revoked invitation cannot be resent."))
        return redirect("expert_invitations:index")
    problem = address_problem(invitation.email)
    if problem:
        messages.error(request, problem)
        return redirect("expert_invitations:index")
    # A new link replaces the old one, which stops working.
    raw_token = invitation.new_token()
    with transaction.atomic():
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["token_hash", "expires_at", "sent_at"])
        send_invitation(invitation, raw_token)
    messages.success(
        request, _("Invitation sent again to %(email)s.") % {"email": invitation.email}
    )
    return redirect("expert_invitations:index")


@require_POST
def revoke(request, pk):
    invitation = _invitation_for_change(request, pk)
    if not invitation.is_used and not invitation.is_revoked:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        messages.success(request, _("Invitation revoked: its link no longer works."))
    return redirect("expert_invitations:index")
