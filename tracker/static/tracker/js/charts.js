// Pain over time, and under it the sessions done and planned: two panels on
// one time axis, each with one scale (0-10 pain; a count of sessions), so that
// a bar is never read against the pain scale. Drawn with uPlot, a global from
// /static/vendor/uplot/uPlot.iife.min.js (a classic deferred script that runs
// before the page's module).
//
// drawProgress(container, data, {noiseBand}) takes the JSON of GET
// /api/v1/progress/ (or of a linked therapist's GET
// /api/v1/care/patients/{id}/progress/, the same shape):
//   {from, to, days: [{date, pain_mean, pain_min, pain_max, sessions_logged,
//                      sessions_planned, ...}], ...}
// Over more than WEEKLY_AFTER days (the 90-day and 1-year ranges) the session
// bars are weekly sums, one bar per week (starting on the locale's first day of
// the week: Monday in most of Europe, Sunday in the US), since a bar per day
// would be under a pixel wide on a phone. Words, dates and numbers are in the
// page's language (i18n.js).
//
// The noise band: on the 0-10 numeric pain rating scale, 2 points is the
// smallest change people with low back pain rate as meaningful (the minimal
// clinically important difference in Childs, Piva and Fritz, Spine
// 2005;30:1331-1334); a smaller change is not told apart from day-to-day
// variation. The band is drawn 2 points either side of the baseline: the mean
// of the first week of ratings, not of the first day, because a single day's
// ratings vary from day to day, and a week averages a working week and a
// weekend.

import { firstDayOfWeek, formatDate, gettext, interpolate, ngettext, oneDecimal } from "./i18n.js";

export const NOISE_POINTS = 2;
const BASELINE_DAYS = 7;
export const WEEKLY_AFTER = 60;
const PAIN_HEIGHT = 200;
const SESSIONS_HEIGHT = 150;
// Both panels reserve the same room for their y axis, so their plot areas, and
// so their days, line up.
const Y_AXIS_SIZE = 40;
const DAY = 86400;
const COLOURS = {
  pain: "#a4161a",
  painRange: "rgba(164, 22, 26, 0.16)",
  done: "#0b5c8a",
  planned: "#1b1f24",
  noise: "rgba(29, 107, 53, 0.14)",
  noiseLine: "#1d6b35",
  axis: "#1b1f24",
  grid: "rgba(74, 83, 96, 0.18)",
};
const FONT = "14px system-ui, sans-serif";

const round1 = (value) => Math.round(value * 10) / 10;
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;

// The days that have a pain rating, oldest first.
function ratedDays(days) {
  return days.filter((day) => day.pain_mean !== null && day.pain_mean !== undefined);
}

// How many rated days make the "first" and "last" periods: a week, or less
// when there are fewer than two weeks of ratings, so the two never overlap.
export function periodLength(ratedCount) {
  return Math.min(BASELINE_DAYS, Math.max(1, Math.floor(ratedCount / 2)));
}

// Return the baseline pain: the mean of the daily means of the first rated
// days (see periodLength), to one decimal; null without any rating.
export function baseline(days) {
  const rated = ratedDays(days);
  if (!rated.length) return null;
  return round1(mean(rated.slice(0, periodLength(rated.length)).map((day) => day.pain_mean)));
}

// Return [low, high]: the band within 2 points of the baseline, kept on 0..10.
export function noiseBand(days) {
  const centre = baseline(days);
  if (centre === null) return null;
  return [Math.max(0, round1(centre - NOISE_POINTS)), Math.min(10, round1(centre + NOISE_POINTS))];
}

