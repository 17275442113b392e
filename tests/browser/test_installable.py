"""What makes the app installable, and what works before (or without) any script."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, log_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_manifest_has_what_an_install_needs(phone):
    phone.goto("/login/")
    href = phone.locator("link[rel=manifest]").get_attribute("href")
    manifest = phone.request.get(href)
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    body = manifest.json()

    assert body["name"] and body["short_name"]
    assert body["display"] == "standalone"
    assert body["start_url"].startswith("/")
    assert body["theme_color"].startswith("#") and body["background_color"].startswith("#")
    icons = {(icon["sizes"], icon.get("purpose", "any")): icon["src"] for icon in body["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= set(icons)
    for (sizes, _), src in icons.items():
        image = phone.request.get(src)
        assert image.ok and image.headers["content-type"] == "image/png"
        width = int.from_bytes(image.body()[16:20], "big")  # the PNG header's width
        assert f"{width}x{width}" == sizes


def test_the_service_worker_takes_control_of_the_page(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/today/")
    phone.wait_for_function("() => navigator.serviceWorker.controller !== null")
    scope = phone.evaluate("async () => (await navigator.serviceWorker.getRegistration()).scope")
    assert scope == f"{phone.site}/"


def test_a_visited_page_opens_offline_and_an_unvisited_one_shows_the_offline_page(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/today/")
    phone.wait_for_function("() => navigator.serviceWorker.controller !== null")
    phone.reload()
    phone.context.set_offline(True)

    phone.reload()
    expect(phone.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    phone.goto("/never-visited/")
    expect(phone.get_by_role("heading", name="You are offline")).to_be_visible()


@pytest.mark.parametrize("path", ["/login/", "/signup/", "/today/"])
def test_pages_render_their_content_with_javascript_off(browser, site, alice, path):
    context = browser.new_context(viewport=PHONE, base_url=site, java_script_enabled=False)
    page = context.new_page()
    page.site = site
    if path == "/today/":
        log_in_as(page, alice)
    page.goto(path)
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main form").first).to_be_visible()
    context.close()


def test_logging_from_today_works_without_javascript(browser, site, alice):
    context = browser.new_context(viewport=PHONE, base_url=site, java_script_enabled=False)
    page = context.new_page()
    page.site = site
    log_in_as(page, alice)
    page.goto("/today/")
    page.get_by_role("button", name="I did Desk break").click()
    expect(page.locator("#logged-today li").filter(has_text="Desk break")).to_have_count(1)
    assert alice.logs.count() == 1
    context.close()
