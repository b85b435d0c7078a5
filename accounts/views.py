"""Public account pages for experts: sign-in (throttled), sign-out, password reset
and accepting an invitation. Staff use the Wagtail admin's own sign-in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.models import Group
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from accounts.backends import locked_minutes
from accounts.eligibility import EXPERTS_GROUP, address_problem
from accounts.forms import AcceptInvitationForm
from accounts.models import ExpertInvitation
from expert_profiles.selfservice import set_administrative_fields
from portal import ratelimit


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the answer to a locked sign-in, on the public page and
    in the admin alike. The sign-in page again, with an unbound form (validating it
    would try the password and count again) and the reason, in the visitor's language."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {"form": form, "locked_minutes": locked_minutes()}
    return render(request, "accounts/login.html", context, status=429)


class LogoutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"

    def get_success_url(self):
        return reverse("wagtail_serve", args=[""])


RESET_IP_SCOPE = "reset-ip"
RESET_ADDRESS_SCOPE = "reset-address"
RESET_ACCOUNT_SCOPE = "reset-account"
HOUR = 3600


class RateLimitedPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        """Per account: past the limit the account gets no more e-mails this hour, and
        the visitor sees the same answer as for any address, so nothing tells whether
        an account exists."""
        for user in super().get_users(email):
            sent = ratelimit.hit(RESET_ACCOUNT_SCOPE, user.pk, HOUR)
            if sent <= settings.PORTAL_PASSWORD_RESET_PER_ACCOUNT_PER_HOUR:
                yield user


class PasswordResetView(auth_views.PasswordResetView):
    """Limited per visitor address and per typed e-mail address, counted in the
    shared cache whether or not an account has that address (so a refusal says
    nothing about accounts), and per account, silently (RateLimitedPasswordResetForm)."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    form_class = RateLimitedPasswordResetForm

    def post(self, request, *args, **kwargs):
        ip = ratelimit.client_ip(request)
        address = request.POST.get("email", "").strip().lower()
        if ratelimit.is_limited(
            RESET_IP_SCOPE, ip, settings.PORTAL_PASSWORD_RESET_PER_IP_PER_HOUR
        ) or ratelimit.is_limited(
            RESET_ADDRESS_SCOPE, address, settings.PORTAL_PASSWORD_RESET_PER_ADDRESS_PER_HOUR
        ):
            context = self.get_context_data(too_many_requests=True)
            return self.render_to_response(context, status=429)
        ratelimit.hit(RESET_IP_SCOPE, ip, HOUR)
        ratelimit.hit(RESET_ADDRESS_SCOPE, address, HOUR)
        return super().post(request, *args, **kwargs)


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
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your account is ready. Here is your profile."))
        with translation.override(invitation.language):
            return redirect(reverse("expert_profiles:me"))
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "invitation": invitation, "username": user.get_username()},
    )
