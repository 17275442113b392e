// A therapist's view of one patient: the Progress page's chart, with the noise
// band (2 points either side of the first week's pain) that tells a real change
// in pain from day-to-day noise. The data is GET /api/v1/care/patients/{id}/progress/'s
// shape, rendered into the page by the server.
import { drawProgress } from "./charts.js";

const source = document.getElementById("patient-progress-data");
const container = document.getElementById("patient-chart");
if (source && container) {
  drawProgress(container, JSON.parse(source.textContent), {
    noiseBand: container.dataset.noiseBand === "true",
  });
}

// Choosing an exercise fills the dose fields the therapist has not typed in
// with the library's defaults for it (data- attributes on each option).
const DOSE_FIELDS = ["hold_seconds", "reps", "sets", "times_per_day"];
document.querySelectorAll("select[data-dose-defaults]").forEach((select) => {
  const prefix = select.dataset.doseDefaults;
  const typed = new Set();
  for (const field of DOSE_FIELDS) {
    const input = document.getElementById(prefix + field);
    input?.addEventListener("input", () => typed.add(field));
  }
  select.addEventListener("change", () => {
    const option = select.selectedOptions[0];
    for (const field of DOSE_FIELDS) {
      const input = document.getElementById(prefix + field);
      if (!input || typed.has(field)) continue;
      input.value = option?.dataset[field] ?? "";
      if (field === "times_per_day" && !input.value) input.value = "1";
    }
  });
});
