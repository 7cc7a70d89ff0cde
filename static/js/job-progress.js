// A background job's page: ask the server for the job's state every second or two and move the
// progress bar; the status line is a live region, so a screen reader hears "Ready" or the
// error. Without JavaScript the page's Refresh link does the same.
(function () {
  "use strict";
  var section = document.getElementById("job");
  if (!section || section.getAttribute("data-finished") === "yes") { return; }
  var url = section.getAttribute("data-status-url");
  var bar = document.getElementById("job-progress");
  var label = document.getElementById("job-label");
  var count = document.getElementById("job-count");
  var note = document.getElementById("job-note");
  var error = document.getElementById("job-error");
  var download = document.getElementById("job-download");
  var link = document.getElementById("job-download-link");
  var refresh = document.getElementById("job-refresh");
  var countText = count.getAttribute("data-template");
  var delay = 1000;
  var show = function (element, text) {
    element.textContent = text || "";
    element.hidden = !text;
  };
  var poll = function () {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (job) {
        bar.value = job.percent;
        bar.textContent = job.percent + " %";
        if (label.textContent !== job.label) { label.textContent = job.label; }
        count.textContent = (!job.finished && job.total && countText)
          ? countText.replace("DONE", job.done).replace("TOTAL", job.total) : "";
        show(note, job.note);
        show(error, job.error);
        if (job.download) {
          link.href = job.download;
          link.textContent = link.getAttribute("data-template").replace("NAME", job.filename);
          download.hidden = false;
        }
        if (job.finished) {
          refresh.hidden = true;
          section.setAttribute("data-finished", "yes");
          return;
        }
        delay = Math.min(delay * 1.2, 5000);
        window.setTimeout(poll, delay);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  };
  window.setTimeout(poll, delay);
}());
