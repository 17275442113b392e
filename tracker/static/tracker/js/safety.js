// Today: show the advice to get strong or spreading pain checked as soon as a
// rating that calls for it is sent through the outbox (the server shows it on
// the next load). The rule is tracker.safety.pain_needs_checking; its
// thresholds come from the page's data attributes, so it is written once.
const advice = document.querySelector("[data-pain-advice]");

export function needsChecking(rating, locations, minimum, places) {
  return rating >= minimum || locations.some((place) => places.includes(place));
}

if (advice) {
  const minimum = Number(advice.dataset.rating);
  const places = (advice.dataset.locations || "").split(" ").filter(Boolean);
  // Capture: read the form before the outbox's own handler resets it.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || form.dataset.outbox !== "pain") return;
      const data = new FormData(form);
      if (data.get("rating") === null) return;
      if (needsChecking(Number(data.get("rating")), data.getAll("locations"), minimum, places)) {
        advice.hidden = false;
      }
    },
    true,
  );
}
