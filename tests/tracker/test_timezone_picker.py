"""The time-zone picker offers canonical zones only, common ones first, with names to search by."""

import pytest
from django.utils import translation

from tracker.timezones import timezone_names
from tracker.web.timezone_picker import COMMON_ZONES, zone_choices

NOT_OFFERED = ["Factory", "localtime", "EST5EDT", "US/Eastern", "Asia/Calcutta", "Etc/GMT+5", "GB"]


def test_only_canonical_zones_the_server_accepts_are_offered():
    names = [zone.name for zone in zone_choices()]

    assert len(names) == len(set(names))
    assert set(names) <= timezone_names()
    assert not set(names) & set(NOT_OFFERED)
    # About 420 of the tz database's 600 names.
    assert 350 < len(names) < 500


def test_common_zones_come_first_then_the_rest_by_name():
    choices = zone_choices()
    common = [zone.name for zone in choices if zone.common]

    assert [zone.name for zone in choices[: len(common)]] == common == list(COMMON_ZONES)
    rest = [zone.name for zone in choices[len(common) :]]
    assert rest == sorted(rest)


def test_each_zone_can_be_found_by_its_country():
    labels = {zone.name: zone.label for zone in zone_choices()}

    assert labels["Europe/Berlin"].startswith("Germany")
    assert labels["Asia/Tokyo"] == "Japan"
    assert labels["America/Chicago"].startswith("United States (Central")
    assert labels["UTC"] == "Coordinated Universal Time"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/signup/", "/account/"])
def test_the_pages_list_the_offered_zones_and_not_the_others(client, alice, path):
    if path == "/account/":
        client.force_login(alice)

    page = client.get(path).content.decode()

    assert '<datalist id="timezone-options">' in page
    assert 'list="timezone-options"' in page
    assert '<option value="Europe/Berlin">Germany' in page
    for name in NOT_OFFERED:
        assert f'value="{name}"' not in page
    assert page.index('value="America/New_York"') < page.index('value="Africa/Abidjan"')


@pytest.mark.parametrize(
    ("language", "germany", "united_states"),
    [("de", "Deutschland", "Vereinigte Staaten"), ("pl", "Niemcy", "Stany Zjednoczone")],
)
def test_the_countries_are_named_in_the_active_language_without_the_english_notes(
    language, germany, united_states
):
    with translation.override(language):
        labels = {zone.name: zone.label for zone in zone_choices()}

    assert labels["Europe/Berlin"] == germany
    assert labels["America/Chicago"] == united_states  # tz's "Central (most areas)" is English
    assert labels["UTC"] != "Coordinated Universal Time"


@pytest.mark.django_db
def test_a_polish_sign_up_page_suggests_zones_by_their_polish_country_names(client):
    page = client.get("/signup/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()

    assert '<option value="Europe/Berlin">Niemcy</option>' in page
