import datetime

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events import participation
from events.certificates import certificate_pdf
from events.forms import DEFAULT_CONSENT, RegistrationForm
from events.ical import build_calendar
from events.models import Certificate, EventIndexPage, EventPage, Registration, RegistrationStatus
from events.models.participants import normalise_code
from portal import ratelimit
from portal.languages import LANGUAGES
from portal.views import live_public_page

REGISTER_IP_SCOPE = "webinar-register-ip"
REGISTER_ADDRESS_SCOPE = "webinar-register-address"

# A calendar subscription refetches the whole feed; keep it bounded.
CALENDAR_MAX_EVENTS = 200


def _calendar_response(content, filename=None):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, path):
    page = live_public_page(request, path)
    if not isinstance(page, EventPage):
        raise Http404
    return _calendar_response(
        build_calendar([page], request, page.title), filename=f"{page.slug}.ics"
    )


def events_feed_ics(request, path):
    index_page = live_public_page(request, path)
    if not isinstance(index_page, EventIndexPage):
        raise Http404
    form = index_page.get_filter_form(request)
    queryset = form.filter_queryset(index_page.get_base_queryset())
    queryset = index_page.order_queryset(queryset, form.active_filters())
    events = queryset.select_related("locale")[:CALENDAR_MAX_EVENTS]
    name = _("%(title)s · ChildHub") % {"title": index_page.title}
    return _calendar_response(build_calendar(events, request, name))


# Webinar registration and the participant's personal pages -----------------------------
# Pages that carry a form or a personal token are never cached and tell browsers not
# to send their address on (the token is in it) when a participant follows a link.
def _private(response):
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _render(request, template, context, status=200):
    context.setdefault("no_alternates", True)
    return _private(TemplateResponse(request, template, context, status=status))


def register(request, page):
    """<event url>register/: the form (GET) and the registration (POST)."""
    if not page.is_webinar:
        raise Http404
    consent_text = page.registration_consent or DEFAULT_CONSENT
    context = {"page": page, "self": page, "closed": not page.registration_open}
    if context["closed"]:
        return _render(
            request, "events/register.html", context, 200 if request.method == "GET" else 403
        )
    if request.method != "POST":
        context["form"] = RegistrationForm(consent_text=consent_text)
        return _render(request, "events/register.html", context)

    form = RegistrationForm(request.POST, consent_text=consent_text)
    context["form"] = form
    ip = ratelimit.client_ip(request)
    if ratelimit.is_limited(REGISTER_IP_SCOPE, ip, settings.PORTAL_REGISTRATION_PER_IP_PER_HOUR):
        context["limited"] = True
        return _render(request, "events/register.html", context, 429)
    ratelimit.hit(REGISTER_IP_SCOPE, ip, 3600)
    if not form.is_valid():
        return _render(request, "events/register.html", context, 400)
    if not form.is_spam:
        address = f"{page.translation_key}:{form.cleaned_data['email'].lower()}"
        # Repeated registrations of one address are answered like any other, but its
        # inbox is not flooded: past the limit, nothing more is sent for an hour.
        if not ratelimit.is_limited(
            REGISTER_ADDRESS_SCOPE, address, settings.PORTAL_REGISTRATION_PER_ADDRESS_PER_HOUR
        ):
            ratelimit.hit(REGISTER_ADDRESS_SCOPE, address, 3600)
            participation.register(page, form.registration_data(), page.locale.language_code)
    # The same answer whether or not the address had registered before, so the page
    # tells a stranger nothing about who takes part; the e-mail tells the owner.
    return redirect(page.url + "register/sent/")


def register_sent(request, page):
    if not page.is_webinar:
        raise Http404
    return _render(request, "events/register_sent.html", {"page": page, "self": page})


def _registration_or_invalid(request, token, lookup):
    registration = lookup(token)
    if registration is None:
        return None, _render(request, "events/participation/invalid.html", {}, 404)
    return registration, None


def confirm(request, token):
    """The single-use link of the first e-mail. GET shows a button, so that a mail
    scanner following the link does not confirm for the owner; POST confirms."""
    registration, invalid = _registration_or_invalid(
        request, token, Registration.objects.by_confirm_token
    )
    if invalid:
        return invalid
    event = registration.event()
    if request.method == "POST":
        registration, outcome = participation.confirm(registration)
        if outcome == participation.Outcome.CLOSED:
            return _render(
                request,
                "events/participation/confirm.html",
                {"registration": registration, "event": event, "closed": True},
                409,
            )
        return redirect(_manage_path(registration, outcome=outcome))
    return _render(
        request,
        "events/participation/confirm.html",
        {
            "registration": registration,
            "event": event,
            "already": registration.status != RegistrationStatus.PENDING,
            "manage_path": _manage_path(registration),
        },
    )


