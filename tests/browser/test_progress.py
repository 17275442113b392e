"""Progress in a real browser at 360x640: the chart, its table, the calendar, ranges."""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in_as, tap_targets_too_small
from tests.tracker.test_pages_progress import local_today, seed_days
from tracker.days import window_for
from tracker.selectors import progress_summary

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("SCREENSHOT_DIR")


def _summary(user, days: int):
    today = local_today(user)
    start, end = window_for(days=days, today=today)
    return progress_summary(user=user, start=start, end=end, today=today)


def test_the_chart_draws_on_a_phone_with_a_label_summing_up_the_trend(phone, alice):
    seed_days(alice)
    log_in_as(phone, alice)
    phone.goto("/progress/")

    canvas = phone.locator("#progress-chart canvas")
    expect(canvas).to_have_count(2)  # pain above, sessions below
    for panel in canvas.all():
        box = panel.bounding_box()
        assert box["width"] > 200 and box["height"] > 100
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360  # fits the phone's width
    # Daily means fall from 6 by one point every six days; the first seven rated
    # days average 5.7, the last seven 2.4.
    label = phone.locator("#progress-chart .chart-pain").get_attribute("aria-label")
    assert label.startswith("Pain fell from a mean of 5.7 to 2.4 over 30 days")
    sessions = phone.locator("#progress-chart .chart-sessions").get_attribute("aria-label")
    assert "of 20 sessions" not in sessions  # no plan: the sessions are counted, not planned
    assert sessions == "20 sessions logged."
    expect(phone.locator(".chart-legend li")).to_have_count(4)
    assert phone.errors == []


def test_the_table_shows_the_selectors_numbers(phone, alice):
    seed_days(alice)
    log_in_as(phone, alice)
    phone.goto("/progress/")
    phone.get_by_text("Show as table").click()

    rows = phone.locator("#progress-table tbody tr")
    expect(rows).to_have_count(30)
    for day in _summary(alice, 30).days:
        row = phone.locator(f'#progress-table tr[data-date="{day.date.isoformat()}"]')
        mean = row.locator(".pain-mean")
        if day.pain_mean is None:
            expect(mean).to_have_text("\u2013")
        else:
            expect(mean).to_have_text(str(day.pain_mean))
        expect(row.locator(".done")).to_have_text(str(day.sessions_logged))
        expect(row.locator(".planned")).to_have_text(str(day.sessions_planned))


def test_the_calendar_has_one_labelled_cell_per_day(phone, alice):
    seed_days(alice)
    log_in_as(phone, alice)
    phone.goto("/progress/")
    cells = phone.locator("#heatmap rect.cell")
    expect(cells).to_have_count(30)
    today = local_today(alice).isoformat()
    cell = phone.locator(f'#heatmap rect[data-date="{today}"]')
    expect(cell.locator("title")).to_have_count(1)
    assert cell.get_attribute("aria-label") == cell.locator("title").text_content()
    expect(phone.locator(".heatmap-legend li")).to_have_count(5)


def test_switching_the_range_to_7_days_shows_7_days(phone, alice):
    seed_days(alice)
    log_in_as(phone, alice)
    phone.goto("/progress/")
    phone.get_by_role("link", name="7 days").click()

    expect(phone).to_have_url(f"{phone.site}/progress/?range=7")
    expect(phone.get_by_role("link", name="7 days")).to_have_attribute("aria-current", "page")
    expect(phone.get_by_role("link", name="30 days")).not_to_have_attribute("aria-current", "page")
    expect(phone.locator("#progress-table tbody tr")).to_have_count(7)
    expect(phone.locator("#heatmap rect.cell")).to_have_count(7)
    expect(phone.locator("#progress-chart canvas")).to_have_count(2)
    label = phone.locator("#progress-chart .chart-pain").get_attribute("aria-label")
    assert "over 7 days" in label


