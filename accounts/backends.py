from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from portal import ratelimit

LOGIN_SCOPE = "login-failures"


def login_identity(username, request):
    ip = ratelimit.client_ip(request) if request is not None else ""
    return f"{(username or '').strip().lower()}|{ip}"


def is_locked(username, request):
    return ratelimit.is_limited(
        LOGIN_SCOPE, login_identity(username, request), settings.PORTAL_LOGIN_MAX_FAILURES
    )


class ThrottledModelBackend(ModelBackend):
    """Refuses every sign-in attempt, even with the right password, for a username
    and address that failed too often, so guessing cannot continue. It guards the
    public sign-in page and the Wagtail admin's alike."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self.user_model_field_name())
        if is_locked(username, request):
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            ratelimit.reset(LOGIN_SCOPE, login_identity(username, request))
        return user

    @staticmethod
    def user_model_field_name():
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD


@receiver(user_login_failed)
def count_login_failure(sender, credentials, request=None, **kwargs):
    ratelimit.hit(
        LOGIN_SCOPE,
        login_identity(credentials.get("username"), request),
        settings.PORTAL_LOGIN_LOCKOUT_SECONDS,
        extend=True,
    )
