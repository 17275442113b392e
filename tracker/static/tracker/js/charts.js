// Pain over time drawn together with the sessions done and planned, so cause and
// effect can be seen side by side. Drawn with uPlot, a global from
// /static/vendor/uplot/uPlot.iife.min.js (a classic deferred script that runs
// before the page's module).
//
// drawProgress(container, data, {noiseBand}) takes the JSON of GET
// /api/v1/progress/ (or of a linked therapist's GET
// /api/v1/care/patients/{id}/progress/, the same shape):
//   {from, to, days: [{date, pain_mean, pain_min, pain_max, sessions_logged,
//                      sessions_planned, ...}], ...}
//
// The noise band: on the 0-10 numeric pain rating scale, 2 points is the
// smallest change people with low back pain rate as meaningful (the minimal
// clinically important difference in Childs, Piva and Fritz, Spine
// 2005;30:1331-1334); a smaller change is not told apart from day-to-day
// variation. The band is drawn 2 points either side of the baseline: the mean
// of the first week of ratings, not of the first day, because a single day's
// ratings vary from day to day, and a week averages a working week and a
// weekend.

export const NOISE_POINTS = 2;
const BASELINE_DAYS = 7;
const CHART_HEIGHT = 260;
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
const oneDecimal = (value) => value.toFixed(1);
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

// Return one sentence for screen readers: how pain moved and how many of the
// planned sessions were done, e.g. "Pain fell from a mean of 6.1 to 4.3 over 30 days."
export function describeTrend(data) {
  const days = data.days || [];
  const span = `${days.length} day${days.length === 1 ? "" : "s"}`;
  const rated = ratedDays(days);
  let pain;
  if (!rated.length) {
    pain = `No pain ratings over ${span}.`;
  } else if (rated.length === 1) {
    pain = `Pain was rated on one day over ${span}: a mean of ${oneDecimal(rated[0].pain_mean)}.`;
  } else {
    const k = periodLength(rated.length);
    const early = baseline(days);
    const late = round1(mean(rated.slice(-k).map((day) => day.pain_mean)));
    const period = k === 1 ? "first and last rated day" : `first and last ${k} rated days`;
    const [from, to] = [oneDecimal(early), oneDecimal(late)];
    const movement =
      late < early
        ? `fell from a mean of ${from} to ${to}`
        : late > early
          ? `rose from a mean of ${from} to ${to}`
          : `stayed at a mean of ${from}`;
    pain = `Pain ${movement} over ${span} (${period}).`;
  }
  const planned = days.reduce((sum, day) => sum + day.sessions_planned, 0);
  const logged = days.reduce((sum, day) => sum + day.sessions_logged, 0);
  const done = days.reduce((sum, day) => sum + Math.min(day.sessions_logged, day.sessions_planned), 0);
  const sessions = planned
    ? `${done} of ${planned} planned sessions done.`
    : `${logged} session${logged === 1 ? "" : "s"} logged.`;
  return `${pain} ${sessions}`;
}

// Seconds since the epoch of a local date's midnight, read as UTC (the chart
// shows dates in UTC, so the browser's own zone never shifts a day).
export function dayStamp(isoDate) {
  const [year, month, day] = isoDate.split("-").map(Number);
  return Date.UTC(year, month - 1, day) / 1000;
}

// Return uPlot's columns: x, sessions planned, done, pain mean, highest,
// lowest (the bars first, so the pain line is drawn over them).
export function chartColumns(days) {
  const column = (key) => days.map((day) => day[key] ?? null);
  return [
    days.map((day) => dayStamp(day.date)),
    column("sessions_planned"),
    column("sessions_logged"),
    column("pain_mean"),
    column("pain_max"),
    column("pain_min"),
  ];
}

// The legend's swatches take their colours from app.css (.chart-key).
function legendItems(band) {
  const items = [
    ["line", "Pain, daily mean (0-10, left)"],
    ["area", "Pain, lowest to highest"],
    ["bar", "Sessions done (right)"],
    ["outline", "Sessions planned"],
  ];
  if (band) items.push(["noise", `Within ${NOISE_POINTS} points of the first week's pain: no clear change`]);
  return items;
}

