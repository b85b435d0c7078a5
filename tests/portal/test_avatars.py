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