// Return one sentence for screen readers about pain, e.g. "Pain fell from a
// mean of 6.1 to 4.3 over 30 days (first and last 7 rated days)."
export function describePain(days) {
  const count = days.length;
  const rated = ratedDays(days);
  if (!rated.length) {
    return interpolate(ngettext("No pain ratings over %(count)s day.", "No pain ratings over %(count)s days.", count), {
      count,
    });
  }
  if (rated.length === 1) {
    const once = ngettext(
      "Pain was rated on one day over %(count)s day: a mean of %(mean)s.",
      "Pain was rated on one day over %(count)s days: a mean of %(mean)s.",
      count,
    );
    return interpolate(once, { count, mean: oneDecimal(rated[0].pain_mean) });
  }
  const k = periodLength(rated.length);
  const early = baseline(days);
  const late = round1(mean(rated.slice(-k).map((day) => day.pain_mean)));
  const values = { count, k, from: oneDecimal(early), to: oneDecimal(late) };
  // One whole sentence per case, so that each language can order its words.
  let sentence;
  if (late < early) {
    sentence =
      k === 1
        ? ngettext(
            "Pain fell from a mean of %(from)s to %(to)s over %(count)s day (first and last rated day).",
            "Pain fell from a mean of %(from)s to %(to)s over %(count)s days (first and last rated day).",
            count,
          )
        : ngettext(
            "Pain fell from a mean of %(from)s to %(to)s over %(count)s day (first and last %(k)s rated days).",
            "Pain fell from a mean of %(from)s to %(to)s over %(count)s days (first and last %(k)s rated days).",
            count,
          );
  } else if (late > early) {
    sentence =
      k === 1
        ? ngettext(
            "Pain rose from a mean of %(from)s to %(to)s over %(count)s day (first and last rated day).",
            "Pain rose from a mean of %(from)s to %(to)s over %(count)s days (first and last rated day).",
            count,
          )
        : ngettext(
            "Pain rose from a mean of %(from)s to %(to)s over %(count)s day (first and last %(k)s rated days).",
            "Pain rose from a mean of %(from)s to %(to)s over %(count)s days (first and last %(k)s rated days).",
            count,
          );
  } else {
    sentence =
      k === 1
        ? ngettext(
            "Pain stayed at a mean of %(from)s over %(count)s day (first and last rated day).",
            "Pain stayed at a mean of %(from)s over %(count)s days (first and last rated day).",
            count,
          )
        : ngettext(
            "Pain stayed at a mean of %(from)s over %(count)s day (first and last %(k)s rated days).",
            "Pain stayed at a mean of %(from)s over %(count)s days (first and last %(k)s rated days).",
            count,
          );
  }
  return interpolate(sentence, values);
}

// Return one sentence about the sessions: done of planned, or logged without a plan.
export function describeSessions(days) {
  const planned = days.reduce((sum, day) => sum + day.sessions_planned, 0);
  const logged = days.reduce((sum, day) => sum + day.sessions_logged, 0);
  const done = days.reduce((sum, day) => sum + Math.min(day.sessions_logged, day.sessions_planned), 0);
  if (planned) {
    const sentence = ngettext(
      "%(done)s of %(planned)s planned session done.",
      "%(done)s of %(planned)s planned sessions done.",
      planned,
    );
    return interpolate(sentence, { done, planned });
  }
  return interpolate(ngettext("%(count)s session logged.", "%(count)s sessions logged.", logged), { count: logged });
}

// Return both sentences: how pain moved and how many planned sessions were done.
export function describeTrend(data) {
  const days = data.days || [];
  return `${describePain(days)} ${describeSessions(days)}`;
}

// Seconds since the epoch of a local date's midnight, read as UTC (the chart
// shows dates in UTC, so the browser's own zone never shifts a day).
export function dayStamp(isoDate) {
  const [year, month, day] = isoDate.split("-").map(Number);
  return Date.UTC(year, month - 1, day) / 1000;
}

// Return the pain panel's uPlot columns: x, pain mean, highest, lowest.
export function painColumns(days) {
  const column = (key) => days.map((day) => day[key] ?? null);
  return [days.map((day) => dayStamp(day.date)), column("pain_mean"), column("pain_max"), column("pain_min")];
}

// Return true when the session bars are weekly sums (the 90-day and 1-year ranges).
export function weekly(days) {
  return days.length > WEEKLY_AFTER;
}

