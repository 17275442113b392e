// The routine player: one exercise at a time, a countdown for each hold, the
// screen kept awake, and the finished session logged through the offline outbox.
// Without this script the page lists every exercise and a form logs the routine.
import { queueRecord } from "./app.js";

const root = document.getElementById("player");
const data = JSON.parse(document.getElementById("player-data").textContent);
const steps = [...root.querySelectorAll(".player-step")];
const progress = document.getElementById("player-progress");
const controls = document.getElementById("player-controls");
const nextButton = document.getElementById("player-next");
const doneButton = document.getElementById("player-done");
const startedAt = Date.now();
let current = 0;
let timer = null;
let finished = false;
let wakeLock = null;

// --- Keeping the screen awake (where the Screen Wake Lock API exists) ---------

async function keepAwake() {
  if (finished || !("wakeLock" in navigator) || document.visibilityState !== "visible") return;
  if (wakeLock && !wakeLock.released) return;
  try {
    wakeLock = await navigator.wakeLock.request("screen");
  } catch {
    // Refused (battery saver, no permission): the player works without it.
  }
}

function letSleep() {
  wakeLock?.release().catch(() => {});
  wakeLock = null;
}

// The browser drops the lock whenever the page is hidden; take it again on return.
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") keepAwake();
});

// --- The hold countdown -------------------------------------------------------

function stopTimer() {
  clearInterval(timer);
  timer = null;
}

function resetCountdown(step) {
  const box = step.querySelector("[data-countdown]");
  if (!box) return;
  const seconds = Number(step.dataset.holdSeconds);
  const holds = Number(step.dataset.holds) || 1;
  step.holdsDone = 0;
  box.hidden = false;
  box.querySelector("[data-count]").textContent = seconds;
  box.querySelector("[data-status]").textContent = `Hold 1 of ${holds}: ${seconds} seconds`;
  const start = box.querySelector("[data-start]");
  start.hidden = false;
  start.disabled = false;
  start.textContent = holds > 1 ? "Start hold 1" : "Start hold";
}

function runHold(step) {
  const box = step.querySelector("[data-countdown]");
  const seconds = Number(step.dataset.holdSeconds);
  const holds = Number(step.dataset.holds) || 1;
  const count = box.querySelector("[data-count]");
  const status = box.querySelector("[data-status]");
  const start = box.querySelector("[data-start]");
  // One "second" lasts data-second-ms (1000): the browser tests shorten it.
  const secondMs = Number(root.dataset.secondMs) || 1000;
  let left = seconds;
  start.disabled = true;
  count.textContent = left;
  status.textContent = `Hold ${step.holdsDone + 1} of ${holds}: ${seconds} seconds`;
  stopTimer();
  timer = setInterval(() => {
    left -= 1;
    count.textContent = Math.max(left, 0);
    if (left > 0) return;
    stopTimer();
    step.holdsDone += 1;
    if (step.holdsDone < holds) {
      status.textContent = `Hold ${step.holdsDone} of ${holds} done. Relax, then start the next.`;
      start.textContent = `Start hold ${step.holdsDone + 1}`;
      start.disabled = false;
      count.textContent = seconds;
    } else {
      status.textContent = holds > 1 ? `All ${holds} holds done.` : "Hold done.";
      start.hidden = true;
      (current < steps.length - 1 ? nextButton : doneButton).focus();
    }
  }, secondMs);
}

// --- Moving through the routine ------------------------------------------------

function show(index) {
  stopTimer();
  current = index;
  steps.forEach((step, i) => {
    step.hidden = i !== index;
  });
  const last = index === steps.length - 1;
  progress.textContent = `Exercise ${index + 1} of ${steps.length}`;
  nextButton.hidden = last;
  doneButton.classList.toggle("primary", last);
  resetCountdown(steps[index]);
  window.scrollTo(0, 0);
  steps[index].querySelector("h2").setAttribute("tabindex", "-1");
  if (index > 0) steps[index].querySelector("h2").focus();
}

async function finish() {
  if (finished) return;
  finished = true;
  stopTimer();
  letSleep();
  const performedAt = new Date().toISOString();
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  // A plan logs one session per exercise, each naming its plan item, so the
  // plan's adherence counts them; a routine logs one session for the whole.
  const bodies = data.plan
    ? data.items.map((item) => ({ performed_at: performedAt, ...item }))
    : [{ performed_at: performedAt, routine: data.routine, duration_seconds: seconds }];
  steps.forEach((step) => {
    step.hidden = true;
  });
  controls.hidden = true;
  progress.hidden = true;
  const done = document.getElementById("player-finished");
  done.hidden = false;
  done.focus();
  for (const body of bodies) await queueRecord("log", body, data.name);
}

function start() {
  if (!steps.length) return;
  document.getElementById("player-log-form").hidden = true;
  root.classList.add("is-playing");
  progress.hidden = false;
  controls.hidden = false;
  steps.forEach((step) => {
    step.querySelector("[data-start]")?.addEventListener("click", () => runHold(step));
  });
  nextButton.addEventListener("click", () => show(Math.min(current + 1, steps.length - 1)));
  doneButton.addEventListener("click", finish);
  show(0);
  keepAwake();
}

start();
