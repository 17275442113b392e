// The pages' words and formats in the page's language. The words come from
// Django's JavaScript catalogue (/jsi18n/<language>/, a classic deferred script
// in base.html, so it runs before the pages' modules); where it did not load
// (or under node's tests) every function answers in English. Strings are
// marked with gettext/ngettext/pgettext under those names so that
// `makemessages -d djangojs` finds them; placeholders are named, %(name)s.
// Dates and numbers use Intl with the page's <html lang>; the first day of the
// week is the locale's (<body data-first-day-of-week>, Django's FIRST_DAY_OF_WEEK).

function catalogue() {
  const django = globalThis.django;
  return django && typeof django.gettext === "function" ? django : null;
}

export function gettext(message) {
  const django = catalogue();
  return django ? django.gettext(message) : message;
}

export function ngettext(singular, plural, count) {
  const django = catalogue();
  if (django) return django.ngettext(singular, plural, count);
  return count === 1 ? singular : plural;
}

export function pgettext(context, message) {
  const django = catalogue();
  return django && typeof django.pgettext === "function" ? django.pgettext(context, message) : message;
}

// Fill %(name)s placeholders from `values`; an unknown name stays as it is.
export function interpolate(template, values) {
  return template.replace(/%\((\w+)\)s/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}

// The English, translated when the catalogue has it: t("Undo").
export const t = gettext;

// Return the page's language ("en" without a document or a lang attribute).
export function pageLanguage(doc = globalThis.document) {
  return doc?.documentElement?.lang || "en";
}

// Return 0 (Sunday) to 6 (Saturday): the locale's first day of the week, Monday by default.
export function firstDayOfWeek(doc = globalThis.document) {
  const value = Number.parseInt(doc?.body?.dataset?.firstDayOfWeek ?? "", 10);
  return Number.isInteger(value) && value >= 0 && value <= 6 ? value : 1;
}

function supported(language) {
  try {
    return Intl.NumberFormat.supportedLocalesOf([language]).length ? language : "en";
  } catch {
    return "en";
  }
}

// Return `value` written the locale's way (decimal comma in German, Polish, ...).
export function formatNumber(value, options = {}, language = pageLanguage()) {
  return new Intl.NumberFormat(supported(language), options).format(value);
}

// Return `value` to one decimal place, the locale's way: 6.1, 6,1.
export function oneDecimal(value, language = pageLanguage()) {
  return formatNumber(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 }, language);
}

// Return a date (a Date, or seconds since the epoch) written the locale's way.
export function formatDate(value, options = {}, language = pageLanguage()) {
  const date = value instanceof Date ? value : new Date(value * 1000);
  return new Intl.DateTimeFormat(supported(language), options).format(date);
}
