from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from events.ical import build_calendar
from events.models import EventIndexPage, EventPage
from portal.views import live_public_page

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
