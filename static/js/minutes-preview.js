// Live preview of the minutes while staff type: the server renders and sanitises the
// Markdown (the same code as the page and the PDF), so what is shown is what is printed.
(function () {
  "use strict";
  var form = document.getElementById("minutes-form");
  var preview = document.getElementById("preview");
  if (!form || !preview) { return; }
  var body = form.querySelector("textarea[name=body]");
  var token = form.querySelector("input[name=csrf_token]");
  var timer = null;
  body.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var data = new FormData();
      data.append("csrf_token", token.value);
      data.append("body", body.value);
      fetch(form.dataset.preview, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) { preview.innerHTML = html; } })
        .catch(function () {});
    }, 400);
  });
})();
