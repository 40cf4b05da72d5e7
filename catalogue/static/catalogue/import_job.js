// The import job's page: poll its status URL and show the progress; reload once it has ended.
(function () {
  "use strict";
  var box = document.querySelector("[data-import-status]");
  if (!box) { return; }
  var url = box.getAttribute("data-import-status");
  var bar = document.getElementById("import-progress");
  var text = document.getElementById("import-progress-text");
  var status = document.getElementById("import-status");
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : Promise.reject(); })
      .then(function (job) {
        if (job.finished) { window.location.reload(); return; }
        bar.value = Math.round(100 * job.progress);
        bar.textContent = bar.value + "%";
        text.textContent = job.progress_text;
        status.textContent = job.status_label;
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 2000);
})();
