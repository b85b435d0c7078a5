"""A small fixed-window rate limiter on Django's cache (Redis in production, so the
limit holds across app servers; production refuses to start with a per-process
cache, see portal/deployment.py). Used by the contact form and password reset; the
API uses DRF's throttle on the same cache, and sign-in lockouts live in the
database (django-axes)."""

import hashlib

from django.core.cache import cache


def _key(scope, identity):
    # Hash the identity: usernames, IPs and e-mail addresses stay out of cache keys.
    digest = hashlib.sha256(str(identity).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(scope, identity, window, extend=False):
    """Count one event for `identity` in the current window and return the count.
    With `extend`, every event restarts the window: a lockout lasts `window` seconds
    from the last failure."""
    key = _key(scope, identity)
    # add() is atomic and only starts the window when the key is new.
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        value = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): a new window starts.
        cache.set(key, 1, timeout=window)
        return 1
    if extend:
        cache.touch(key, window)
    return value


def count(scope, identity):
    return cache.get(_key(scope, identity), 0)


def is_limited(scope, identity, limit):
    return count(scope, identity) >= limit


def reset(scope, identity):
    cache.delete(_key(scope, identity))


def client_ip(request):
    """The visitor's address. Behind a proxy, set the proxy to overwrite REMOTE_ADDR
    (gunicorn --forwarded-allow-ips); X-Forwarded-For is trivially forged."""
    return request.META.get("REMOTE_ADDR", "")
