// Old links keep working: when the address names an id this page no longer has, go where it moved.
//
// The build publishes the moves from content/redirects.yml (sitegen/anchors.py: moved_fragments) as
// links-moved.json beside this module: old URL as the reader lands on it -> new URL, both relative
// to the site root. The map is fetched only when the hash names no element, so usually never.

const root = new URL("../../", import.meta.url); // this module lives in assets/javascripts/
let moves = null;

function loadMoves() {
  if (moves === null) {
    moves = fetch(new URL("links-moved.json", import.meta.url))
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({}));
  }
  return moves;
}

// `address`: the URL the reader asked for. Material's instant navigation reports it on location$
// before the page is swapped in (its navigation.tracking may rewrite the hash by the time document$
// emits), so that URL is remembered and used once the new page is there.
async function followMovedId(address) {
  const id = decodeURIComponent(address.hash.slice(1));
  if (!id || document.getElementById(id)) return;
  if (!address.pathname.startsWith(root.pathname)) return;
  const page = address.pathname.slice(root.pathname.length);
  const target = (await loadMoves())[`${page}#${id}`];
  if (typeof target !== "string") return;
  // replace(): the old address leaves no history entry; on the same page it only moves to the new id.
  location.replace(new URL(target, root).href);
}

if (!("__linksMoved" in window)) {
  Object.defineProperty(window, "__linksMoved", { value: true });
  let requested = null;
  if (typeof window.location$?.subscribe === "function") window.location$.subscribe((url) => { requested = url; });
  const follow = () => followMovedId(requested ?? new URL(location.href));
  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(follow);
  else follow();
  // A link within the page to an old id (or a hash typed by hand) moves too.
  window.addEventListener("hashchange", () => followMovedId(new URL(location.href)));
}

// Exported so the module is linked like the rest of the glue (and reusable by a page that moves ids itself).
export { followMovedId };