// Return the sessions panel's uPlot columns: x, planned, done. One bar per day;
// with `weekly`, one per week starting on `weekStart` (0 Sunday to 6 Saturday,
// the locale's), placed at the middle of the week's days inside the window,
// holding their sums.
export function sessionColumns(days, byWeek = weekly(days), weekStart = firstDayOfWeek()) {
  if (!byWeek) {
    return [
      days.map((day) => dayStamp(day.date)),
      days.map((day) => day.sessions_planned),
      days.map((day) => day.sessions_logged),
    ];
  }
  const weeks = new Map();
  for (const day of days) {
    const stamp = dayStamp(day.date);
    // 1970-01-01 was a Thursday (day 4): days since the week's first day.
    const intoWeek = (((Math.floor(stamp / DAY) + 4 - weekStart) % 7) + 7) % 7;
    const start = stamp - intoWeek * DAY;
    const week = weeks.get(start) || { first: stamp, last: stamp, planned: 0, done: 0 };
    week.last = stamp;
    week.planned += day.sessions_planned;
    week.done += day.sessions_logged;
    weeks.set(start, week);
  }
  const rows = [...weeks.values()];
  return [
    rows.map((week) => (week.first + week.last) / 2),
    rows.map((week) => week.planned),
    rows.map((week) => week.done),
  ];
}

// Return the x range both panels share: half a day either side of the window,
// so the first and last days' bars show whole.
export function timeRange(days) {
  if (!days.length) return [0, DAY];
  return [dayStamp(days[0].date) - DAY / 2, dayStamp(days[days.length - 1].date) + DAY / 2];
}

// The legends' swatches take their colours from app.css (.chart-key).
function painLegend(band) {
  const items = [
    ["line", gettext("Pain, daily mean (0-10)")],
    ["area", gettext("Pain, lowest to highest")],
  ];
  if (band) {
    const noise = gettext("Within %(points)s points of the first week's pain: no clear change");
    items.push(["noise", interpolate(noise, { points: NOISE_POINTS })]);
  }
  return items;
}

function sessionsLegend(byWeek) {
  if (byWeek) {
    return [
      ["bar", gettext("Sessions done, a week")],
      ["outline", gettext("Sessions planned, a week")],
    ];
  }
  return [
    ["bar", gettext("Sessions done, a day")],
    ["outline", gettext("Sessions planned, a day")],
  ];
}

function legend(items) {
  const list = document.createElement("ul");
  list.className = "chart-legend";
  for (const [kind, text] of items) {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = `chart-key ${kind}`;
    swatch.setAttribute("aria-hidden", "true");
    item.append(swatch, text);
    list.append(item);
  }
  return list;
}

// Before the series: the noise band and the baseline it sits around.
function noiseBandHook(band, centre) {
  return (u) => {
    const { ctx } = u;
    const { left, width } = u.bbox;
    const top = u.valToPos(band[1], "pain", true);
    const bottom = u.valToPos(band[0], "pain", true);
    ctx.save();
    ctx.fillStyle = COLOURS.noise;
    ctx.fillRect(left, top, width, bottom - top);
    ctx.strokeStyle = COLOURS.noiseLine;
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1.5 * devicePixelRatio;
    const y = Math.round(u.valToPos(centre, "pain", true));
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.restore();
  };
}

// Ticks a whole number of days apart, labelled the locale's way: "3 Mar", "Mar 3", "3. März".
// Multiples of 30 days are what uPlot reads as months: ticks on the 1st.
const DAY_INCRS = [1, 2, 3, 7, 14, 30, 60, 90, 180].map((days) => days * DAY);

// Return a function that labels an axis tick (seconds since the epoch, a day
// read as UTC: see dayStamp) with its day and month in the page's language.
export function axisDateFormat(language) {
  const options = { day: "numeric", month: "short", timeZone: "UTC" };
  return (stamp) => (language ? formatDate(stamp, options, language) : formatDate(stamp, options));
}

