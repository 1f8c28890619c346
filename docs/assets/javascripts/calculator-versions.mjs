// A link made with an earlier calculator model version. The build publishes every version it ever
// had as assets/calculator/models/<version>.json; this module fetches the one a link names and shows
// what the page says about it: the comparison Python made (calculator.bridge.compare), or why the
// version could not be used. The sentences are the page's ([data-calc-version], [data-calc-version-problem]).

import { paint } from "./calculator-bind.mjs";

const MODELS_URL = new URL("../calculator/models/", import.meta.url); // this module lives in assets/javascripts/

// The model version a link's raw answers name, or "" (the parameter's name is the page's: data-calc-version-param).
export function requestedVersion(root, raw) {
  const param = root.querySelector("[data-calc-version]")?.dataset.calcVersionParam;
  const value = param && Object.prototype.hasOwnProperty.call(raw, param) ? raw[param] : "";
  return typeof value === "string" ? value : "";
}

// {text}: the archived model's JSON text; or {reason}: "unknown" (the site never published it) or
// "unavailable" (it could not be fetched: offline, a server fault).
export async function fetchModelVersion(version) {
  try {
    const response = await fetch(new URL(`${encodeURIComponent(version)}.json`, MODELS_URL));
    if (response.status === 404) return { reason: "unknown" };
    if (!response.ok) return { reason: "unavailable" };
    return { text: await response.text() };
  } catch {
    return { reason: "unavailable" };
  }
}

// Show the comparison of the link's model version with today's, or hide it (null).
export function showComparison(root, comparison, siteURL) {
  const banner = root.querySelector("[data-calc-version]");
  if (!banner) return;
  if (comparison) paint(banner, comparison, siteURL);
  banner.hidden = !comparison;
}

// Say why the link's model version was not used ("unknown" | "unavailable"), or nothing ("").
export function showVersionProblem(root, reason, version) {
  const notice = root.querySelector("[data-calc-version-problem]");
  if (!notice) return;
  for (const el of notice.querySelectorAll("[data-calc-version-reason]")) el.hidden = el.dataset.calcVersionReason !== reason;
  const slot = notice.querySelector("[data-calc-version-requested]");
  if (slot) slot.textContent = reason ? String(version) : "";
  notice.hidden = !reason;
}
