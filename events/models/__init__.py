"""Event pages, and the webinar records behind them: registrations, the messages
sent to participants, and attendance certificates."""

from events.models.pages import (  # noqa: F401
    EventFilterForm,
    EventFormat,
    EventIndexPage,
    EventPage,
    EventPageForm,
)
from events.models.participants import (  # noqa: F401
    Certificate,
    EventSchedule,
    ParticipantNotice,
    Registration,
    RegistrationStatus,
)
