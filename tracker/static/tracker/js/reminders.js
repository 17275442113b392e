// Reminders settings: the notification controls (push.js), a test
// notification, and a confirmation before a reminder is deleted. The forms
// themselves post to the page and work without this script.
import { gettext } from "./i18n.js";
import { pushSupported, sendTestNotification } from "./push.js";

function wireTestButton() {
  const button = document.querySelector("[data-push-test]");
  const status = document.querySelector("[data-push-status]");
  if (!button || !pushSupported()) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = gettext("Sending a test notification…");
    status.textContent = await sendTestNotification();
    button.disabled = false;
  });
}

function confirmDeletes() {
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
}

wireTestButton();
confirmDeletes();
