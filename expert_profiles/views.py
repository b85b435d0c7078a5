"""The expert's self-service pages and the visitors' contact form.

The profile is always found from ``request.user``; no id, slug or path in the
request can point these views at another profile."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.emails import site_root_url
from expert_profiles import selfservice
from expert_profiles.forms import FORBIDDEN_FIELDS, ContactForm, ExpertProfileForm
from portal import ratelimit
from portal.mail import send_templated

CONTACT_IP_SCOPE = "contact-ip"
CONTACT_EXPERT_SCOPE = "contact-expert"
CONTACT_TEMPLATE = "expert_profiles/contact.html"


def _no_profile(request):
    return render(request, "expert_profiles/no_profile.html", status=404)


def _in_profile_language(profile, name):
    """The URL of `name` in the profile's language: an expert edits in their own."""
    with translation.override(profile.locale.language_code):
        return reverse(name)


def _me_context(profile, form):
    draft = profile.get_latest_revision_as_object()
    state = selfservice.profile_state(profile)
    return {
        "profile": profile,
        "draft": draft,
        "form": form,
        "state": state,
        "state_label": selfservice.STATE_LABELS[state],
        "self_publish": getattr(
            selfservice.country_section_of(profile), "experts_self_publish", False
        ),
    }


@login_required
@never_cache
def my_profile(request):
    profile = selfservice.profile_for(request.user, get_language())
    if profile is None:
        return _no_profile(request)
    if profile.locale.language_code != get_language():
        return redirect(_in_profile_language(profile, "expert_profiles:me"))

    if request.method != "POST":
        draft = profile.get_latest_revision_as_object()
        return render(
            request, "expert_profiles/me.html", _me_context(profile, ExpertProfileForm(page=draft))
        )

    draft = profile.get_latest_revision_as_object()
    forged = sorted(FORBIDDEN_FIELDS.intersection(request.POST.keys()))
    form = ExpertProfileForm(request.POST, request.FILES, page=draft)
    if forged:
        # Refuse the whole request: it was not sent by this form.
        form.is_valid()
        form.add_error(
            None,
            _(
                "Nothing was saved: the request tried to change fields that you cannot "
                "change here (%(fields)s). Reload the page and try again."
            )
            % {"fields": ", ".join(forged)},
        )
        return render(request, "expert_profiles/me.html", _me_context(profile, form), status=400)
    if not form.is_valid():
        return render(request, "expert_profiles/me.html", _me_context(profile, form), status=400)

    form.apply_to(draft, request.user)
    _revision, state = selfservice.save_changes(draft, request.user)
    if state == selfservice.LIVE:
        messages.success(request, _("Your changes are published."))
    else:
        messages.success(
            request, _("Your changes are saved and sent to your country team for review.")
        )
    return redirect("expert_profiles:me")


@login_required
@require_POST
def confirm_profile(request):
    profile = selfservice.profile_for(request.user, get_language())
    if profile is None:
        return _no_profile(request)
    selfservice.confirm(profile)
    messages.success(request, _("Thank you: your profile is confirmed as up to date."))
    return redirect(_in_profile_language(profile, "expert_profiles:me"))


def contact_expert(request, page):
    """The contact form of a public profile, on its own page (GET), and its POST. The
    expert's address is only ever handed to the mail server."""
    context = {"page": page, "self": page}

    def respond(form, status, notice=None):
        context.update(contact_form=form, contact_notice=notice)
        response = TemplateResponse(request, CONTACT_TEMPLATE, context, status=status)
        # Personal: what this visitor typed, and a CSRF token.
        patch_cache_control(response, private=True, no_store=True)
        return response

    if not page.accepts_messages:
        return respond(None, 404, _("This expert does not receive messages through the portal."))
    if request.method != "POST":
        return respond(ContactForm(), 200)

    ip = ratelimit.client_ip(request)
    form = ContactForm(request.POST)
    if ratelimit.is_limited(
        CONTACT_IP_SCOPE, ip, settings.PORTAL_CONTACT_PER_IP_PER_HOUR
    ) or ratelimit.is_limited(
        CONTACT_EXPERT_SCOPE, page.translation_key, settings.PORTAL_CONTACT_PER_EXPERT_PER_DAY
    ):
        return respond(
            form,
            429,
            _("Too many messages have been sent. Please try again later."),
        )
    ratelimit.hit(CONTACT_IP_SCOPE, ip, 3600)
    if not form.is_valid():
        return respond(form, 400)
    if not form.is_spam:
        ratelimit.hit(CONTACT_EXPERT_SCOPE, page.translation_key, 86400)
        deliver_contact_message(page, form.cleaned_data)
    return redirect(page.url + "contact/sent/")


def deliver_contact_message(page, data):
    from expert_profiles.models import ContactMessage

    context = {"page": page, "profile_url": site_root_url(page) + page.url, **data}
    send_templated(
        "expert_profiles/email/contact",
        context,
        to=[page.email],
        language=page.locale.language_code,
        reply_to=[data["email"]],
    )
    retention_days = settings.PORTAL_CONTACT_RETENTION_DAYS
    if retention_days > 0:
        ContactMessage.objects.create(
            profile=page,
            sender_name=data["name"],
            sender_email=data["email"],
            subject=data["subject"],
            message=data["message"],
            delete_after=timezone.now() + datetime.timedelta(days=retention_days),
        )
