from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from events.ical import build_calendar
from events.models import EventIndexPage, EventPage

# A calendar subscription refetches the whole feed; keep it bounded.
CALENDAR_MAX_EVENTS = 200


def _live_public_page(request, path):
    """The page at `path` in the current language, routed as Wagtail serves it."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in path.split("/") if component]
    page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    if not Page.objects.filter(pk=page.pk).live().public().exists():
        raise Http404
    return page


def _calendar_response(content, filename=None):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, path):
    page = _live_public_page(request, path)
    if not isinstance(page, EventPage):
        raise Http404
    return _calendar_response(
        build_calendar([page], request, page.title), filename=f"{page.slug}.ics"
    )


def events_feed_ics(request, path):
    index_page = _live_public_page(request, path)
    if not isinstance(index_page, EventIndexPage):
        raise Http404
    form = index_page.get_filter_form(request)
    queryset = form.filter_queryset(index_page.get_base_queryset())
    queryset = index_page.order_queryset(queryset, form.active_filters())
    events = queryset.select_related("locale")[:CALENDAR_MAX_EVENTS]
    name = _("%(title)s · ChildHub") % {"title": index_page.title}
    return _calendar_response(build_calendar(events, request, name))
