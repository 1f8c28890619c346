// Copy a link to any item: a "Copy link" button beside every permalink, the canonical URL on the
// clipboard, and the copy announced through the page's live region.
//
// The page holds everything this module shows (_copy_link.md.j2): which permalinks get a button,
// the button, and the sentences. The copied URL is the page's canonical URL (built from site_url;
// Material keeps <link rel="canonical"> current across instant navigation) plus the item's id.

import { copyText } from "./calculator-clipboard.mjs";

const mounted = new WeakSet();

function addButtons() {
  const parts = document.querySelector("[data-copy-link-for]");
  const button = parts?.querySelector("template[data-copy-link-button]");
  if (!button) return;
  for (const permalink of document.querySelectorAll(parts.dataset.copyLinkFor)) {
    if (mounted.has(permalink)) continue; // idempotent: document$ may emit more than once for a page
    mounted.add(permalink);
    const copy = button.content.firstElementChild.cloneNode(true);
    copy.dataset.copyLink = decodeURIComponent(permalink.hash.slice(1));
    permalink.after(copy);
  }
}

function canonicalUrl(id) {
  const canonical = document.querySelector('link[rel="canonical"]');
  const page = new URL(canonical ? canonical.href : location.href);
  page.hash = id;
  return page.href;
}

function announce(outcome) {
  const status = document.querySelector("[data-copy-link-status]");
  const message = document.querySelector(`[data-copy-link-message="${outcome}"]`);
  if (!status || !message) return;
  // Emptied first, so copying twice in a row is announced twice.
  status.textContent = "";
  setTimeout(() => { status.textContent = message.textContent; }, 50);
}

async function copyLink(event) {
  const button = event.target instanceof Element ? event.target.closest("button[data-copy-link]") : null;
  if (!button) return;
  const copied = await copyText(canonicalUrl(button.dataset.copyLink));
  button.dataset.copied = String(copied); // for the stylesheet's brief confirmation
  announce(copied ? "copied" : "failed");
}

// One listener for every button, present and future: Material swaps the page content on navigation.
if (!("__copyLinks" in window)) {
  Object.defineProperty(window, "__copyLinks", { value: true });
  document.addEventListener("click", copyLink);
  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(addButtons);
  else addButtons();
}
