// Venue desk: keep the code field ready for a handheld scanner (it types the code and Enter),
// and offer the camera where the browser can read QR codes itself (BarcodeDetector).
(function () {
  "use strict";
  var form = document.getElementById("check-in-form");
  if (!form) { return; }
  var field = form.querySelector("input[name=code]");
  var button = document.getElementById("camera-scan");
  var video = document.getElementById("camera");
  if (field) { field.focus(); }
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
      .catch(function () { button.hidden = true; video.hidden = true; field.focus(); });
  });
})();
