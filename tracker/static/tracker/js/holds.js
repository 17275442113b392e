// The player's pure hold rules: how long a hold lasts, and the holds an
// exercise is timed as (one per rep and set, on each side for a one-sided one).
// No DOM here: tests/js/holds.test.mjs runs them under node (in English).
import { gettext, interpolate, pageLanguage } from "./i18n.js";

// Where the exercise gives no hold time, the person picks one of these.
export const HOLD_CHOICES = [15, 30, 45, 60];
export const DEFAULT_HOLD = 30;

// Return the seconds to count: the dose's own when it has one, else the
// person's pick when it is one of the choices, else the default.
export function holdSeconds(fixed, picked) {
  const own = Number(fixed);
  if (Number.isInteger(own) && own > 0) return own;
  const chosen = Number(picked);
  return HOLD_CHOICES.includes(chosen) ? chosen : DEFAULT_HOLD;
}

// Return the label of each hold in order, e.g. ["Hold"], ["Hold 1 of 2",
// "Hold 2 of 2"], ["Left side", "Right side"] or ["Left side, hold 1 of 2", ...].
export function holdLabels(holds, sides = []) {
  const count = Math.max(1, Number.isInteger(holds) ? holds : 1);
  const numbered = (i) => ({ number: i + 1, count });
  if (!sides.length) {
    if (count === 1) return [gettext("Hold")];
    return Array.from({ length: count }, (_, i) => interpolate(gettext("Hold %(number)s of %(count)s"), numbered(i)));
  }
  if (count === 1) return [...sides];
  return sides.flatMap((side) =>
    Array.from({ length: count }, (_, i) =>
      interpolate(gettext("%(side)s, hold %(number)s of %(count)s"), { side, ...numbered(i) }),
    ),
  );
}

// Return what the hold button says before a hold starts: "Start hold", "Start
// left side". Only English runs the label into the sentence in lower case; the
// translations set it apart ("Start: Halten"), which keeps German nouns capital.
export function startLabel(label, language = pageLanguage()) {
  const hold = language === "en" ? `${label[0].toLowerCase()}${label.slice(1)}` : label;
  return interpolate(gettext("Start %(hold)s"), { hold });
}

// Return the status once every hold of an exercise is over.
export function allDoneText(labels, sides = []) {
  if (sides.length > 1 && labels.length === sides.length) return gettext("Both sides done.");
  if (sides.length > 1) return interpolate(gettext("All %(count)s holds done, both sides."), { count: labels.length });
  return labels.length > 1
    ? interpolate(gettext("All %(count)s holds done."), { count: labels.length })
    : gettext("Hold done.");
}
