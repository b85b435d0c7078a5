"""Public account pages for experts: sign-in (throttled), sign-out, password reset
and accepting an invitation. Staff use the Wagtail admin's own sign-in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import Group
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from accounts.backends import is_locked
from accounts.eligibility import EXPERTS_GROUP, address_problem
from accounts.forms import AcceptInvitationForm
from accounts.models import ExpertInvitation
from expert_profiles.selfservice import set_administrative_fields


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if is_locked(request.POST.get("username"), request):
            # An unbound form: validating it would try the password and count again.
            form = self.get_form_class()(
                request, initial={"username": request.POST.get("username")}
            )
            minutes = max(1, settings.PORTAL_LOGIN_LOCKOUT_SECONDS // 60)
            context = self.get_context_data(form=form, locked_minutes=minutes)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        # The failure just counted may have been the one that locks the account.
        if is_locked(self.request.POST.get("username"), self.request):
            minutes = max(1, settings.PORTAL_LOGIN_LOCKOUT_SECONDS // 60)
            response.context_data["locked_minutes"] = minutes
            response.status_code = 429
        return response


class LogoutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"

    def get_success_url(self):
        return reverse("wagtail_serve", args=[""])


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _invitation_problem(invitation):
    """A clear reason why an invitation link cannot be used, or None."""
    if invitation is None:
        return _(
            "This invitation link is not valid. Check that you copied the whole link, or ask "
            "your country team for a new invitation."
        )
    if invitation.is_used:
        return _(
            "This invitation has already been used. Sign in with the password you chose, or "
            "reset your password if you have forgotten it."
        )
    if invitation.is_revoked:
        return _("This invitation was withdrawn. Ask your country team for a new one.")
    if invitation.is_expired:
        return _("This invitation has expired. Ask your country team to send it again.")
    return None


def _user_for(invitation):
    User = get_user_model()
    user = User.objects.filter(email__iexact=invitation.email).order_by("pk").first()
    if user is not None:
        return user
    username = invitation.email.lower()[:150]
    if User.objects.filter(username=username).exists():
        username = f"{username[:140]}-{invitation.pk}"
    return User(username=username, email=invitation.email)


@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
@csrf_protect
def accept_invitation(request, token):
    invitation = ExpertInvitation.objects.select_related("profile").by_token(token)
    problem = _invitation_problem(invitation)
    if problem:
        status = 404 if invitation is None else 410
        return render(
            request, "accounts/invitation_invalid.html", {"problem": problem}, status=status
        )
    # An account with any rights is never turned into an expert's account by an
    # e-mailed link, whoever sent the invitation.
    problem = address_problem(invitation.email)
    if problem:
        return render(request, "accounts/invitation_invalid.html", {"problem": problem}, status=409)
    user = _user_for(invitation)

    form = AcceptInvitationForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # Lock the row: two clicks on the same link cannot both succeed.
            invitation = ExpertInvitation.objects.select_for_update().get(pk=invitation.pk)
            problem = _invitation_problem(invitation)
            if problem:
                return render(
                    request, "accounts/invitation_invalid.html", {"problem": problem}, status=410
                )
            # Again at the moment of binding: the account may have been given rights
            # since the form was shown.
            problem = address_problem(invitation.email)
            if problem:
                return render(
                    request, "accounts/invitation_invalid.html", {"problem": problem}, status=409
                )
            user.set_password(form.cleaned_data["new_password1"])
            user.is_active = True
            user.save()
            group, _created = Group.objects.get_or_create(name=EXPERTS_GROUP)
            user.groups.add(group)
            set_administrative_fields(invitation.profile, user=user)
            invitation.used_at = timezone.now()
            invitation.save(update_fields=["used_at"])
        login(request, user, backend="accounts.backends.ThrottledModelBackend")
        messages.success(request, _("Welcome! Your account is ready. Here is your profile."))
        with translation.override(invitation.language):
            return redirect(reverse("expert_profiles:me"))
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "invitation": invitation, "username": user.get_username()},
    )
