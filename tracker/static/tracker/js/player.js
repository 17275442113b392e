// The routine player: one exercise at a time, a countdown for each hold (each
// side of a one-sided exercise on its own) that can be paused, a tone, a buzz
// and optional spoken guidance when a hold ends, the screen kept awake, and
// what was actually done logged through the offline outbox.
// Without this script the page lists every exercise and a form logs the routine.
import { queueRecord, withdrawRecord } from "./app.js";
import { allDoneText, holdLabels, holdSeconds, startLabel } from "./holds.js";
import { gettext, interpolate, ngettext, pageLanguage } from "./i18n.js";

const root = document.getElementById("player");
const data = JSON.parse(document.getElementById("player-data").textContent);
const steps = [...root.querySelectorAll(".player-step")];
const progress = document.getElementById("player-progress");
const controls = document.getElementById("player-controls");
const previousButton = document.getElementById("player-previous");
const nextButton = document.getElementById("player-next");
const doneButton = document.getElementById("player-done");
const settings = document.getElementById("player-settings");
const soundBox = document.getElementById("player-sound");
const voiceBox = document.getElementById("player-voice");
const startedAt = Date.now();
// The exercises done: moved on from with Next, timed to the end, or the last one at Done.
const done = new Set();
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

// --- Sound, vibration and voice (remembered on this device) -------------------

const SOUND_KEY = "stretchstop.player.sound";
const VOICE_KEY = "stretchstop.player.voice";
let audio = null;

function remembered(key, fallback) {
  try {
    const value = localStorage.getItem(key);
    return value === null ? fallback : value === "on";
  } catch {
    return fallback;
  }
}

