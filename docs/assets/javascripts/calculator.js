// Calculator glue: mounts [data-calculator], moves JSON to the Python worker, paints what Python returns.
//
// Loaded on every page (instant navigation does not re-run scripts) and inert where there is no
// [data-calculator]. No scoring, weights or wording live here: words come from the page's
// prerendered HTML (templates and hidden messages) and values from Python's JSON, painted with
// DOM text APIs only (never innerHTML), so nothing taken from the URL can become markup.
(function () {
  "use strict";

  if (window.__calculatorGlue) return; // loaded twice: keep the first (it owns the worker)
  window.__calculatorGlue = true;

  var script = document.currentScript;
  var SCRIPT_URL = script && script.src ? script.src : new URL("assets/javascripts/calculator.js", document.baseURI).href;
  var ASSETS_URL = new URL("../", SCRIPT_URL); // .../assets/
  var SITE_ROOT_URL = new URL("../../", SCRIPT_URL);
  var DEFAULT_TIMEOUT_MS = 30000;
  var INPUT_DEBOUNCE_MS = 150;

  // One interpreter per document: the worker outlives instant navigation between pages.
  var engine = {
    worker: null,
    status: "idle", // idle | starting | ready | failed
    starts: 0,
    waiters: [],
    pending: {},
    nextId: 1,
    error: null,
    timings: null,
  };

  function settle(ok, value) {
    var waiters = engine.waiters;
    engine.waiters = [];
    waiters.forEach(function (w) { (ok ? w.resolve : w.reject)(value); });
  }

  // A failure carries a reason key (its sentence is in the page: [data-calc-error-reason]) and a
  // technical detail (an HTTP status, a Python exception), shown as code.
  function failure(reason, detail) {
    var error = new Error(String(detail || reason));
    error.reason = reason;
    error.detail = detail ? String(detail) : "";
    return error;
  }

  function failEngine(reason, detail) {
    if (engine.status === "failed") return;
    engine.status = "failed";
    engine.error = failure(reason, detail);
    if (engine.worker) engine.worker.terminate();
    engine.worker = null;
    Object.keys(engine.pending).forEach(function (id) {
      engine.pending[id].reject(engine.error);
    });
    engine.pending = {};
    settle(false, engine.error);
  }

  function onWorkerMessage(event) {
    var msg = event.data || {};
    if (msg.type === "ready") {
      engine.status = "ready";
      engine.timings = msg.timings || null;
      settle(true);
    } else if (msg.type === "result" || (msg.type === "error" && msg.stage === "run")) {
      var entry = engine.pending[msg.id];
      delete engine.pending[msg.id];
      if (!entry) return;
      if (msg.type === "result") entry.resolve(msg.json);
      else entry.reject(failure("run", msg.message));
    } else if (msg.type === "error") {
      failEngine("start", msg.message);
    }
  }

  // Resolve when Python is ready; start the worker on first use; reject on error or timeout.
  function ensureEngine(timeoutMs, build) {
    if (engine.status === "ready") return Promise.resolve();
    if (engine.status === "failed") {
      engine.status = "idle"; // a later mount (or Retry) tries again with a new worker
      engine.error = null;
    }
    var promise = new Promise(function (resolve, reject) {
      engine.waiters.push({ resolve: resolve, reject: reject });
    });
    if (engine.status === "idle") {
      engine.status = "starting";
      engine.starts += 1;
      var version = build ? "?v=" + encodeURIComponent(build) : "";
      try {
        engine.worker = new Worker(new URL("javascripts/calculator-worker.mjs" + version, ASSETS_URL), { type: "module" });
      } catch (err) {
        failEngine("start", err && err.message);
        return promise;
      }
      engine.worker.onmessage = onWorkerMessage;
      engine.worker.onerror = function (event) {
        if (event && event.preventDefault) event.preventDefault();
        failEngine(engine.status === "starting" ? "start" : "crash", event && event.message);
      };
      engine.worker.onmessageerror = function () { failEngine("crash", "messageerror"); };
      engine.worker.postMessage({
        type: "init",
        pyodideURL: new URL("pyodide/", ASSETS_URL).href,
        archiveURL: new URL("calculator/calculator.zip" + version, ASSETS_URL).href,
        modelURL: new URL("calculator/model.json" + version, ASSETS_URL).href,
      });
      // loadPyodide can hang forever (wrong wasm MIME type, CSP): never wait without a limit.
      var timer = setTimeout(function () {
        if (engine.status === "starting") {
          failEngine("timeout", Math.round(timeoutMs / 1000) + " s");
        }
      }, timeoutMs);
      promise.then(function () { clearTimeout(timer); }, function () { clearTimeout(timer); });
    }
    return promise;
  }

  function runPython(rawAnswers, siteURL) {
    if (engine.status !== "ready" || !engine.worker) return Promise.reject(engine.error || failure("crash", engine.status));
    var id = engine.nextId++;
    return new Promise(function (resolve, reject) {
      engine.pending[id] = { resolve: resolve, reject: reject };
      engine.worker.postMessage({ type: "run", id: id, answers: JSON.stringify(rawAnswers), siteURL: siteURL });
    });
  }

  // ---- painting: bind JSON values into the prerendered markup ------------------------------

  function lookup(data, path) {
    if (path === "" || path === ".") return data;
    var value = data;
    var parts = path.split(".");
    for (var i = 0; i < parts.length; i++) {
      if (value === null || value === undefined || typeof value !== "object") return undefined;
      value = value[parts[i]];
    }
    return value;
  }

  function isEmpty(value) {
    if (value === null || value === undefined || value === false || value === "") return true;
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === "object") return Object.keys(value).length === 0;
    return false;
  }

  // Values are painted as Python sent them: numbers arrive already formatted in `display`.
  function formatValue(value) {
    if (value === null || value === undefined || typeof value === "object") return "";
    return String(value);
  }

  // Only site-relative paths, fragments and http(s) URLs become links.
  function safeHref(value) {
    if (typeof value !== "string" || value === "") return null;
    var url;
    try {
      url = /^[a-z][a-z0-9+.-]*:/i.test(value) || value.charAt(0) === "#" ? new URL(value, location.href) : new URL(value, SITE_ROOT_URL);
    } catch (err) {
      return null;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (value.charAt(0) === "#") return value;
    return url.href;
  }

  function numberOr(value, fallback) {
    return typeof value === "number" && isFinite(value) ? value : fallback;
  }

  // data-bind-attr="attr=path;attr2=path2", data-bind-var="--name=path", data-bind-href="path",
  // data-bind-text="path", data-bind-hidden="path" / data-bind-shown="path",
  // data-bind-sign="path" (data-sign = positive | negative | zero, for CSS),
  // data-bind-list="path" (items from the element's <template>), data-bind-skip (not painted).
  function applyBindings(el, data) {
    var d = el.dataset;
    if (d.bindSign !== undefined) {
      var n = lookup(data, d.bindSign);
      el.setAttribute("data-sign", typeof n !== "number" || n === 0 || !isFinite(n) ? "zero" : n > 0 ? "positive" : "negative");
    }
    if (d.bindHidden !== undefined) el.hidden = !isEmpty(lookup(data, d.bindHidden));
    if (d.bindShown !== undefined) el.hidden = isEmpty(lookup(data, d.bindShown));
    if (d.bindAttr) {
      d.bindAttr.split(";").forEach(function (pair) {
        var eq = pair.indexOf("=");
        if (eq < 1) return;
        var value = lookup(data, pair.slice(eq + 1).trim());
        el.setAttribute(pair.slice(0, eq).trim(), formatValue(value));
      });
    }
    if (d.bindVar) {
      d.bindVar.split(";").forEach(function (pair) {
        var eq = pair.indexOf("=");
        if (eq < 1) return;
        el.style.setProperty(pair.slice(0, eq).trim(), String(numberOr(lookup(data, pair.slice(eq + 1).trim()), 0)));
      });
    }
    if (d.bindHref !== undefined) {
      var href = safeHref(lookup(data, d.bindHref));
      if (href) el.setAttribute("href", href);
      else el.removeAttribute("href");
    }
  }

  function paint(el, data) {
    var children = Array.prototype.slice.call(el.children);
    for (var i = 0; i < children.length; i++) {
      var child = children[i];
      if (child.tagName === "TEMPLATE" || child.dataset.bindSkip !== undefined) continue;
      applyBindings(child, data);
      if (child.dataset.bindList !== undefined) {
        paintList(child, lookup(data, child.dataset.bindList));
      } else if (child.dataset.bindText !== undefined) {
        child.textContent = formatValue(lookup(data, child.dataset.bindText));
      } else {
        paint(child, data);
      }
    }
  }

  function paintList(listEl, items) {
    var template = null;
    for (var i = 0; i < listEl.children.length; i++) {
      if (listEl.children[i].tagName === "TEMPLATE") template = listEl.children[i];
    }
    if (!template) return;
    Array.prototype.slice.call(listEl.children).forEach(function (child) {
      if (child !== template) listEl.removeChild(child);
    });
    if (items && !Array.isArray(items) && typeof items === "object") {
      items = Object.keys(items).map(function (key) { return { key: key, value: items[key] }; });
    }
    (items || []).forEach(function (item) {
      var holder = document.createElement("div");
      holder.appendChild(template.content.cloneNode(true));
      paint(holder, item);
      while (holder.firstChild) listEl.appendChild(holder.firstChild);
    });
  }

  // ---- one mounted widget -------------------------------------------------------------------

  function Widget(root) {
    this.root = root;
    this.form = root.querySelector("[data-calc-form]");
    this.result = root.hasAttribute("data-calc-result") ? root : root.querySelector("[data-calc-result]");
    this.timeoutMs = Math.max(1000, parseInt(root.dataset.timeoutMs, 10) || DEFAULT_TIMEOUT_MS);
    this.siteURL = root.dataset.siteUrl || SITE_ROOT_URL.href;
    this.build = root.dataset.build || "";
    this.reserved = (root.dataset.urlReserved || "").split(/\s+/).filter(Boolean);
    this.latest = 0;
    this.runs = 0;
    this.markdown = null;
    this.debounce = null;
  }

  Widget.prototype.setState = function (state, error) {
    this.root.setAttribute("data-state", state);
    var messages = this.root.querySelectorAll("[data-calc-message]");
    for (var i = 0; i < messages.length; i++) {
      messages[i].hidden = messages[i].getAttribute("data-calc-message") !== state;
    }
    var reason = state === "error" ? (error && error.reason) || "crash" : "";
    var reasons = this.root.querySelectorAll("[data-calc-error-reason]");
    for (var r = 0; r < reasons.length; r++) {
      reasons[r].hidden = reasons[r].getAttribute("data-calc-error-reason") !== reason;
    }
    var slot = this.root.querySelector("[data-calc-error-detail]");
    if (slot) {
      slot.textContent = state === "error" && error ? (error.detail !== undefined ? error.detail : String(error)) : "";
      var holder = slot.closest(".calc-error-detail") || slot;
      holder.hidden = !slot.textContent;
    }
    var busy = state === "loading";
    this.root.setAttribute("aria-busy", busy ? "true" : "false");
    var live = this.root.querySelectorAll("[data-calc-live-only]");
    for (var j = 0; j < live.length; j++) live[j].disabled = state !== "ready";
  };

  Widget.prototype.start = function () {
    this.bindEvents();
    this.boot();
  };

  // Start (or restart) Python, then score the answers from the URL on first success, else the form's.
  Widget.prototype.boot = function () {
    var self = this;
    self.setState("loading");
    var promise = ensureEngine(self.timeoutMs, self.build);
    self.root.setAttribute("data-worker-starts", String(engine.starts));
    promise.then(function () {
      if (!self.root.isConnected) return;
      if (self.runs === 0) {
        var fromURL = readURLAnswers(self.reserved);
        return self.compute(fromURL.raw, { initial: true, fromURL: fromURL.present });
      }
      return self.compute(self.formAnswers(), { initial: false, fromURL: false });
    }).catch(function (err) {
      if (self.root.isConnected) self.setState("error", err);
    });
  };

  Widget.prototype.bindEvents = function () {
    var self = this;
    if (self.form) {
      self.form.addEventListener("submit", function (event) {
        event.preventDefault();
        self.recompute();
      });
      self.form.addEventListener("change", function () {
        clearTimeout(self.debounce);
        self.recompute();
      });
      self.form.addEventListener("input", function (event) {
        if (!event.target || event.target.type !== "number") return;
        clearTimeout(self.debounce);
        self.debounce = setTimeout(function () { self.recompute(); }, INPUT_DEBOUNCE_MS);
      });
      self.form.addEventListener("reset", function () {
        clearTimeout(self.debounce);
        setTimeout(function () { self.recompute(); }, 0); // after the browser has cleared the controls
      });
    }
    self.root.addEventListener("click", function (event) {
      var button = event.target && event.target.closest ? event.target.closest("[data-calc-action]") : null;
      if (!button || !self.root.contains(button)) return;
      var action = button.getAttribute("data-calc-action");
      if (action === "copy-link") self.copy(location.href, "link");
      else if (action === "copy-markdown" && self.markdown !== null) self.copy(self.markdown, "markdown");
      else if (action === "retry") self.boot();
    });
  };

  Widget.prototype.recompute = function () {
    if (engine.status !== "ready") return;
    this.compute(this.formAnswers(), { initial: false, fromURL: false });
  };

  // The raw form values, strings only; Python decides what they mean.
  Widget.prototype.formAnswers = function () {
    var raw = {};
    if (!this.form) return raw;
    var elements = this.form.elements;
    for (var i = 0; i < elements.length; i++) {
      var el = elements[i];
      if (!el.name || el.disabled) continue;
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) raw[el.name] = el.value;
      } else if (el.tagName === "SELECT" || el.type === "number" || el.type === "text" || el.type === "range") {
        if (el.value !== "") raw[el.name] = el.value;
      }
    }
    return raw;
  };

  // Show Python's cleaned answers in the form controls (names and values compared, never used as selectors).
  Widget.prototype.showAnswers = function (answers) {
    if (!this.form || !answers) return;
    var elements = this.form.elements;
    for (var i = 0; i < elements.length; i++) {
      var el = elements[i];
      if (!el.name || !Object.prototype.hasOwnProperty.call(answers, el.name)) continue;
      var value = String(answers[el.name]);
      if (el.type === "radio" || el.type === "checkbox") el.checked = el.value === value;
      else if (el !== document.activeElement || el.value === "") el.value = value;
    }
  };

  Widget.prototype.compute = function (raw, options) {
    var self = this;
    var id = ++self.latest;
    var started = performance.now();
    return runPython(raw, self.siteURL).then(function (json) {
      if (id !== self.latest || !self.root.isConnected) return;
      var reply = JSON.parse(json);
      if (!reply || reply.ok !== true) throw failure("run", reply && reply.error);
      self.showAnswers(reply.answers);
      self.showDropped(reply.dropped || [], options.fromURL);
      self.paintResult(reply.result);
      self.markdown = typeof reply.markdown === "string" ? reply.markdown : null;
      self.writeURL(reply.answers, options.initial);
      self.runs += 1;
      self.root.setAttribute("data-runs", String(self.runs));
      self.root.setAttribute("data-last-run-ms", (performance.now() - started).toFixed(2));
      self.setState("ready");
    }).catch(function (err) {
      if (id !== self.latest || !self.root.isConnected) return;
      self.setState("error", err);
    });
  };

  Widget.prototype.showDropped = function (dropped, fromURL) {
    var notice = this.root.querySelector("[data-calc-dropped]");
    if (!notice) return;
    if (!fromURL && dropped.length === 0) {
      // Keep a notice about the opening link visible until the reader changes something.
      notice.hidden = true;
      return;
    }
    var list = notice.querySelector("[data-calc-dropped-list]");
    if (list) paintList(list, dropped.map(function (d) {
      var key = String(d.key);
      return { key: key.length > 80 ? key.slice(0, 80) + "\u2026" : key, reason: String(d.reason) };
    }));
    notice.hidden = dropped.length === 0;
  };

  Widget.prototype.paintResult = function (result) {
    if (!this.result || !result) return;
    paint(this.result, result);
    var verdict = this.root.querySelector("[data-verdict]");
    if (verdict) verdict.setAttribute("data-verdict", String(result.verdict));
  };

  // The URL always holds the answers Python accepted, so a copied link reproduces the verdict.
  // On the first run it only cleans a link the reader arrived with; a bare URL stays bare.
  Widget.prototype.writeURL = function (answers, initial) {
    if (!answers || !window.history || !history.replaceState) return;
    var current = new URLSearchParams(location.search);
    var params = new URLSearchParams();
    var reservedOnly = true;
    current.forEach(function (value, key) {
      if (this.reserved.indexOf(key) !== -1) params.append(key, value);
      else reservedOnly = false;
    }, this);
    if (initial && reservedOnly) return; // a bare link stays bare until the reader answers
    Object.keys(answers).forEach(function (key) { params.set(key, String(answers[key])); });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    try {
      history.replaceState(history.state, "", url);
    } catch (err) {
      /* a sandboxed frame may refuse; the answers are still on screen */
    }
  };

  Widget.prototype.copy = function (text, what) {
    var self = this;
    var done = function (ok) { self.showCopyStatus(ok ? what : "failed", ok ? null : text); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
    } else {
      done(fallbackCopy(text));
    }
  };

  Widget.prototype.showCopyStatus = function (which, text) {
    var messages = this.root.querySelectorAll("[data-calc-copied]");
    for (var i = 0; i < messages.length; i++) messages[i].hidden = messages[i].getAttribute("data-calc-copied") !== which;
    var manual = this.root.querySelector("[data-calc-manual-copy]");
    if (manual) {
      manual.hidden = which !== "failed";
      if (which === "failed") {
        manual.value = text;
        manual.focus();
        manual.select();
      }
    }
  };

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (err) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  // Every query parameter but the theme's own (data-url-reserved), as strings; Python
  // (calculator.sanitize_answers) decides what is kept.
  function readURLAnswers(reserved) {
    var raw = {};
    var present = false;
    new URLSearchParams(location.search).forEach(function (value, key) {
      if (reserved.indexOf(key) !== -1) return;
      raw[key] = value;
      present = true;
    });
    return { raw: raw, present: present };
  }

  function mountAll() {
    var roots = document.querySelectorAll("[data-calculator]");
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i];
      if (root.__calculatorWidget) continue; // idempotent: document$ may emit more than once
      root.__calculatorWidget = new Widget(root);
      root.__calculatorWidget.start();
    }
  }

  // Observable for tests and benchmarks: how often a worker was started in this document.
  Object.defineProperty(window, "__calculatorEngine", {
    value: {
      get starts() { return engine.starts; },
      get status() { return engine.status; },
      get timings() { return engine.timings; },
    },
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
