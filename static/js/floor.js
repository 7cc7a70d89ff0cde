/* The list of speakers, live: polls the floor's small JSON state with If-None-Match (a 304
   while nothing changed), draws the room display, an item's list on a phone and the chair's
   console, runs the speaker's timer from the server's clock, and the console's shortcuts. */
(function () {
  "use strict";

  var offset = 0; // server clock minus this computer's, in ms

  function poll(url, every, draw) {
    var etag = null;
    var busy = false;
    function tick() {
      if (busy) { return; }
      busy = true;
      var headers = etag ? { "If-None-Match": etag } : {};
      fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          var now = parseInt(response.headers.get("X-Floor-Now"), 10);
          if (now) { offset = now - Date.now(); }
          if (response.status === 304) { return null; }
          if (!response.ok) { return null; }
          etag = response.headers.get("ETag");
          return response.json();
        })
        .then(function (state) { if (state) { draw(state); } })
        .catch(function () { /* the next tick tries again */ })
        .then(function () { busy = false; });
    }
    tick();
    return window.setInterval(tick, every);
  }

  function clockText(seconds) {
    var sign = seconds < 0 ? "−" : "";
    seconds = Math.abs(Math.floor(seconds));
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return sign + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function timer(root, getState) {
    var out = root.querySelector("[data-floor-timer]");
    var limitOut = root.querySelector("[data-floor-limit]");
    window.setInterval(function () {
      var state = getState();
      if (!state) { return; }
      if (limitOut) { limitOut.textContent = clockText(state.limit); }
      if (!out) { return; }
      if (!state.speaker || !state.speaker.started) {
        out.textContent = "—";
        out.classList.remove("over");
        return;
      }
      var elapsed = (Date.now() + offset - Date.parse(state.speaker.started)) / 1000;
      out.textContent = clockText(Math.max(0, elapsed));
      out.classList.toggle("over", elapsed > state.limit);
      out.classList.toggle("near", elapsed <= state.limit && state.limit - elapsed < 30);
    }, 250);
  }

  function el(tag, text, lang) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (lang) { node.lang = lang.replace("_", "-"); node.dir = lang === "ar" ? "rtl" : "ltr"; }
    return node;
  }

  function clear(node) { while (node && node.firstChild) { node.removeChild(node.firstChild); } }

  /* --- the room display -------------------------------------------------------------- */
  function display(root) {
    var languages = root.dataset.languages.split(" ");
    var labels = JSON.parse(root.dataset.labels);
    var zone = root.dataset.zone;
    var current = null;
    var clock = root.querySelector("[data-floor-clock]");
    var format = new Intl.DateTimeFormat(clock.lang || "en", {
      timeZone: zone, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
    function tickClock() { clock.textContent = format.format(new Date(Date.now() + offset)); }
    tickClock();
    window.setInterval(tickClock, 500);

    function perLanguage(parent, texts, tag) {
      languages.forEach(function (lang) {
        parent.appendChild(el(tag || "p", texts[lang], lang));
      });
    }

    function labelled(parent, key) {
      languages.forEach(function (lang) { parent.appendChild(el("span", labels[lang][key], lang)); });
    }

    function draw(state) {
      current = state;
      root.dataset.version = state.version;
      var number = root.querySelector("[data-floor-number]");
      var titles = root.querySelector("[data-floor-titles]");
      clear(titles);
      number.textContent = state.item ? state.item.number : "";
      if (state.item) { perLanguage(titles, state.item.title, "p"); }
      var who = root.querySelector("[data-floor-speaker]");
      clear(who);
      if (state.speaker) {
        var line = el("span", null);
        line.className = "display-delegation";
        languages.forEach(function (lang, index) {
          if (index && state.speaker.delegation[lang] === state.speaker.delegation[languages[0]]) { return; }
          line.appendChild(el("span", state.speaker.delegation[lang], lang));
        });
        who.appendChild(line);
        if (state.speaker.name) { who.appendChild(el("bdi", state.speaker.name)).className = "display-name"; }
        if (state.speaker.kind !== "speech") {
          var kind = el("span", null);
          kind.className = "display-kind";
          languages.forEach(function (lang) { kind.appendChild(el("span", state.speaker.kind_label[lang], lang)); });
          who.appendChild(kind);
        }
      } else {
        labelled(who, "nobody");
      }
      var queue = root.querySelector("[data-floor-queue]");
      clear(queue);
      state.queue.forEach(function (entry) {
        var li = el("li", null);
        li.dataset.organisation = entry.organisation_id;
        li.appendChild(el("span", entry.delegation[languages[0]], languages[0]));
        if (entry.kind !== "speech") {
          var k = el("span", " · " + entry.kind_label[languages[0]], languages[0]);
          k.className = "display-kind";
          li.appendChild(k);
        }
        queue.appendChild(li);
      });
      var status = root.querySelector("[data-floor-status]");
      clear(status);
      if (!state.queue.length) { labelled(status, "empty"); }
      if (state.list === "closed") { labelled(status, "closed"); }
      var next = root.querySelector("[data-floor-next]");
      clear(next);
      if (state.next_item) {
        var n = el("p", state.next_item.number, null);
        n.dir = "ltr";
        n.className = "display-number";
        next.appendChild(n);
        perLanguage(next, state.next_item.title, "p");
      }
    }
    poll(root.dataset.stateUrl, parseInt(root.dataset.poll, 10) || 1000, draw);
    timer(root, function () { return current; });
  }

  /* --- an item's list (phone) and the console's live part ---------------------------- */
  function live(root, onChange) {
    var lang = root.dataset.lang;
    var current = null;
    function draw(state) {
      var changed = current && current.version !== state.version;
      current = state;
      root.dataset.version = state.version;
      var who = root.querySelector("[data-floor-speaker]");
      clear(who);
      if (state.speaker) {
        var d = el("span", state.speaker.delegation[lang]);
        d.className = "floor-delegation";
        who.appendChild(d);
        if (state.speaker.name) {
          who.appendChild(document.createTextNode(" — "));
          who.appendChild(el("bdi", state.speaker.name));
        }
        if (state.speaker.kind !== "speech") {
          who.appendChild(document.createTextNode(" (" + state.speaker.kind_label[lang] + ")"));
        }
      } else {
        who.textContent = root.dataset.labelNobody;
      }
      var queue = root.querySelector("[data-floor-queue]");
      clear(queue);
      state.queue.forEach(function (entry) {
        var text = entry.delegation[lang] + (entry.kind === "speech" ? "" : " (" + entry.kind_label[lang] + ")");
        var li = el("li", text);
        li.dataset.organisation = entry.organisation_id;
        queue.appendChild(li);
      });
      var empty = root.querySelector("[data-floor-empty]");
      if (!state.queue.length && !empty) {
        empty = el("p", root.dataset.labelEmpty);
        empty.setAttribute("data-floor-empty", "");
        queue.after(empty);
      } else if (state.queue.length && empty) {
        empty.remove();
      }
      var status = root.querySelector("[data-floor-status]");
      status.textContent = state.list === "open" ? root.dataset.labelOpen
        : state.list === "closed" ? root.dataset.labelClosed : root.dataset.labelUnopened;
      if (changed && onChange) { onChange(state); }
    }
    poll(root.dataset.stateUrl, parseInt(root.dataset.poll, 10) || 1000, draw);
    timer(root, function () { return current; });
  }

  /* --- the chair's console ------------------------------------------------------------ */
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function console_(root) {
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
      var key = event.key.toLowerCase();
      var button = root.querySelector('[data-shortcut="' + key + '"]');
      if (button) { event.preventDefault(); button.click(); return; }
      var target = root.querySelector('[data-shortcut-focus="' + key + '"]');
      if (target) {
        event.preventDefault();
        var first = target.form.querySelector("select, input:not([type=hidden])");
        (first || target).focus();
      }
    });
    return function refresh() {
      // A delegation asked or withdrew: redraw the list's buttons from the page itself.
      fetch(window.location.href, { cache: "no-store", credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var fresh = new DOMParser().parseFromString(html, "text/html")
            .querySelector("[data-floor-manage]");
          var old = root.querySelector("[data-floor-manage]");
          if (!fresh || !old) { return; }
          var focused = document.activeElement && old.contains(document.activeElement)
            ? document.activeElement.id : null;
          old.replaceWith(document.importNode(fresh, true));
          if (focused && document.getElementById(focused)) { document.getElementById(focused).focus(); }
        });
    };
  }

  var shown = document.querySelector("[data-floor-display]");
  if (shown) { display(shown); }
  var consoleRoot = document.querySelector("[data-floor-console]");
  var refresh = consoleRoot ? console_(consoleRoot) : null;
  var panel = document.querySelector("[data-floor-live]");
  if (panel) { live(panel, refresh); }
}());
