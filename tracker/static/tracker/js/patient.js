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
