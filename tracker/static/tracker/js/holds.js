// The player's pure hold rules: how long a hold lasts, and the holds an
// exercise is timed as (one per rep and set, on each side for a one-sided one).
// No DOM here: tests/js/holds.test.mjs runs them under node.

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
  const perSide = count === 1 ? ["Hold"] : Array.from({ length: count }, (_, i) => `Hold ${i + 1} of ${count}`);
  if (!sides.length) return perSide;
  return sides.flatMap((side) =>
    count === 1 ? [side] : perSide.map((hold) => `${side}, ${hold[0].toLowerCase()}${hold.slice(1)}`),
  );
}

// Return what the hold button says before a hold starts: "Start hold", "Start left side".
export function startLabel(label) {
  return `Start ${label[0].toLowerCase()}${label.slice(1)}`;
}

// Return the status once every hold of an exercise is over.
export function allDoneText(labels, sides = []) {
  if (sides.length > 1 && labels.length === sides.length) return "Both sides done.";
  if (sides.length > 1) return `All ${labels.length} holds done, both sides.`;
  return labels.length > 1 ? `All ${labels.length} holds done.` : "Hold done.";
}
