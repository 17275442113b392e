// The progress chart's pure parts: the baseline, the noise band, the sentences
// screen readers hear, and the columns handed to uPlot's two panels.
import test from "node:test";
import assert from "node:assert/strict";
import {
  baseline,
  dayStamp,
  describePain,
  describeSessions,
  describeTrend,
  noiseBand,
  painColumns,
  periodLength,
  sessionColumns,
  timeRange,
  weekly,
} from "../../tracker/static/tracker/js/charts.js";

function day(date, pain, logged = 0, planned = 0) {
  return {
    date,
    pain_mean: pain,
    pain_min: pain === null ? null : Math.floor(pain),
    pain_max: pain === null ? null : Math.ceil(pain),
    pain_entries: pain === null ? 0 : 1,
    sessions_logged: logged,
    sessions_planned: planned,
  };
}

const dates = (n) => Array.from({ length: n }, (_, i) => `2026-03-${String(i + 1).padStart(2, "0")}`);

test("the baseline is the mean of the first week of rated days, skipping days without a rating", () => {
  const means = [6, null, 6, 7, 5, null, 6, 6, 7, 3, 3, 3, 3, 3, 3, 3, 3];
  const days = dates(means.length).map((date, i) => day(date, means[i]));
  // Rated: 6, 6, 7, 5, 6, 6, 7 are the first seven -> 43 / 7 = 6.14.
  assert.equal(baseline(days), 6.1);
  assert.deepEqual(noiseBand(days), [4.1, 8.1]);
});

test("with under two weeks of ratings the first and last periods do not overlap", () => {
  assert.equal(periodLength(1), 1);
  assert.equal(periodLength(7), 3);
  assert.equal(periodLength(14), 7);
  assert.equal(periodLength(300), 7);
});

test("the noise band stays on the 0-10 scale", () => {
  assert.deepEqual(noiseBand([day("2026-03-01", 1)]), [0, 3]);
  assert.deepEqual(noiseBand([day("2026-03-01", 9.5)]), [7.5, 10]);
  assert.equal(noiseBand([day("2026-03-01", null)]), null);
});

test("the summary says how pain moved and how many planned sessions were done", () => {
  const means = [6, 6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4];
  const days = dates(means.length).map((date, i) => day(date, means[i], i % 2, 1));
  assert.equal(
    describeTrend({ days }),
    "Pain fell from a mean of 6.0 to 4.0 over 18 days (first and last 7 rated days). 9 of 18 planned sessions done.",
  );
});

test("the summary covers rising, flat, single and missing ratings", () => {
  const rising = [day("2026-03-01", 2), day("2026-03-02", 4, 2)];
  assert.equal(
    describeTrend({ days: rising }),
    "Pain rose from a mean of 2.0 to 4.0 over 2 days (first and last rated day). 2 sessions logged.",
  );
  const flat = [day("2026-03-01", 3), day("2026-03-02", 3)];
  assert.match(describeTrend({ days: flat }), /^Pain stayed at a mean of 3.0 over 2 days/);
  const once = [day("2026-03-01", null), day("2026-03-02", 5, 1)];
  assert.equal(describeTrend({ days: once }), "Pain was rated on one day over 2 days: a mean of 5.0. 1 session logged.");
  assert.equal(describeTrend({ days: [day("2026-03-01", null)] }), "No pain ratings over 1 day. 0 sessions logged.");
});

test("sessions done beyond the plan do not count twice against it", () => {
  const days = [day("2026-03-01", null, 3, 1), day("2026-03-02", null, 0, 2)];
  assert.match(describeTrend({ days }), /1 of 3 planned sessions done\.$/);
});

test("each panel gets UTC-midnight timestamps: pain with nulls for unrated days, sessions per day", () => {
  const days = [day("2026-03-29", 4, 1, 2), day("2026-03-30", null, 0, 2)];
  const x = [dayStamp("2026-03-29"), dayStamp("2026-03-30")];
  assert.equal(dayStamp("2026-03-29"), Date.UTC(2026, 2, 29) / 1000);
  assert.deepEqual(painColumns(days), [x, [4, null], [4, null], [4, null]]);
  assert.deepEqual(sessionColumns(days), [x, [2, 2], [1, 0]]);
});

test("both panels share one time range, half a day past the first and last days", () => {
  const days = [day("2026-03-01", 1), day("2026-03-30", 2)];
  assert.deepEqual(timeRange(days), [dayStamp("2026-03-01") - 43200, dayStamp("2026-03-30") + 43200]);
});

test("the 7- and 30-day ranges have daily bars; the 90-day and 1-year ranges weekly ones", () => {
  const range = (n) => Array.from({ length: n }, (_, i) => day(new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), null));
  assert.equal(weekly(range(7)), false);
  assert.equal(weekly(range(30)), false);
  assert.equal(weekly(range(90)), true);
  assert.equal(weekly(range(365)), true);
});

test("weekly bars sum each Monday-to-Sunday week and sit in the middle of its days", () => {
  // 2026-03-05 is a Thursday: a part week (Thu-Sun), a whole week, then Monday alone.
  const dates = ["05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16"];
  const days = dates.map((d, i) => day(`2026-03-${d}`, null, i % 3, 1));
  const [x, planned, done] = sessionColumns(days, true);
  assert.deepEqual(planned, [4, 7, 1]);
  // logged: 0 1 2 0 | 1 2 0 1 2 0 1 | 2
  assert.deepEqual(done, [3, 7, 2]);
  assert.deepEqual(x, [
    (dayStamp("2026-03-05") + dayStamp("2026-03-08")) / 2,
    dayStamp("2026-03-12"),
    dayStamp("2026-03-16"),
  ]);
  // Nothing is lost in the sums.
  assert.equal(done.reduce((a, b) => a + b), days.reduce((a, d) => a + d.sessions_logged, 0));
});

test("the two panels' sentences make up the summary", () => {
  const days = [day("2026-03-01", 5, 1, 1), day("2026-03-02", 3, 0, 1)];
  assert.equal(describeTrend({ days }), `${describePain(days)} ${describeSessions(days)}`);
  assert.equal(describeSessions(days), "1 of 2 planned sessions done.");
});
