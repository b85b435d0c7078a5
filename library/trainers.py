"""The trainers' page: training materials of its locale by topic and by audience
(the newest few of each, with the count and a link to the whole filtered list),
and the editors' picks. A fixed number of queries."""

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from home.sections import public
from library.choices import AUDIENCES, TRAINING_TYPE
from library.models import PublicationAudience, PublicationPage, PublicationTopic
from news.models import Topic

PER_GROUP = 3


def training_materials(page):
    return public(PublicationPage.objects.live()).filter(
        locale_id=page.locale_id, publication_type=TRAINING_TYPE
    )


def _newest_per_group(link_model, group_field, materials):
    """{group value: (count, [page pks, newest first, at most PER_GROUP])}: two queries."""
    links = link_model.objects.filter(page_id__in=materials.values("pk"))
    counts = dict(
        links.order_by()
        .values(group_field)
        .annotate(n=Count("page_id"))
        .values_list(group_field, "n")
    )
    ranked = (
        links.annotate(
            rank=Window(
                RowNumber(),
                partition_by=F(group_field),
                order_by=[F("page__year").desc(), F("page__first_published_at").desc()],
            )
        )
        .filter(rank__lte=PER_GROUP)
        .values_list(group_field, "page_id", "rank")
    )
    newest = {}
    for value, page_id, _rank in sorted(ranked, key=lambda row: (row[0], row[2])):
        newest.setdefault(value, []).append(page_id)
    return {value: (counts.get(value, 0), newest.get(value, [])) for value in counts}


def trainers_context(page):
    materials = training_materials(page)
    by_topic = _newest_per_group(PublicationTopic, "topic__slug", materials)
    by_audience = _newest_per_group(PublicationAudience, "audience", materials)
    keys = page.picks.order_by("sort_order").values_list("publication__translation_key", flat=True)
    order = {key: position for position, key in enumerate(keys)}
    wanted = {pk for _count, pks in [*by_topic.values(), *by_audience.values()] for pk in pks}
    shown = PublicationPage.optimise_for_listing(
        public(PublicationPage.objects.live()).filter(pk__in=wanted)
    )
    pages = {item.pk: item for item in shown}
    # The picks in the reader's language where a translation is live.
    picks = sorted(
        PublicationPage.optimise_for_listing(
            public(PublicationPage.objects.live()).filter(
                translation_key__in=order, locale_id=page.locale_id
            )
        ),
        key=lambda item: order[item.translation_key],
    )
    index = page.get_parent()
    topics = dict(Topic.objects.filter(locale_id=page.locale_id).values_list("slug", "name"))
    return {
        "picks": picks,
        "library_index": index,
        "by_topic": [
            {
                "label": topics[slug],
                "count": count,
                "items": [pages[pk] for pk in pks if pk in pages],
                "query": f"type={TRAINING_TYPE}&topic={slug}",
            }
            for slug, (count, pks) in sorted(by_topic.items(), key=lambda kv: topics.get(kv[0], ""))
            if slug in topics
        ],
        "by_audience": [
            {
                "label": label,
                "count": by_audience[value][0],
                "items": [pages[pk] for pk in by_audience[value][1] if pk in pages],
                "query": f"type={TRAINING_TYPE}&audience={value}",
            }
            for value, label in AUDIENCES
            if value in by_audience
        ],
        "training_count": materials.count(),
        "training_query": f"type={TRAINING_TYPE}",
    }
