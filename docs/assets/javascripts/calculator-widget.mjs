// One mounted calculator: form events, the page states (prerendered, loading, ready, error), the
// answers in the URL (with the model version a link was made with, and again after Back or Forward
// within the page), the copy and download buttons, and the notices about a link (values dropped, an
// earlier model version).
//
// Words come from the page's prerendered HTML (hidden messages, list templates) and values from
// Python's JSON: this module only shows, hides and paints them.

import { onAddressRestored, readAddress, writeAddress } from "./calculator-address.mjs";
import { readForm, showAnswers } from "./calculator-form.mjs";
import { paint, paintList, prepare } from "./calculator-bind.mjs";
import { copyText, showCopyStatus } from "./calculator-clipboard.mjs";
import { compare, engineInfo, ensureEngine, isReady, record, run } from "./calculator-client.mjs";
import { LookAhead } from "./calculator-look-ahead.mjs";
import { downloadText, recordDetails } from "./calculator-record.mjs";
import { fetchModelVersion, requestedVersion, showComparison, showVersionProblem } from "./calculator-versions.mjs";

const INPUT_DEBOUNCE_MS = 150;
const SITE_ROOT_URL = new URL("../../", import.meta.url);
const MARKDOWN_TYPE = "text/markdown;charset=utf-8";

