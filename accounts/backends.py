"""Sign-in lockouts through django-axes. The failures are counted in the database
(axes' AccessAttempt table), so a lockout holds on every gunicorn worker and every
app server: PORTAL_LOGIN_MAX_FAILURES failures for one username from one address
lock it for PORTAL_LOGIN_LOCKOUT_SECONDS after the last failure, on the public
sign-in page and the Wagtail admin's alike. The settings are read at request time."""

import datetime

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LockoutBackend(AxesStandaloneBackend):
    """axes' lockout check, first in AUTHENTICATION_BACKENDS. Every sign-in form
    passes the request; a call without one (a management command, the test client's
    login()) has no address to count, so it is left to the next backend instead of
    raising AxesBackendRequestParameterRequired."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def failure_limit(request, credentials):
    """AXES_FAILURE_LIMIT."""
    return settings.PORTAL_LOGIN_MAX_FAILURES


def cool_off(request):
    """AXES_COOLOFF_TIME."""
    return datetime.timedelta(seconds=settings.PORTAL_LOGIN_LOCKOUT_SECONDS)


def username_of(request, credentials):
    """AXES_USERNAME_CALLABLE: "Expert.A " and "expert.a" count as one username."""
    if credentials:
        username = credentials.get("username")
    else:
        username = request.POST.get("username") if request is not None else None
    return (username or "").strip().lower()


def locked_minutes():
    return max(1, settings.PORTAL_LOGIN_LOCKOUT_SECONDS // 60)
