// The pages' i18n helpers (tracker/static/tracker/js/i18n.js): English when the
// catalogue did not load, the catalogue's words when it did, named placeholders,
// and dates, numbers and weeks the page's locale's way.
import test from "node:test";
import assert from "node:assert/strict";
import {
  firstDayOfWeek,
  formatDate,
  gettext,
  interpolate,
  ngettext,
  oneDecimal,
  pageLanguage,
  t,
} from "../../tracker/static/tracker/js/i18n.js";
import { axisDateFormat, describePain, sessionColumns } from "../../tracker/static/tracker/js/charts.js";
import { startLabel } from "../../tracker/static/tracker/js/holds.js";

// A stand-in for Django's catalogue script (django.gettext, django.ngettext), German.
const GERMAN = {
  Undo: "Rückgängig",
  "Logged: %(what)s.": "Eingetragen: %(what)s.",
  "%(count)s session logged.": ["%(count)s Einheit eingetragen.", "%(count)s Einheiten eingetragen."],
  "Start %(hold)s": "Start: %(hold)s",
};

function withCatalogue(messages, run) {
  globalThis.django = {
    gettext: (id) => (typeof messages[id] === "string" ? messages[id] : id),
    ngettext: (one, other, n) => (messages[one] ? messages[one][n === 1 ? 0 : 1] : n === 1 ? one : other),
  };
  try {
    return run();
  } finally {
    delete globalThis.django;
  }
}

function fakeDocument(lang, firstDay) {
  const dataset = firstDay === undefined ? {} : { firstDayOfWeek: String(firstDay) };
  return { documentElement: { lang }, body: { dataset } };
}

test("without the catalogue every message is its English", () => {
  assert.equal(gettext("Undo"), "Undo");
  assert.equal(t("Undo"), "Undo");
  assert.equal(ngettext("%(count)s set", "%(count)s sets", 1), "%(count)s set");
  assert.equal(ngettext("%(count)s set", "%(count)s sets", 2), "%(count)s sets");
  assert.equal(ngettext("%(count)s set", "%(count)s sets", 0), "%(count)s sets");
});

test("with the catalogue loaded the messages are the page language's", () => {
  withCatalogue(GERMAN, () => {
    assert.equal(gettext("Undo"), "Rückgängig");
    assert.equal(interpolate(gettext("Logged: %(what)s."), { what: "Knie-Umarmung" }), "Eingetragen: Knie-Umarmung.");
    assert.equal(ngettext("%(count)s session logged.", "%(count)s sessions logged.", 3), "%(count)s Einheiten eingetragen.");
    // A message the catalogue lacks stays English rather than vanishing.
    assert.equal(gettext("Nothing yet today."), "Nothing yet today.");
  });
});

test("interpolate fills named placeholders and leaves unknown ones visible", () => {
  assert.equal(interpolate("%(done)s of %(planned)s done", { done: 2, planned: 3 }), "2 of 3 done");
  assert.equal(interpolate("%(a)s and %(a)s", { a: "x" }), "x and x");
  assert.equal(interpolate("Hello %(name)s", {}), "Hello %(name)s");
});

test("the page's language and first day of the week come from <html lang> and <body>", () => {
  assert.equal(pageLanguage(fakeDocument("de", 1)), "de");
  assert.equal(pageLanguage(undefined), "en");
  assert.equal(firstDayOfWeek(fakeDocument("en", 0)), 0);
  assert.equal(firstDayOfWeek(fakeDocument("pl", 1)), 1);
  // Missing or nonsense: Monday, as in most of the languages.
  assert.equal(firstDayOfWeek(fakeDocument("de")), 1);
  assert.equal(firstDayOfWeek({ body: { dataset: { firstDayOfWeek: "9" } } }), 1);
});

test("numbers and dates follow the locale", () => {
  assert.equal(oneDecimal(6.1, "en"), "6.1");
  assert.equal(oneDecimal(6.1, "de"), "6,1");
  assert.equal(oneDecimal(5, "pl"), "5,0");
  const march3 = Date.UTC(2026, 2, 3) / 1000;
  assert.equal(formatDate(march3, { day: "numeric", month: "long", timeZone: "UTC" }, "de"), "3. März");
  assert.equal(axisDateFormat("de")(march3), "3. März");
  assert.equal(axisDateFormat("es")(march3), "3 mar");
  assert.equal(axisDateFormat("en")(march3), "Mar 3");
});

test("the chart's sentence is the catalogue's, with the locale's decimal comma", () => {
  const days = [
    { date: "2026-03-01", pain_mean: 6.1, sessions_logged: 0, sessions_planned: 0 },
    { date: "2026-03-02", pain_mean: 4.3, sessions_logged: 0, sessions_planned: 0 },
  ];
  const fell = "Pain fell from a mean of %(from)s to %(to)s over %(count)s day (first and last rated day).";
  const german = "Der Schmerz sank im Mittel von %(from)s auf %(to)s in %(count)s Tagen (erster und letzter bewerteter Tag).";
  globalThis.document = fakeDocument("de", 1);
  try {
    withCatalogue({ [fell]: [german, german] }, () => {
      assert.equal(
        describePain(days),
        "Der Schmerz sank im Mittel von 6,1 auf 4,3 in 2 Tagen (erster und letzter bewerteter Tag).",
      );
    });
  } finally {
    delete globalThis.document;
  }
});

test("weekly bars start on the locale's first day of the week", () => {
  // 2026-03-01 is a Sunday; eight days, Sunday to the next Sunday.
  const days = Array.from({ length: 8 }, (_, i) => ({
    date: `2026-03-0${i + 1}`,
    sessions_logged: 1,
    sessions_planned: 0,
  }));
  const sundayWeeks = sessionColumns(days, true, 0);
  assert.deepEqual(sundayWeeks[2], [7, 1]); // Sun 1 - Sat 7, then Sun 8
  const mondayWeeks = sessionColumns(days, true, 1);
  assert.deepEqual(mondayWeeks[2], [1, 7]); // Sun 1 alone, then Mon 2 - Sun 8
});

test("the hold button runs the label into English, and sets it apart in other languages", () => {
  assert.equal(startLabel("Left side", "en"), "Start left side");
  withCatalogue(GERMAN, () => {
    assert.equal(startLabel("Linke Seite", "de"), "Start: Linke Seite");
  });
});
