"""What a browser or a crawler asks the site for besides its pages: robots.txt,
the favicon, and each page's description."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders

from tracker.web.pwa import SHELL_STATIC, SITE_DESCRIPTION
from tracker.web.today import suggested_routine

pytestmark = pytest.mark.django_db

META_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')


def test_robots_txt_lets_crawlers_read_the_public_pages_only(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Allow: /login/", "Allow: /signup/", "Disallow: /"} <= set(lines)


def test_favicon_ico_answers_with_the_app_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_pages_name_an_svg_favicon_that_exists_and_is_precached(client):
    body = client.get("/login/").content.decode()

    assert '<link rel="icon" href="/static/tracker/icons/favicon.svg" type="image/svg+xml">' in body
    path = finders.find("tracker/icons/favicon.svg")
    assert path
    root = ET.parse(path).getroot()  # noqa: S314 (our own file) Well-formed, or this raises.
    assert root.get("viewBox") == "0 0 64 64"
    assert "tracker/icons/favicon.svg" in SHELL_STATIC


@pytest.mark.parametrize("path", ["/login/", "/signup/", "/offline/"])
def test_public_pages_carry_a_meta_description(client, path):
    response = client.get(path)

    assert response.status_code == 200
    found = META_DESCRIPTION.findall(response.content.decode())
    assert found == [SITE_DESCRIPTION]
    # Search results show about 155 characters.
    assert 50 < len(SITE_DESCRIPTION) <= 155


def test_the_manifest_describes_the_app_in_the_same_words(client):
    assert client.get("/manifest.webmanifest").json()["description"] == SITE_DESCRIPTION


def test_today_suggests_a_routine_without_repeating_the_word(client, alice, library):
    client.force_login(alice)

    body = client.get("/today/").content.decode()

    name = suggested_routine(alice).name
    assert f"No plan yet. A good one to start with: <strong>{name}</strong>." in body
    # "Try the Daily home routine routine." was the old wording.
    assert "Try the" not in body
    assert "routine routine" not in re.sub(r"<[^>]+>", "", body)
