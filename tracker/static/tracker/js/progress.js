// The Progress page: the chart from the page's own data, and the calendar
// scrolled to the latest weeks on a narrow screen.
import { drawProgress } from "./charts.js";

const source = document.getElementById("progress-data");
const container = document.getElementById("progress-chart");
if (source && container) {
  drawProgress(container, JSON.parse(source.textContent), { noiseBand: false });
}

document.querySelectorAll("[data-scroll-end]").forEach((scroller) => {
  scroller.scrollLeft = scroller.scrollWidth;
});
