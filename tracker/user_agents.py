"""Pure: a short, human name for the device behind a User-Agent header."""

import re

from django.utils.translation import gettext, gettext_noop

# Order matters: Edge, Opera and Samsung Internet also say "Chrome", Chrome
# also says "Safari", and iOS browsers other than Safari name themselves first.
_BROWSERS = (
    ("Edge", re.compile(r"\bEdg(e|A|iOS)?/")),
    ("Opera", re.compile(r"\bOPR/|\bOpera\b")),
    ("Samsung Internet", re.compile(r"\bSamsungBrowser/")),
    ("Firefox", re.compile(r"\bFirefox/|\bFxiOS/")),
    ("Chrome", re.compile(r"Chrome/|\bCriOS/|\bChromium/")),  # HeadlessChrome/ too
    ("Safari", re.compile(r"\bSafari/")),
)
_SYSTEMS = (
    ("iPad", re.compile(r"\biPad\b")),
    ("iPhone", re.compile(r"\biPhone\b|\biPod\b")),
    ("Android", re.compile(r"\bAndroid\b")),
    ("ChromeOS", re.compile(r"\bCrOS\b")),
    ("Windows", re.compile(r"\bWindows\b")),
    ("macOS", re.compile(r"\bMac OS X\b|\bMacintosh\b")),
    ("Linux", re.compile(r"\bLinux\b")),
)
# Programs that are not browsers name themselves first: "curl/8.5", "python-requests/2.32".
_PROGRAM = re.compile(r"^([A-Za-z][A-Za-z0-9._-]{0,30})/\d")
UNKNOWN_DEVICE = gettext_noop("Unknown device")


def device_name(user_agent: str) -> str:
    """Return a short name such as "Chrome on Android" for a User-Agent header.

    Browsers are named with their system ("Firefox on Windows", "Safari on
    iPhone"); a program that is not a browser by its own first word ("curl");
    an empty or unrecognised header as "Unknown device". Never longer than
    about 40 characters, whatever the header holds.
    """
    user_agent = user_agent.strip()
    browser = next((name for name, pattern in _BROWSERS if pattern.search(user_agent)), None)
    system = next((name for name, pattern in _SYSTEMS if pattern.search(user_agent)), None)
    if browser and system:
        # Translators: "Chrome on Android"; browser and system names stay as they are.
        return gettext("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    if browser:
        return browser
    if user_agent.startswith("Mozilla/") and system:
        return gettext("Browser on %(system)s") % {"system": system}
    program = _PROGRAM.match(user_agent)
    if program and not user_agent.startswith("Mozilla/"):
        return program.group(1)
    return gettext(UNKNOWN_DEVICE)