def test_a_year_of_calendar_scrolls_to_the_latest_weeks(phone, alice):
    seed_days(alice)
    log_in_as(phone, alice)
    phone.goto("/progress/?range=365")
    expect(phone.locator("#heatmap rect.cell")).to_have_count(365)
    expect(phone.locator("#progress-chart canvas")).to_have_count(2)
    scroller = phone.locator(".heatmap-scroll")
    phone.wait_for_function(
        "() => { const s = document.querySelector('.heatmap-scroll');"
        " return s.scrollLeft > 0 && s.scrollLeft + s.clientWidth >= s.scrollWidth - 1; }"
    )
    assert scroller.evaluate("(s) => s.scrollWidth > s.clientWidth")


def test_without_script_the_table_is_still_there(browser, site, alice):
    seed_days(alice, days=7)
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, base_url=site, java_script_enabled=False
    )
    page = context.new_page()
    page.site = site
    log_in_as(page, alice)
    page.goto("/progress/?range=7")
    expect(page.locator("#progress-table tbody tr")).to_have_count(7)
    expect(page.locator("#progress-chart canvas")).to_have_count(0)
    context.close()


def test_the_noise_band_for_a_therapists_view_is_drawn_and_explained(phone, alice):
    seed_days(alice)
    log_in_as(phone, alice)
    phone.goto("/progress/")
    expect(phone.locator("#progress-chart canvas")).to_have_count(2)
    # The therapist's page will call drawProgress(container, data, {noiseBand: true}).
    result = phone.evaluate(
        """async () => {
             const charts = await import('/static/tracker/js/charts.js');
             const data = JSON.parse(document.getElementById('progress-data').textContent);
             const box = document.createElement('div');
             document.querySelector('main').append(box);
             const [pain] = charts.drawProgress(box, data, {noiseBand: true});
             return {
               band: charts.noiseBand(data.days),
               canvases: box.querySelectorAll('canvas').length,
               legend: [...box.querySelectorAll('.chart-pain + .chart-legend li')]
                 .map((li) => li.textContent),
               width: pain.width,
             };
           }"""
    )
    # The first week of ratings: means 6, 6, 6, 6, 6 (d=0..3, 5), 5, 5 (d=6, 7) -> 5.7.
    assert result["band"] == [3.7, 7.7]
    assert result["canvases"] == 2 and result["width"] > 200
    assert result["legend"][-1] == "Within 2 points of the first week's pain: no clear change"


@pytest.mark.parametrize(("days", "bars"), [(30, "a day"), (90, "a week"), (365, "a week")])
def test_the_two_panels_share_one_time_axis_and_long_ranges_get_weekly_bars(
    phone, alice, days, bars
):
    seed_days(alice, days=days)
    log_in_as(phone, alice)
    phone.goto(f"/progress/?range={days}")
    expect(phone.locator("#progress-chart canvas")).to_have_count(2)

    # uPlot's plot area (.u-over) of each panel: the same left edge and width, so
    # a day sits at the same x in both.
    pain, sessions = (
        phone.locator(f"#progress-chart .{name} .u-over").bounding_box()
        for name in ("chart-pain", "chart-sessions")
    )
    assert abs(pain["x"] - sessions["x"]) < 1 and abs(pain["width"] - sessions["width"]) < 1
    assert pain["y"] + pain["height"] < sessions["y"]  # pain above, sessions below
    expect(phone.locator("#progress-chart .chart-legend").last).to_contain_text(
        f"Sessions done, {bars}"
    )
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/progress-{days}.png", full_page=True)
    assert phone.errors == []


def test_progress_is_accessible_with_large_enough_tap_targets(phone, alice):
    seed_days(alice)
    log_in_as(phone, alice)
    for path in ("/progress/", "/progress/?range=365", "/progress/?range=1"):
        phone.goto(path)
        phone.wait_for_load_state("networkidle")
        assert_accessible(phone)
        assert tap_targets_too_small(phone) == []
    phone.goto("/progress/")
    phone.get_by_text("Show as table").click()
    assert_accessible(phone)
    assert phone.errors == []
