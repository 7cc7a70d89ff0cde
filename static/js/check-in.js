// Venue desk: keep the code field ready for a handheld scanner (it types the code and Enter),
// and offer the camera where the browser can read QR codes itself (BarcodeDetector).
// The server renders the field empty and autofocused after every scan, so the page works
// without JavaScript; this makes sure of it when the browser restores an old value (Back).
(function () {
  "use strict";
  var form = document.getElementById("check-in-form");
  if (!form) { return; }
  var field = form.querySelector("input[name=code]");
  var button = document.getElementById("camera-scan");
  var video = document.getElementById("camera");
  // Focused and selected: the next scan replaces whatever is there (a code from the
  // badge's own link, ?code=, stays until then).
  var ready = function () {
    if (!field) { return; }
    field.focus();
    field.select();
  };
  ready();
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && field) { field.value = ""; }  // back to a page kept in memory
    ready();
  });
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !button || !video) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        return video.play().then(function () { return stream; });
      })
      .then(function (stream) {
        var look = function () {
          detector.detect(video).then(function (codes) {
            if (codes.length) {
              stream.getTracks().forEach(function (track) { track.stop(); });
              field.value = codes[0].rawValue;
              form.submit();
            } else {
              window.requestAnimationFrame(look);
            }
          }).catch(function () { window.requestAnimationFrame(look); });
        };
        look();
      })
      .catch(function () { button.hidden = true; video.hidden = true; ready(); });
  });
})();
