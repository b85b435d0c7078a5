"""The "sh" UI catalogue is really used. Python's gettext used to expand "sh" to
sr_RS@latin and never read locale/sh/, so /sh/ pages showed English."""

import gettext

import pytest


def test_gettext_looks_for_the_sh_catalogue_itself():
    assert gettext._expand_lang("sh")[0] == "sh"


@pytest.mark.django_db
def test_an_sh_page_speaks_bhs(client, home_for):
    html = client.get("/sh/accounts/login/").content.decode()
    assert '<html lang="sh">' in html
    assert "<h1>Prijava</h1>" in html
    # Django's own strings come from the vendored Serbian Latin catalogue.
    response = client.post("/sh/accounts/login/", {"username": "", "password": ""})
    assert "Ovo polje se mora popuniti." in response.content.decode()