export class Widget {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("[data-calc-form]");
    this.result = root.hasAttribute("data-calc-result") ? root : root.querySelector("[data-calc-result]");
    this.siteURL = root.dataset.siteUrl || SITE_ROOT_URL.href;
    this.reserved = (root.dataset.urlReserved || "").split(/\s+/).filter(Boolean);
    this.latest = 0; // id of the newest run; older replies are ignored
    this.runs = 0;
    this.answers = null; // the answers Python accepted last: what the link and the record describe
    this.shownSearch = null; // the address's query when those answers were shown (null: none yet)
    this.modelVersion = ""; // the earlier model version of the verdict shown (an old link), else "" (today's)
    this.debounce = null;
    this.ahead = new LookAhead(root, this.form, this.siteURL);
  }

  start() {
    this.bindEvents();
    this.boot();
    // While Python starts, look up what the first reply will paint (calculator-bind-plan.mjs).
    if (this.result) prepare(this.result);
  }

  setState(state, error) {
    const root = this.root;
    root.setAttribute("data-state", state);
    for (const el of root.querySelectorAll("[data-calc-message]")) el.hidden = el.dataset.calcMessage !== state;
    const reason = state === "error" ? error?.reason || "crash" : "";
    for (const el of root.querySelectorAll("[data-calc-error-reason]")) el.hidden = el.dataset.calcErrorReason !== reason;
    const slot = root.querySelector("[data-calc-error-detail]");
    if (slot) {
      slot.textContent = state === "error" && error ? (error.detail !== undefined ? error.detail : String(error)) : "";
      (slot.closest(".calc-error-detail") || slot).hidden = !slot.textContent;
    }
    const progress = root.querySelector("[data-calc-progress]");
    if (progress) {
      progress.hidden = state !== "loading";
      if (state === "loading") progress.removeAttribute("value"); // indeterminate until bytes arrive
    }
    root.setAttribute("aria-busy", state === "loading" ? "true" : "false");
    for (const el of root.querySelectorAll("[data-calc-live-only]")) el.disabled = state !== "ready";
  }

  // Start (or restart) Python, then score the answers from the URL on first success, else the form's.
  async boot() {
    this.setState("loading");
    const ready = ensureEngine({
      timeout: this.root.dataset.timeoutMs,
      stall: this.root.dataset.stallMs,
      runtime: this.root.dataset.runtime,
      onProgress: (loaded, total) => this.showProgress(loaded, total),
    });
    this.root.setAttribute("data-worker-starts", String(engineInfo.starts));
    try {
      await ready;
    } catch (err) {
      if (this.root.isConnected) this.setState("error", err);
      return;
    }
    if (!this.root.isConnected) return;
    if (this.runs === 0) await this.scoreAddress();
    else await this.compute(this.formAnswers(), { initial: false, fromURL: false });
  }

  // Score the answers the address holds: on the first run, and after Back or Forward within the page.
  scoreAddress() {
    const fromURL = readAddress(this.reserved);
    const version = requestedVersion(this.root, fromURL.raw);
    // A link names the model it was made with; today's own version (or none) needs no comparison.
    const earlier = version && version !== engineInfo.modelVersion ? version : "";
    return this.compute(fromURL.raw, { initial: true, fromURL: fromURL.present, earlier });
  }

  // Back or Forward to another entry of this page's history (links-in-page.mjs): the page shows the
  // answers that address holds, as opening it would, and keeps what is typed in the record's fields.
  // Before Python is ready there is nothing to do: its first run reads the address.
  followAddress() {
    if (!isReady() || location.search === this.shownSearch) return;
    clearTimeout(this.debounce);
    this.scoreAddress();
  }

  // Bytes of Python's files downloaded so far; without a known total the bar stays indeterminate.
  showProgress(loaded, total) {
    const progress = this.root.querySelector("[data-calc-progress]");
    if (!progress || !this.root.isConnected || total <= 0) return;
    progress.max = total;
    progress.value = loaded;
  }

  bindEvents() {
    const form = this.form;
    if (form) {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.recompute();
      });
      // Controls belong to the form by their form attribute too (the figures sit outside it, beside
      // the costs), and their events bubble through the page, not the form: so they are heard on the
      // root and kept when their form is this one.
      const ours = (event) => event.target === form || event.target?.form === form;
      this.root.addEventListener("change", (event) => {
        if (!ours(event)) return;
        clearTimeout(this.debounce);
        this.ahead.changed();
        this.recompute(event.target.name);
      });
      this.ahead.watch((event) => ours(event) || form.contains(event.target));
      this.root.addEventListener("input", (event) => {
        if (!ours(event) || event.target.type !== "number") return;
        clearTimeout(this.debounce);
        this.debounce = setTimeout(() => this.recompute(), INPUT_DEBOUNCE_MS);
      });
      form.addEventListener("reset", () => {
        clearTimeout(this.debounce);
        setTimeout(() => this.recompute(), 0); // after the browser has cleared the controls
      });
    }
    this.root.addEventListener("click", (event) => {
      const button = event.target?.closest?.("[data-calc-action]");
      if (!button || !this.root.contains(button)) return;
      const action = button.dataset.calcAction;
      if (action === "copy-link") this.copy(location.href, "link");
      else if (action === "copy-markdown" && this.answers !== null) this.shareRecord("markdown");
      else if (action === "download-markdown" && this.answers !== null) this.shareRecord("download");
      else if (action === "retry") this.boot();
    });
    onAddressRestored(this.root, () => this.followAddress());
  }

  // `changed`: the name of the control whose change this is, if any.
  recompute(changed = "") {
    if (isReady()) this.compute(this.formAnswers(), { initial: false, fromURL: false, changed });
  }

  formAnswers() {
    return readForm(this.form);
  }

  showAnswers(answers) {
    showAnswers(this.form, answers);
  }

  // Score raw answers with today's model, or (`earlier`: a link's model version) with that version
  // beside today's; every change the reader makes is scored with today's model.
  async compute(raw, { initial, fromURL, earlier = "", changed = "" }) {
    const id = ++this.latest;
    const started = performance.now();
    try {
      const { reply, problem } = earlier ? await this.scoreEarlier(raw, earlier) : { reply: await run(raw, this.siteURL), problem: "" };
      if (id !== this.latest || !this.root.isConnected) return;
      const comparison = problem || !earlier ? null : reply.result;
      const result = comparison ? comparison.then : reply.result;
      this.answers = reply.answers || {};
      this.modelVersion = comparison ? String(reply.model_version) : "";
      // The address first: the browser saves the scroll position with it, which would otherwise
      // lay out the page again right after the paint below has changed it.
      writeAddress(reply.permalink_query, initial, this.reserved);
      this.shownSearch = location.search;
      this.showAnswers(this.answers);
      this.showDropped(reply.dropped || [], fromURL);
      showComparison(this.root, comparison, this.siteURL);
      showVersionProblem(this.root, problem, earlier);
      if (this.result && result) {
        paint(this.result, result, this.siteURL);
        const verdict = this.root.querySelector("[data-verdict]");
        if (verdict && verdict.getAttribute("data-verdict") !== String(result.verdict)) {
          verdict.setAttribute("data-verdict", String(result.verdict));
        }
      }
      this.runs += 1;
      this.root.setAttribute("data-runs", String(this.runs));
      this.root.setAttribute("data-last-run-ms", String(performance.now() - started));
      if (this.root.getAttribute("data-state") !== "ready") this.setState("ready");
      this.ahead.soon(changed);
    } catch (err) {
      if (id === this.latest && this.root.isConnected) this.setState("error", err);
    }
  }

  // Keys and reasons arrive from Python ready to show (long keys already shortened).
  showDropped(dropped, fromURL) {
    const notice = this.root.querySelector("[data-calc-dropped]");
    if (!notice) return;
    if (!fromURL && dropped.length === 0) {
      if (!notice.hidden) notice.hidden = true; // a notice about the opening link stays until the reader changes something
      return;
    }
    const list = notice.querySelector("[data-calc-dropped-list]");
    if (list) paintList(list, dropped, this.siteURL);
    if (notice.hidden !== (dropped.length === 0)) notice.hidden = dropped.length === 0;
  }

  // An old link, scored with the model version it names and with today's: {reply, problem}. A version
  // that cannot be had (never published, not fetched, not the one that came back) leaves today's
  // model to score the link alone, and `problem` names why ("unknown" | "unavailable").
  async scoreEarlier(raw, version) {
    const archived = await fetchModelVersion(version);
    if (archived.text !== undefined) {
      const reply = await compare(archived.text, raw, this.siteURL).catch(() => null);
      if (reply?.result?.then_version === version) return { reply, problem: "" };
    }
    return { reply: await run(raw, this.siteURL), problem: archived.reason || "unknown" };
  }

  // The decision record is made by Python when asked for, for the answers the URL holds, with the
  // reader's details; it goes to the clipboard ("markdown") or into a downloaded file ("download").
  async shareRecord(how) {
    let reply;
    try {
      reply = await record(this.answers, this.siteURL, recordDetails(this.root, this.modelVersion));
    } catch (err) {
      if (this.root.isConnected) this.setState("error", err);
      return;
    }
    if (how === "markdown") {
      await this.copy(String(reply.markdown), "markdown");
      return;
    }
    downloadText(String(reply.markdown), String(reply.filename), MARKDOWN_TYPE);
    showCopyStatus(this.root, "download", null);
  }

  async copy(text, what) {
    const ok = await copyText(text);
    showCopyStatus(this.root, ok ? what : "failed", ok ? null : text);
  }
}