function drawLegend(container, band) {
  const list = document.createElement("ul");
  list.className = "chart-legend";
  for (const [kind, text] of legendItems(band)) {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = `chart-key ${kind}`;
    swatch.setAttribute("aria-hidden", "true");
    item.append(swatch, text);
    list.append(item);
  }
  container.append(list);
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

// Ticks a whole number of days apart, labelled like "3 Mar".
// Multiples of 30 days are what uPlot reads as months: ticks on the 1st.
const DAY_INCRS = [1, 2, 3, 7, 14, 30, 60, 90, 180].map((days) => days * 86400);

function options(uPlot, width, days, band) {
  const bars = uPlot.paths.bars({ size: [0.7, 40] });
  const most = Math.max(3, ...days.map((day) => Math.max(day.sessions_logged, day.sessions_planned)));
  const utc = (stamp) => uPlot.tzDate(new Date(stamp * 1000), "Etc/UTC");
  const dayLabel = uPlot.fmtDate("{D} {MMM}");
  const axis = { font: FONT, labelFont: FONT, stroke: COLOURS.axis, grid: { stroke: COLOURS.grid } };
  const hidden = { show: false };
  const opts = {
    width,
    height: CHART_HEIGHT,
    tzDate: utc,
    legend: hidden,
    // No hover read-out: the table beneath carries every number.
    cursor: { show: false, drag: { x: false, y: false } },
    scales: {
      // Half a day either side, so the first and last days' bars show whole.
      x: { time: true, range: (u, min, max) => [min - 43200, max + 43200] },
      pain: { range: [0, 10] },
      n: { range: [0, most + 1] },
    },
    axes: [
      { ...axis, space: 60, incrs: DAY_INCRS, values: (u, splits) => splits.map((s) => dayLabel(utc(s))) },
      // No axis titles: on a phone they take a fifth of the width; the legend
      // says which axis is which.
      { ...axis, scale: "pain", size: 34, incrs: [2, 5], space: 30 },
      { ...axis, scale: "n", side: 1, size: 34, grid: hidden, incrs: [1, 2, 5, 10, 20] },
    ],
    series: [
      {},
      {
        label: "Planned",
        scale: "n",
        stroke: COLOURS.planned,
        width: 1.5,
        fill: "transparent",
        paths: bars,
        points: hidden,
      },
      { label: "Done", scale: "n", stroke: COLOURS.done, fill: COLOURS.done, paths: bars, points: hidden },
      {
        label: "Pain",
        scale: "pain",
        stroke: COLOURS.pain,
        width: 2.5,
        spanGaps: true,
        points: { size: 6, fill: COLOURS.pain },
      },
      { label: "Highest", scale: "pain", stroke: "transparent", spanGaps: true, points: hidden },
      { label: "Lowest", scale: "pain", stroke: "transparent", spanGaps: true, points: hidden },
    ],
    bands: [{ series: [4, 5], fill: COLOURS.painRange }],
    hooks: {},
  };
  if (band) opts.hooks.drawClear = [noiseBandHook(band, baseline(days))];
  return opts;
}

// Draw the chart into `container` and return the uPlot instance (null when
// uPlot did not load: the table stays the way to read the numbers).
export function drawProgress(container, data, { noiseBand: withBand = false } = {}) {
  const uPlot = globalThis.uPlot;
  if (!uPlot) return null;
  const days = data.days || [];
  const band = withBand ? noiseBand(days) : null;
  container.replaceChildren();
  const plot = document.createElement("div");
  plot.className = "chart-plot";
  plot.setAttribute("role", "img");
  plot.setAttribute("aria-label", describeTrend(data));
  container.append(plot);
  drawLegend(container, band);
  const width = () => Math.max(240, container.clientWidth);
  const chart = new uPlot(options(uPlot, width(), days, band), chartColumns(days), plot);
  if ("ResizeObserver" in globalThis) {
    new ResizeObserver(() => {
      if (Math.abs(chart.width - width()) > 2) chart.setSize({ width: width(), height: CHART_HEIGHT });
    }).observe(container);
  }
  return chart;
}