function remember(key, on) {
  try {
    localStorage.setItem(key, on ? "on" : "off");
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

// Browsers only allow sound after a tap: the first Start creates the context.
function wakeAudio() {
  if (audio || !soundBox.checked) return;
  const Context = window.AudioContext || window.webkitAudioContext;
  if (Context) audio = new Context();
}

function chime() {
  if (!soundBox.checked) return;
  navigator.vibrate?.([200, 100, 200]);
  if (!audio) return;
  const now = audio.currentTime;
  for (const [offset, pitch] of [[0, 880], [0.25, 1175]]) {
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = pitch;
    volume.gain.setValueAtTime(0.25, now + offset);
    volume.gain.exponentialRampToValueAtTime(0.001, now + offset + 0.4);
    tone.connect(volume).connect(audio.destination);
    tone.start(now + offset);
    tone.stop(now + offset + 0.4);
  }
}

function say(text) {
  if (!voiceBox.checked || !("speechSynthesis" in window)) return;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  // The voice of the page's language, not the device's default one.
  utterance.lang = pageLanguage();
  speechSynthesis.speak(utterance);
}

// --- The hold countdown -------------------------------------------------------

// "Hold 1 of 2: 30 seconds"
function holdFor(label, seconds) {
  return interpolate(ngettext("%(hold)s: %(seconds)s second", "%(hold)s: %(seconds)s seconds", seconds), {
    hold: label,
    seconds,
  });
}

function stopTimer() {
  clearInterval(timer);
  timer = null;
}

function parts(step) {
  const box = step.querySelector("[data-countdown]");
  return {
    box,
    count: box.querySelector("[data-count]"),
    status: box.querySelector("[data-status]"),
    button: box.querySelector("[data-start]"),
    choices: [...box.querySelectorAll("[data-hold-choice] input")],
  };
}

function secondsFor(step) {
  const picked = step.querySelector("[data-hold-choice] input:checked")?.value;
  return holdSeconds(step.dataset.holdSeconds, picked);
}

function labelsFor(step) {
  const sides = step.dataset.sides ? step.dataset.sides.split("|") : [];
  return holdLabels(Number(step.dataset.holds) || 1, sides);
}

// Back to the first hold, nothing counting: on showing an exercise.
function resetCountdown(step) {
  const { box, count, status, button, choices } = parts(step);
  const labels = labelsFor(step);
  const seconds = secondsFor(step);
  step.hold = { index: 0, left: seconds, state: "ready" };
  box.hidden = false;
  count.textContent = seconds;
  status.textContent = holdFor(labels[0], seconds);
  button.hidden = false;
  button.textContent = startLabel(labels[0]);
  choices.forEach((input) => {
    input.disabled = false;
  });
}

function tick(step) {
  const { count, status, button, choices } = parts(step);
  const labels = labelsFor(step);
  const hold = step.hold;
  hold.left -= 1;
  count.textContent = Math.max(hold.left, 0);
  if (hold.left > 0) {
    if (hold.left <= 3 || hold.left % 10 === 0) say(String(hold.left));
    return;
  }
  stopTimer();
  chime();
  hold.index += 1;
  if (hold.index < labels.length) {
    const next = labels[hold.index];
    hold.state = "ready";
    hold.left = secondsFor(step);
    count.textContent = hold.left;
    status.textContent = interpolate(gettext("%(hold)s done. Relax, then start the next: %(next)s."), {
      hold: labels[hold.index - 1],
      next,
    });
    button.textContent = startLabel(next);
    say(interpolate(gettext("Done. Next: %(next)s."), { next }));
    button.focus();
  } else {
    hold.state = "over";
    status.textContent = allDoneText(labels, step.dataset.sides ? step.dataset.sides.split("|") : []);
    button.hidden = true;
    choices.forEach((input) => {
      input.disabled = false;
    });
    done.add(steps.indexOf(step));
    say(status.textContent);
    (current < steps.length - 1 ? nextButton : doneButton).focus();
  }
}

// The hold button: Start, then Pause and Resume while a hold runs.
function pressHold(step) {
  const { status, button, choices } = parts(step);
  const hold = step.hold;
  const labels = labelsFor(step);
  if (hold.state === "running") {
    stopTimer();
    hold.state = "paused";
    button.textContent = gettext("Resume");
    const paused = ngettext("%(hold)s: paused, %(seconds)s second left", "%(hold)s: paused, %(seconds)s seconds left", hold.left);
    status.textContent = interpolate(paused, { hold: labels[hold.index], seconds: hold.left });
    return;
  }
  wakeAudio();
  if (hold.state === "ready") {
    hold.left = secondsFor(step);
    const spoken = ngettext("%(hold)s. %(seconds)s second.", "%(hold)s. %(seconds)s seconds.", hold.left);
    say(interpolate(spoken, { hold: labels[hold.index], seconds: hold.left }));
  }
  hold.state = "running";
  button.textContent = gettext("Pause");
  status.textContent = holdFor(labels[hold.index], secondsFor(step));
  choices.forEach((input) => {
    input.disabled = true;
  });
  // One "second" lasts data-second-ms (1000): the browser tests shorten it.
  const secondMs = Number(root.dataset.secondMs) || 1000;
  stopTimer();
  timer = setInterval(() => tick(step), secondMs);
}

// --- Moving through the routine ------------------------------------------------

function show(index) {
  stopTimer();
  current = index;
  steps.forEach((step, i) => {
    step.hidden = i !== index;
  });
  const last = index === steps.length - 1;
  const position = { number: index + 1, count: steps.length };
  progress.textContent = interpolate(gettext("Exercise %(number)s of %(count)s"), position);
  previousButton.hidden = index === 0;
  nextButton.hidden = last;
  doneButton.textContent = last ? gettext("Done") : gettext("Finish early");
  doneButton.classList.toggle("primary", last);
  resetCountdown(steps[index]);
  window.scrollTo(0, 0);
  const heading = steps[index].querySelector("h2");
  heading.setAttribute("tabindex", "-1");
  if (index > 0 || done.size) heading.focus();
  say(interpolate(gettext("Exercise %(number)s of %(count)s: %(name)s."), { ...position, name: heading.textContent }));
}

// The log bodies for what was done: the whole routine as one session when
// every exercise was done, else one log per exercise done; a plan, one per item.
function logBodies(performedAt, seconds) {
  const indexes = [...done].sort((a, b) => a - b);
  const chosen = (i) => (steps[i].dataset.holdSeconds ? null : secondsFor(steps[i]));
  if (data.plan) {
    return indexes.map((i) => ({
      performed_at: performedAt,
      ...data.items[i],
      hold_seconds: data.items[i].hold_seconds ?? chosen(i),
    }));
  }
  if (indexes.length === steps.length) {
    return [{ performed_at: performedAt, routine: data.routine, duration_seconds: seconds }];
  }
  return indexes.map((i) => ({
    performed_at: performedAt,
    routine: data.routine,
    exercise: data.exercises[i],
    ...(chosen(i) ? { hold_seconds: chosen(i) } : {}),
  }));
}

function stepName(body) {
  return steps[data.exercises.indexOf(body.exercise)].querySelector("h2").textContent;
}

async function finish() {
  if (finished) return;
  // Done on the last exercise means it was done; "Finish early" leaves it out
  // unless its holds ran to the end.
  if (current === steps.length - 1) done.add(current);
  finished = true;
  stopTimer();
  letSleep();
  const performedAt = new Date().toISOString();
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  const bodies = logBodies(performedAt, seconds);
  steps.forEach((step) => {
    step.hidden = true;
  });
  controls.hidden = true;
  settings.hidden = true;
  const text = document.getElementById("finished-text");
  const heading = document.getElementById("finished-heading");
  if (done.size === steps.length) {
    progress.hidden = true;
    text.textContent = interpolate(gettext("%(name)s is logged."), { name: data.name });
  } else {
    progress.textContent = interpolate(gettext("%(done)s of %(count)s done"), { done: done.size, count: steps.length });
    const names = [...done].sort((a, b) => a - b).map((i) => steps[i].querySelector("h2").textContent);
    if (names.length) {
      text.textContent = interpolate(gettext("Logged as a partial session: %(names)s."), { names: names.join(", ") });
    } else {
      heading.textContent = gettext("Session ended");
      text.textContent = gettext("No exercise was finished, so nothing is logged.");
    }
  }
  const box = document.getElementById("player-finished");
  box.hidden = false;
  box.focus();
  say(`${heading.textContent}. ${text.textContent}`);
  // Each log gets its own Undo; the last one, which stays on screen, takes
  // back the whole session.
  const queued = [];
  for (const [i, body] of bodies.entries()) {
    const label =
      body.exercise && !data.plan
        ? interpolate(gettext("%(exercise)s, part of %(routine)s"), { exercise: stepName(body), routine: data.name })
        : data.name;
    const last = i === bodies.length - 1;
    const undoRest = () =>
      queued.slice(0, -1).forEach((entry) => withdrawRecord("log", entry.recordId, entry.label));
    queued.push(await queueRecord("log", body, label, last ? undoRest : undefined));
  }
}

function start() {
  if (!steps.length) return;
  document.getElementById("player-log-form").hidden = true;
  root.classList.add("is-playing");
  progress.hidden = false;
  controls.hidden = false;
  settings.hidden = false;
  soundBox.checked = remembered(SOUND_KEY, true);
  voiceBox.checked = remembered(VOICE_KEY, false);
  soundBox.addEventListener("change", () => remember(SOUND_KEY, soundBox.checked));
  voiceBox.addEventListener("change", () => {
    remember(VOICE_KEY, voiceBox.checked);
    if (!voiceBox.checked) window.speechSynthesis?.cancel();
  });
  steps.forEach((step) => {
    const { button, choices } = parts(step);
    button.addEventListener("click", () => pressHold(step));
    // A new pick shows at once, before the hold starts.
    choices.forEach((input) =>
      input.addEventListener("change", () => {
        if (step.hold?.state !== "ready") return;
        const { count, status } = parts(step);
        step.hold.left = secondsFor(step);
        count.textContent = step.hold.left;
        status.textContent = holdFor(labelsFor(step)[step.hold.index], step.hold.left);
      }),
    );
  });
  previousButton.addEventListener("click", () => show(Math.max(current - 1, 0)));
  nextButton.addEventListener("click", () => {
    done.add(current);
    show(Math.min(current + 1, steps.length - 1));
  });
  doneButton.addEventListener("click", finish);
  show(0);
  keepAwake();
}

start();
