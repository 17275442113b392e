"""The time-zone picker on sign-up and Account: which zones it offers, in what order.

Offered: the zones of the tz database's zone.tab (one or more per country, with
the country and, where a country has several, the area) and UTC, and of those
only the ones the server accepts (tracker.timezones). That leaves out the links
kept for old names (US/Eastern, Asia/Calcutta), the legacy rule zones
(EST5EDT, Etc/GMT+5) and entries such as "Factory" and "localtime" that a tz
database may hold: about 420 names instead of 600. COMMON_ZONES come first,
then every offered zone by name; the page's script puts the browser's own zone
above them all.

Labels are in the active language: the country's name from CLDR (Babel), and in
English also the tz database's own note on the part of the country ("most of
Germany", "Central (most areas)"), which it writes in English only.
"""

from dataclasses import dataclass
from functools import cache
from importlib import resources

from babel import Locale
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from tracker.timezones import timezone_names

# Where most people using the app live, roughly by population, plus UTC.
COMMON_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Rome",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Africa/Lagos",
    "Africa/Johannesburg",
)


@dataclass(frozen=True)
class ZoneChoice:
    name: str  # the IANA name the form sends, e.g. "Europe/Berlin"
    label: str  # what the person can also search by, e.g. "Germany (most of Germany)"
    common: bool


def _tab_rows(name: str) -> list[list[str]]:
    text = (resources.files("tzdata.zoneinfo") / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def zone_choices() -> tuple[ZoneChoice, ...]:
    """Return the offered zones in the active language: COMMON_ZONES first, then the
    rest by name."""
    return _zone_choices(translation.get_language() or settings.LANGUAGE_CODE)


@cache
def _zone_choices(language: str) -> tuple[ZoneChoice, ...]:
    english = language == "en"
    country_names = Locale.parse(language, sep="-").territories
    countries = {row[0]: country_names.get(row[0], row[1]) for row in _tab_rows("iso3166.tab")}
    with translation.override(language):
        labels = {"UTC": gettext("Coordinated Universal Time")}
    for row in _tab_rows("zone.tab"):
        code, zone = row[0], row[2]
        area = row[3] if len(row) > 3 and english else ""
        country = countries.get(code, code)
        labels.setdefault(zone, f"{country} ({area})" if area else country)
    accepted = timezone_names()
    offered = {zone: label for zone, label in labels.items() if zone in accepted}
    common = [z for z in COMMON_ZONES if z in offered]
    rest = sorted(zone for zone in offered if zone not in COMMON_ZONES)
    return tuple(ZoneChoice(z, offered[z], z in COMMON_ZONES) for z in [*common, *rest])