// What both panels share: the time axis, its range, no hover read-out (the
// table beneath carries every number), and the same room for the y axis.
function baseOptions(uPlot, width, height, days) {
  const utc = (stamp) => uPlot.tzDate(new Date(stamp * 1000), "Etc/UTC");
  const dayLabel = axisDateFormat();
  const axis = { font: FONT, labelFont: FONT, stroke: COLOURS.axis, grid: { stroke: COLOURS.grid } };
  const [from, to] = timeRange(days);
  return {
    axis,
    opts: {
      width,
      height,
      tzDate: utc,
      legend: { show: false },
      cursor: { show: false, drag: { x: false, y: false } },
      // The same right padding on both panels (no axis on the right).
      padding: [8, 24, 0, 0],
      scales: { x: { time: true, range: () => [from, to] } },
      axes: [
        { ...axis, space: 60, incrs: DAY_INCRS, values: (u, splits) => splits.map((s) => dayLabel(s)) },
      ],
      series: [{}],
      hooks: {},
    },
  };
}

function painOptions(uPlot, width, days, band) {
  const { axis, opts } = baseOptions(uPlot, width, PAIN_HEIGHT, days);
  const hidden = { show: false };
  opts.scales.pain = { range: [0, 10] };
  opts.axes.push({ ...axis, scale: "pain", size: Y_AXIS_SIZE, incrs: [2, 5], space: 30 });
  opts.series.push(
    {
      label: gettext("Pain"),
      scale: "pain",
      stroke: COLOURS.pain,
      width: 2.5,
      spanGaps: true,
      points: { size: 6, fill: COLOURS.pain },
    },
    { label: gettext("Highest"), scale: "pain", stroke: "transparent", spanGaps: true, points: hidden },
    { label: gettext("Lowest"), scale: "pain", stroke: "transparent", spanGaps: true, points: hidden },
  );
  opts.bands = [{ series: [2, 3], fill: COLOURS.painRange }];
  if (band) opts.hooks.drawClear = [noiseBandHook(band, baseline(days))];
  return opts;
}

function sessionOptions(uPlot, width, days, columns) {
  const { axis, opts } = baseOptions(uPlot, width, SESSIONS_HEIGHT, days);
  const hidden = { show: false };
  const bars = uPlot.paths.bars({ size: [0.7, 40] });
  const most = Math.max(3, ...columns[1], ...columns[2]);
  opts.scales.n = { range: [0, most + 1] };
  opts.axes.push({ ...axis, scale: "n", size: Y_AXIS_SIZE, incrs: [1, 2, 5, 10, 20, 50, 100] });
  opts.series.push(
    {
      label: gettext("Planned"),
      scale: "n",
      stroke: COLOURS.planned,
      width: 1.5,
      fill: "transparent",
      paths: bars,
      points: hidden,
    },
    { label: gettext("Done"), scale: "n", stroke: COLOURS.done, fill: COLOURS.done, paths: bars, points: hidden },
  );
  return opts;
}

function panel(container, className, label) {
  const plot = document.createElement("div");
  plot.className = `chart-plot ${className}`;
  plot.setAttribute("role", "img");
  plot.setAttribute("aria-label", label);
  container.append(plot);
  return plot;
}

// Draw the two panels into `container` and return [pain, sessions] uPlot
// instances (null when uPlot did not load: the table stays the way to read the
// numbers).
export function drawProgress(container, data, { noiseBand: withBand = false } = {}) {
  const uPlot = globalThis.uPlot;
  if (!uPlot) return null;
  const days = data.days || [];
  const band = withBand ? noiseBand(days) : null;
  const byWeek = weekly(days);
  const sessions = sessionColumns(days, byWeek);
  container.replaceChildren();
  const width = () => Math.max(240, container.clientWidth);
  const painPlot = panel(container, "chart-pain", describePain(days));
  container.append(legend(painLegend(band)));
  const per = byWeek ? ` ${gettext("Bars are weekly sums.")}` : "";
  const sessionPlot = panel(container, "chart-sessions", `${describeSessions(days)}${per}`);
  container.append(legend(sessionsLegend(byWeek)));
  const charts = [
    new uPlot(painOptions(uPlot, width(), days, band), painColumns(days), painPlot),
    new uPlot(sessionOptions(uPlot, width(), days, sessions), sessions, sessionPlot),
  ];
  if ("ResizeObserver" in globalThis) {
    new ResizeObserver(() => {
      if (Math.abs(charts[0].width - width()) <= 2) return;
      for (const chart of charts) chart.setSize({ width: width(), height: chart.height });
    }).observe(container);
  }
  return charts;
}
