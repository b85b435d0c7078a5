"""Demo events for load_demo_data (home.demo.builder drives it through the registry).
Webinars also get participants in several languages; a past one gets a recording,
captions, slides and attendance certificates."""

import datetime
import io
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from events.factories import EventPageFactory
from events.models import (
    Certificate,
    EventFormat,
    EventPage,
    EventSchedule,
    Registration,
    RegistrationStatus,
)
from governance.roles import english_name
from home.demo.builder import SectionDemo, local_moment
from home.factories import paragraphs


class EventsDemo(SectionDemo):
    translated_fields = ("title", "summary", "description")

    def build_item(self, builder, index, item, position, country, editor):
        existing = EventPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if existing:
            return existing
        start = local_moment(item["days_from_now"], item["start_time"], ZoneInfo(country.time_zone))
        end = start + datetime.timedelta(minutes=item["duration_minutes"])
        deadline = None
        if item.get("registration_url") and item.get("registration_days_before") is not None:
            deadline = start - datetime.timedelta(days=item["registration_days_before"])
        webinar = item.get("webinar") or {}
        online = item["format"] != "in_person"
        page = EventPageFactory(
            parent=index,
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            body=paragraphs(*item["description"]),
            start=start,
            end=end,
            time_zone=country.time_zone,
            event_format=item["format"],
            venue=item["venue"],
            city=item["city"],
            join_url=item["join_url"],
            organiser=item["organiser"],
            event_language=item["event_language"],
            registration_url=item["registration_url"],
            registration_deadline=deadline,
            # An online event without an external registration takes registrations
            # here: its joining link is never public.
            registration_enabled=online and (bool(webinar) or not item["registration_url"]),
            capacity=webinar.get("capacity"),
            recording_url=webinar.get("recording_url", ""),
            owner=editor,
        )
        if webinar:
            self.add_materials(page, webinar, country)
        page = builder.publish_backdated(page, editor, max(1, -item["days_from_now"] + 20))
        if webinar:
            self.add_participants(page, webinar)
        return page

    def document(self, title, filename, country):
        Document = get_document_model()
        existing = Document.objects.filter(title=title).first()
        if existing:
            return existing
        collection = (
            Collection.objects.filter(name=english_name(country)).first()
            or Collection.get_first_root_node()
        )
        if filename.endswith(".pdf"):
            content = self.slides_pdf(title)
        else:
            content = (
                f"{title}\n\n00:00:05 Вітаємо на вебінарі ChildHub.\n"
                "00:00:12 Сьогодні говоримо про безпеку дітей в інтернеті.\n"
            ).encode()
        document = Document(title=title, collection=collection)
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
        return document

    @staticmethod
    def slides_pdf(title):
        """A one-page stand-in for the presenter's slides. Transliterated into
        reportlab's built-in font, so the demo needs no system fonts."""
        from anyascii import anyascii
        from reportlab.pdfgen import canvas

        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer)
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(72, 760, anyascii(title))
        pdf.showPage()
        pdf.save()
        return buffer.getvalue()

    def add_materials(self, page, webinar, country):
        if webinar.get("transcript"):
            page.transcript = self.document(*webinar["transcript"], country)
        if webinar.get("slides"):
            page.slides = [
                ("document", self.document(title, filename, country))
                for title, filename in webinar["slides"]
            ]
        page.save()

    def add_participants(self, page, webinar):
        """Registrations in the participants' own languages; for a past webinar,
        attendance and certificates. Written directly: the demo sends no e-mail."""
        EventSchedule.objects.get_or_create(
            event_key=page.translation_key,
            defaults={"start": page.start, "end": page.end, "cancelled": page.cancelled},
        )
        now = timezone.now()
        for position, participant in enumerate(webinar.get("participants", [])):
            name, email, language, status, profession, *minutes = participant
            if Registration.objects.filter(event_key=page.translation_key, email=email).exists():
                continue
            moment = min(now, page.start) - datetime.timedelta(days=5, minutes=-position)
            confirmed = status != RegistrationStatus.PENDING
            registration = Registration(
                event_key=page.translation_key,
                page=page,
                language=language,
                name=name,
                email=email,
                organisation="",
                profession=profession,
                country="ukraine",
                consent_text=str(page.registration_consent or "demo"),
                status=status,
                created_at=moment,
                confirmed_at=moment if confirmed else None,
                place_since=moment if status == RegistrationStatus.CONFIRMED else None,
                waiting_since=moment if status == RegistrationStatus.WAITING else None,
            )
            if minutes:
                registration.attended = True
                registration.minutes_attended = minutes[0]
            registration.new_tokens()
            registration.save()
            needed = page.duration_minutes * page.certificate_threshold / 100
            if page.is_past and registration.attended and registration.minutes_attended >= needed:
                Certificate.objects.create(
                    registration=registration,
                    event_key=page.translation_key,
                    name=name,
                    event_title=page.title,
                    start=page.start,
                    time_zone=page.time_zone,
                    duration_minutes=page.duration_minutes,
                    organiser=page.organiser,
                    language=language,
                )

    def scale_item(self, scale, locale, country, number):
        """An event for the scale data (home.scale): a third upcoming, the rest past;
        online ones register elsewhere, so no joining link is kept here."""
        place = scale.country(country)
        name = scale.country_name(locale, place)
        start = (scale.now + datetime.timedelta(days=scale.rng.randint(-700, 300))).replace(
            minute=0, second=0, microsecond=0
        )
        kind = scale.rng.choice(EventFormat.values)
        topic = scale.rng.choice(EVENT_KINDS)
        online = kind != EventFormat.IN_PERSON
        return EventPage(
            title=f"{topic} — {name} ({number})",
            slug=scale.slug(f"{topic} {name}"),
            locale=locale,
            summary=f"{topic}, {name}: child protection event {number}.",
            body=paragraphs(f"{topic}. {name}.", "For people who work with children."),
            start=start,
            end=start + datetime.timedelta(hours=scale.rng.choice([2, 3, 8])),
            time_zone=place.time_zone,
            event_format=kind,
            venue="" if kind == EventFormat.ONLINE else "Community centre",
            city="" if kind == EventFormat.ONLINE else name,
            organiser="Child Rights Centre",
            event_language=locale.language_code,
            registration_url="https://example.org/register" if online else "",
            lead_image=scale.image(),
        )


EVENT_KINDS = ["Training day", "Conference", "Webinar", "Round table", "Workshop"]
