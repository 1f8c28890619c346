// A link to a place on the page being read (a table-of-contents entry, a ¶ permalink, "#why")
// moves within that page, as a browser's own fragment link does, and leaves the rest of the
// address alone: on the calculator, its query holds the reader's answers.
//
// Why this is needed: Material's instant navigation makes every link absolute when a page loads
// (so "#why" becomes the address the page was loaded with, plus "#why") and answers link clicks
// itself. Once the calculator had written the reader's answers into the query, such a link named
// another address, and the first one followed made Material fetch and re-render the page from that
// address: the answers were gone, and so was anything typed in the record's fields. Those clicks
// are answered here first (capture phase) with a fragment navigation of the current address; the
// browser scrolls to the target and fires `hashchange`, which Material and links-moved.mjs follow.
// It fires `popstate` too (in Chromium twice: Material moves to the fragment once more when it sees
// the `hashchange`), which Material would take for a page to fetch: the popstate events for the
// address this module just moved to are kept from it for a second (the page loads this module
// before Material's bundle, so that its listener comes first). Back and forward, which go to
// another address, stay Material's, as before.

let ownMove = ""; // the address this module just moved to
let ownMoveTimer = null;

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
    document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  } else {
    const next = new URL(location.href);
    next.hash = hash;
    ownMove = next.href;
    clearTimeout(ownMoveTimer);
    ownMoveTimer = setTimeout(() => { ownMove = ""; }, 1000);
    location.hash = hash;
  }
}

function keepOwnMoveFromMaterial(event) {
  if (ownMove && location.href === ownMove) event.stopImmediatePropagation();
}

// Once per page load: Material's instant navigation swaps the content, not the document.
if (!("__linksInPage" in window)) {
  Object.defineProperty(window, "__linksInPage", { value: true });
  document.addEventListener("click", followInPage, true);
  window.addEventListener("popstate", keepOwnMoveFromMaterial);
}
