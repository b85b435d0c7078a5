import factory
from django.utils import timezone

from expert_profiles.models import (
    ExpertDirectoryPage,
    ExpertiseArea,
    ExpertProfileExpertise,
    ExpertProfileLanguage,
    ExpertProfilePage,
)
from home.factories import ItemPageFactory


class ExpertiseAreaFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Expertise {n}")
    slug = factory.Sequence(lambda n: f"expertise-{n}")

    class Meta:
        model = ExpertiseArea


class ExpertDirectoryPageFactory(ItemPageFactory):
    title = "Experts"
    slug = "experts"

    class Meta:
        model = ExpertDirectoryPage
        skip_postgeneration_save = True


class ExpertProfilePageFactory(ItemPageFactory):
    title = factory.Sequence(lambda n: f"Expert Person {n}")
    summary = "Child protection specialist."
    job_title = "Psychologist"
    organisation = "Centre for Child Rights"
    biography = "<p>Twenty years with children and families.</p>"
    email = factory.Sequence(lambda n: f"expert{n}@example.org")
    last_confirmed = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = ExpertProfilePage
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.expertise_links = [ExpertProfileExpertise(area=area) for area in extracted]
            obj.save()

    @factory.post_generation
    def languages(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.language_links = [ExpertProfileLanguage(language=code) for code in extracted]
            obj.save()
