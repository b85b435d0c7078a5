"""Finding 7: the expert's form keeps the biography's formatting. It used to edit a
plain-text copy, so an expert's change dropped the bold text and links an editor
had added. The textarea now holds limited markup that round-trips exactly through
Wagtail's own rich-text converter."""

import pytest

from expert_profiles.models import ExpertProfilePage
from home.factories import publish
from portal import richtext
from tests.expert_profiles.conftest import profile_post_data

pytestmark = pytest.mark.django_db


def editors_biography(page_link_id):
    """As Draftail stores it: block keys, bold, italic, an external link with an
    escaped query string, an internal page link, a list, a line break and entities."""
    return (
        '<p data-block-key="a1b2c">Works with <b>foster families</b> in '
        '<a href="https://example.org/kharkiv?lang=uk&amp;year=2025">Kharkiv</a> and '
        f'<a linktype="page" id="{page_link_id}">our network</a>.</p>'
        '<ul><li data-block-key="k2d3e">Trauma-informed care</li>'
        '<li data-block-key="f4g5h">Training for <i>social workers</i></li></ul>'
        '<p data-block-key="z9y8x">Since 2009<br/>Tom &amp; Jerry &lt;3</p>'
    )


@pytest.fixture
def formatted_profile(expert_a, home):
    user, profile = expert_a
    profile.biography = editors_biography(home.pk)
    publish(profile)
    return user, ExpertProfilePage.objects.get(pk=profile.pk)


def saved_biography(profile):
    return ExpertProfilePage.objects.get(pk=profile.pk).get_latest_revision_as_object().biography


def test_the_form_shows_the_biography_with_its_formatting(client, formatted_profile):
    user, profile = formatted_profile
    client.force_login(user)
    form = client.get("/uk/experts/me/").context["form"]
    assert form["biography"].value() == richtext.to_form(profile.biography)
    assert "<b>foster families</b>" in form["biography"].value()


def test_changing_one_word_keeps_every_bit_of_formatting(client, formatted_profile, home):
    user, profile = formatted_profile
    client.force_login(user)
    shown = client.get("/uk/experts/me/").context["form"]["biography"].value()
    # As a browser sends a textarea: CRLF line endings.
    edited = shown.replace("Since 2009", "Since 2008").replace("\n", "\r\n")

    response = client.post("/uk/experts/me/", profile_post_data(profile, biography=edited))

    assert response.status_code == 302
    assert saved_biography(profile) == editors_biography(home.pk).replace(
        "Since 2009", "Since 2008"
    )


def test_an_untouched_biography_is_kept_byte_for_byte(client, formatted_profile, home):
    user, profile = formatted_profile
    client.force_login(user)
    shown = client.get("/uk/experts/me/").context["form"]["biography"].value()
    response = client.post(
        "/uk/experts/me/", profile_post_data(profile, biography=shown, job_title="Psychologist")
    )
    assert response.status_code == 302
    assert saved_biography(profile) == editors_biography(home.pk)


def test_a_formatted_biography_typed_by_the_expert_is_stored_as_typed(client, expert_a):
    user, profile = expert_a
    client.force_login(user)
    typed = (
        "I train <b>teachers</b> and <i>police officers</i>.\n"
        'See <a href="https://example.org/report">my report</a>.\n\n'
        "<ul><li>Schools</li><li>Courts</li></ul>"
    )
    response = client.post("/uk/experts/me/", profile_post_data(profile, biography=typed))
    assert response.status_code == 302
    stored = saved_biography(profile)
    expected_without_keys = (
        "<p>I train <b>teachers</b> and <i>police officers</i>.<br/>"
        'See <a href="https://example.org/report">my report</a>.</p>'
        "<ul><li>Schools</li><li>Courts</li></ul>"
    )
    assert richtext_without_keys(stored) == expected_without_keys
    # And what is stored comes back unchanged through the form.
    shown = client.get("/uk/experts/me/").context["form"]["biography"].value()
    assert (
        client.post("/uk/experts/me/", profile_post_data(profile, biography=shown)).status_code
        == 302
    )
    assert saved_biography(profile) == stored


@pytest.mark.parametrize(
    "typed, stored_without_keys",
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ('<a href="javascript:alert(1)">x</a>', "<p><a>x</a></p>"),
        ('<b onclick="steal()">x</b>', "<p><b>x</b></p>"),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
        ("a < b & c", "<p>a &lt; b &amp; c</p>"),
        ('<p style="color:red">x</p>', "<p>x</p>"),
    ],
)
def test_markup_outside_the_features_never_reaches_the_page(
    client, expert_a, typed, stored_without_keys
):
    user, profile = expert_a
    client.force_login(user)
    response = client.post("/uk/experts/me/", profile_post_data(profile, biography=typed))
    assert response.status_code == 302
    assert richtext_without_keys(saved_biography(profile)) == stored_without_keys


@pytest.mark.parametrize(
    "typed",
    [
        '<a linktype="page">x</a>',
        '<a linktype="page" id="x">y</a>',
        '<a linktype="page" id="99999999999">y</a>',
    ],
)
def test_a_broken_internal_link_is_a_form_error(client, expert_a, typed):
    user, profile = expert_a
    client.force_login(user)
    before = saved_biography(profile)
    response = client.post("/uk/experts/me/", profile_post_data(profile, biography=typed))
    assert response.status_code == 400
    assert response.context["form"].errors["biography"]
    assert saved_biography(profile) == before


def richtext_without_keys(html):
    import re

    return re.sub(r' data-block-key="[^"]*"', "", html)