def _manage_path(registration, outcome=None):
    path = reverse("events:manage", args=[registration.manage_token])
    return f"{path}?done={outcome}" if outcome else path


def _join_window(event):
    opens = event.start - datetime.timedelta(minutes=settings.PORTAL_WEBINAR_JOIN_EARLY_MINUTES)
    return opens, event.end


def manage(request, token):
    registration, invalid = _registration_or_invalid(
        request, token, Registration.objects.by_manage_token
    )
    if invalid:
        return invalid
    event = registration.event()
    opens, closes = _join_window(event) if event else (None, None)
    certificate = Certificate.objects.filter(registration=registration).first()
    return _render(
        request,
        "events/participation/manage.html",
        {
            "registration": registration,
            "event": event,
            "token": token,
            "done": request.GET.get("done", ""),
            "join_opens": opens,
            "join_open_now": bool(
                event
                and registration.has_place
                and not event.cancelled
                and opens <= timezone.now() < closes
            ),
            "certificate": certificate,
            "certificate_languages": LANGUAGES,
        },
    )


def join(request, token):
    """The personal joining link: it leads to the meeting room from 30 minutes before
    the start until the end, for a participant with a place, and says why not otherwise."""
    registration, invalid = _registration_or_invalid(
        request, token, Registration.objects.by_manage_token
    )
    if invalid:
        return invalid
    event = registration.event()
    now = timezone.now()
    reason, status = None, 200
    if event is None or event.cancelled:
        reason, status = "cancelled", 410
    elif not registration.has_place:
        reason, status = "no_place", 403
    else:
        opens, closes = _join_window(event)
        if now < opens:
            reason = "too_early"
        elif now >= closes:
            reason, status = "ended", 410
        elif not event.join_url:
            reason = "no_link"
    if reason is None:
        return _private(HttpResponseRedirect(event.join_url))
    opens = _join_window(event)[0] if event else None
    return _render(
        request,
        "events/participation/join.html",
        {
            "registration": registration,
            "event": event,
            "reason": reason,
            "opens": opens,
            "token": token,
        },
        status,
    )


def _confirmed_action(request, token, action):
    registration, invalid = _registration_or_invalid(
        request, token, Registration.objects.by_manage_token
    )
    if invalid:
        return invalid
    event = registration.event()
    if request.method == "POST":
        if action == "cancel":
            registration, outcome = participation.cancel(registration)
            return redirect(_manage_path(registration, outcome=outcome))
        participation.forget(registration)
        return _render(request, "events/participation/deleted.html", {"event": event})
    return _render(
        request,
        "events/participation/action.html",
        {"registration": registration, "event": event, "action": action, "token": token},
    )


def cancel(request, token):
    return _confirmed_action(request, token, "cancel")


def delete(request, token):
    return _confirmed_action(request, token, "delete")


def invitation(request, token):
    """The participant's own calendar invitation, to add again at any time."""
    registration = Registration.objects.by_manage_token(token)
    if registration is None or not registration.has_place:
        raise Http404
    event = registration.event()
    if event is None:
        raise Http404
    from events.emails import _current_sequence, invitation_file

    method = "CANCEL" if event.cancelled else "REQUEST"
    _name, content, _type = invitation_file(
        registration, event, method, _current_sequence(registration)
    )
    response = _calendar_response(content, filename=f"{event.slug}.ics")
    return _private(response)


def certificate_pdf_view(request, token):
    """The participant's certificate, in the language of the URL (/<lang>/…)."""
    registration = Registration.objects.by_manage_token(token)
    certificate = (
        Certificate.objects.filter(registration=registration).first() if registration else None
    )
    if certificate is None:
        raise Http404
    response = HttpResponse(
        certificate_pdf(certificate, get_language()), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{certificate.code}-{get_language()}.pdf"'
    )
    return _private(response)


def certificate_verify(request, code):
    """/<lang>/certificates/<code>/: is this certificate genuine? Only the name and
    the webinar are shown, nothing else about the person."""
    normalised = normalise_code(code)
    certificate = Certificate.objects.filter(code=normalised).first() if normalised else None
    response = TemplateResponse(
        request,
        "events/certificate_verify.html",
        {
            "certificate": certificate,
            "code": code[:20],
            "title": certificate.title_in(get_language()) if certificate else "",
            "no_alternates": True,
        },
        status=200 if certificate else 404,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
