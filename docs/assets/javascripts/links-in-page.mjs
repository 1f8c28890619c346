// A link to a place on the page being read (a table-of-contents entry, a ¶ permalink, "#why")
// moves within that page, as a browser's own fragment link does, and leaves the rest of the
// address alone: on the calculator, its query holds the reader's answers. Back and Forward between
// such places stay on the page too, and the page's parts are told to show what the address holds.
//
// Why this is needed: Material's instant navigation makes every link absolute when a page loads
// (so "#why" becomes the address the page was loaded with, plus "#why") and answers link clicks
// itself. Once the calculator had written the reader's answers into the query, such a link named
// another address, and the first one followed made Material fetch and re-render the page from that
// address: the answers were gone, and so was anything typed in the record's fields. Those clicks
// are answered here first (capture phase) with a fragment navigation of the current address; the
// browser scrolls to the target and fires `hashchange`, which Material and links-moved.mjs follow.
//
// Every move between two entries of the page's history (that fragment navigation, Back, Forward)
// also fires `popstate`, which Material takes for a page to fetch when it is the first address it
// hears of, and otherwise only scrolls for, whatever the query now holds: after Back, the
// calculator showed the answers of one address under another. So a `popstate` that stays on the
// page Material last went to is kept from it (the page loads this module before Material's bundle,
// so that this listener comes first); where the reader was on that entry is restored
// (rememberScroll); and the page hears ADDRESS_RESTORED, on which the calculator scores the answers
// the address now holds. A `popstate` to another page stays Material's.

export const ADDRESS_RESTORED = "site:address-restored";

let ownMove = ""; // the address this module just moved to
let ownMoveTimer = null;
let shownPath = location.pathname; // the page Material last went to (its location$), else this one

// A link of the page, left to the browser and Material when it opens elsewhere or in a new window.
function inPageHash(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return "";
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  // Search results carry their own query (?h=, the words to highlight): Material opens those.
  if (!link || link.target || link.hasAttribute("download") || link.closest(".md-search")) return "";
  let url;
  try {
    url = new URL(link.href, location.href);
  } catch {
    return "";
  }
  const samePage = url.origin === location.origin && url.pathname === location.pathname;
  return samePage && url.hash !== "" && url.hash !== "#" ? url.hash : "";
}

function followInPage(event) {
  const hash = inPageHash(event);
  if (!hash) return;
  event.preventDefault();
  event.stopPropagation(); // Material's instant navigation would fetch this page again
  // On a phone the table of contents sits in Material's drawer: close it, as Material does when it
  // navigates (its toggle is a checkbox that the theme watches for changes).
  const drawer = document.querySelector('input[data-md-toggle="drawer"]');
  if (drawer?.checked) drawer.click();
  if (location.hash === hash) {
    // The same fragment again: the browser would not move, so bring its target into view.
    targetOf(hash)?.scrollIntoView();
  } else {
    const next = new URL(location.href);
    next.hash = hash;
    ownMove = next.href;
    clearTimeout(ownMoveTimer);
    ownMoveTimer = setTimeout(() => { ownMove = ""; }, 1000);
    rememberScroll();
    // Back to this entry restores the place just recorded (stayOnPage). The browser's own restore
    // would come after that and, with the drawer used on a phone, put the page elsewhere.
    history.scrollRestoration = "manual";
    location.hash = hash;
  }
}

function targetOf(hash) {
  try {
    const id = decodeURIComponent(hash.slice(1));
    return id ? document.getElementById(id) : null;
  } catch {
    return null; // a malformed escape in the address names nothing
  }
}

// Where the reader was on each entry of the page's history, by the Navigation API's key for the
// entry, recorded as the reader scrolls and when a link here leaves the entry. The browser's own
// record is not relied on: where Material manages scrolling it restores nothing, and elsewhere it
// put a phone's page about 200 px from where the reader had been after the drawer was used; the
// offset Material keeps in the entry's state is written over by its table-of-contents tracking. A
// browser without that API gets the offset in the state of the entry a link here leaves (Material's
// own shape for it).
const offsets = new Map();

// As the reader scrolls: the place on the entry shown, where the entry has a key.
function recordScroll() {
  const key = window.navigation?.currentEntry?.key;
  if (key) offsets.set(key, { x: window.scrollX, y: window.scrollY });
  return Boolean(key);
}

// As a link here leaves the entry.
function rememberScroll() {
  if (recordScroll()) return;
  try {
    history.replaceState({ x: window.scrollX, y: window.scrollY }, "");
  } catch {
    // a sandboxed frame may refuse: Back then shows the entry's target
  }
}

// Where the entry was left, as recorded here. Else, where the browser restores nothing ("manual":
// Material asked so, or this module), the offset in the entry's state, its target, or the top.
function restoreScroll(state) {
  const offset = offsets.get(window.navigation?.currentEntry?.key);
  if (offset) window.scrollTo(offset.x, offset.y);
  else if (history.scrollRestoration !== "manual") return; // the browser restores its own record
  else if (typeof state?.y === "number") window.scrollTo(typeof state.x === "number" ? state.x : 0, state.y);
  else if (targetOf(location.hash)) targetOf(location.hash).scrollIntoView();
  else window.scrollTo(0, 0);
}

function stayOnPage(event) {
  if (location.pathname !== shownPath) return; // another page: Material fetches it
  event.stopImmediatePropagation();
  if (ownMove && location.href === ownMove) return; // this module's own move: the browser has scrolled
  restoreScroll(event.state);
  window.dispatchEvent(new Event(ADDRESS_RESTORED));
}

// Once per page load: Material's instant navigation swaps the content, not the document.
if (!("__linksInPage" in window)) {
  Object.defineProperty(window, "__linksInPage", { value: true });
  document.addEventListener("click", followInPage, true);
  window.addEventListener("popstate", stayOnPage);
  window.addEventListener("scroll", recordScroll, { passive: true });
  // Material's bundle runs after this module and before DOMContentLoaded; its location$ names each
  // address it navigates to (a link it follows, a popstate it was given) before fetching the page.
  document.addEventListener("DOMContentLoaded", () => {
    window.location$?.subscribe?.((url) => { shownPath = url.pathname; });
  }, { once: true });
}
