"""Experts without a photo get initials in one of twelve colours, the same colour for
the same name every time, different colours across a directory."""

from home.templatetags.portal_tags import AVATAR_COLOURS, avatar_colour, initials


def test_initials_in_any_script():
    assert initials("Ярина Савчук") == "ЯС"
    assert initials("Dženan Pašić") == "DP"
    assert initials("Ελένη Παπαδοπούλου") == "ΕΠ"
    assert initials("Jean-Pierre Martin") == "JM"
    assert initials("Madonna") == "M"
    assert initials("") == "?"


def test_a_person_keeps_their_colour_in_every_language():
    class Profile:
        def __init__(self, title):
            self.title = title
            self.translation_key = "0b8a4c1e-5d0f-4a8e-9d51-3f2a1c7e9b20"

    assert avatar_colour(Profile("Ярина Савчук")) == avatar_colour(Profile("Yaryna Savchuk"))


def test_colour_is_stable_and_spreads_over_the_palette():
    assert avatar_colour("Ярина Савчук") == avatar_colour("Ярина Савчук")
    names = [
        "Ярина Савчук",
        "Богдан Марчук",
        "Десислава Илиева",
        "Amra Mehmedović",
        "Dženan Pašić",
        "Ivana Perković",
        "Tomislav Lovrić",
        "Réka Szalai",
        "Norbert Oláh",
        "Blerina Krasniqi",
        "Driton Berisha",
        "Doina Ciobanu",
        "Victor Munteanu",
        "Andreea Mocanu",
        "Cristian Lungu",
        "Milena Radosavljević",
        "Nenad Đorđević",
        "Elira Dervishi",
        "Arben Gjoka",
        "Svetoslav Minchev",
    ]
    colours = {avatar_colour(name) for name in names}
    assert len(colours) >= 8
    assert colours <= {f"avatar-c{i}" for i in range(AVATAR_COLOURS)}
