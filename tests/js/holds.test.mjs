// The player's hold rules: the time picked where an exercise gives none, and
// the holds a one-sided exercise is timed as.
import test from "node:test";
import assert from "node:assert/strict";
import {
  DEFAULT_HOLD,
  HOLD_CHOICES,
  allDoneText,
  holdLabels,
  holdSeconds,
  startLabel,
} from "../../tracker/static/tracker/js/holds.js";

test("the choices are 15, 30, 45 and 60 seconds, 30 by default", () => {
  assert.deepEqual(HOLD_CHOICES, [15, 30, 45, 60]);
  assert.equal(DEFAULT_HOLD, 30);
});

test("an exercise's own hold time wins over any pick", () => {
  assert.equal(holdSeconds(10, 45), 10);
  assert.equal(holdSeconds("20", "60"), 20);
});

test("without a hold time, the person's pick is used", () => {
  for (const seconds of [15, 30, 45, 60]) assert.equal(holdSeconds("", String(seconds)), seconds);
  assert.equal(holdSeconds(null, 45), 45);
});

test("no pick, or a pick that is not a choice, gives the default", () => {
  assert.equal(holdSeconds("", ""), 30);
  assert.equal(holdSeconds("", "17"), 30);
  assert.equal(holdSeconds("0", "-15"), 30);
  assert.equal(holdSeconds("abc", undefined), 30);
});

test("a two-sided exercise is timed left then right", () => {
  const sides = ["Left side", "Right side"];
  assert.deepEqual(holdLabels(1, sides), sides);
  assert.deepEqual(holdLabels(2, sides), [
    "Left side, hold 1 of 2",
    "Left side, hold 2 of 2",
    "Right side, hold 1 of 2",
    "Right side, hold 2 of 2",
  ]);
  assert.equal(startLabel("Left side"), "Start left side");
  assert.equal(allDoneText(sides, sides), "Both sides done.");
});

test("an exercise on no particular side counts its holds", () => {
  assert.deepEqual(holdLabels(1), ["Hold"]);
  assert.deepEqual(holdLabels(0), ["Hold"]);
  assert.deepEqual(holdLabels(2), ["Hold 1 of 2", "Hold 2 of 2"]);
  assert.equal(startLabel("Hold"), "Start hold");
  assert.equal(startLabel("Hold 2 of 2"), "Start hold 2 of 2");
  assert.equal(allDoneText(["Hold"]), "Hold done.");
  assert.equal(allDoneText(holdLabels(3)), "All 3 holds done.");
});
