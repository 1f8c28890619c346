// The answers in the page address: read them from a link, and write back the ones Python accepted.
//
// Parameters that belong to the theme (the root's data-url-reserved, e.g. Material's search
// highlight) are neither read as answers nor dropped. Python decides what every other value means
// and gives the query to write (its `permalink_query`: the answers plus the model version).

import { ADDRESS_RESTORED } from "./links-in-page.mjs";

// Every query parameter but the theme's own, as strings: {raw, present} (present: any was there).
export function readAddress(reserved) {
  const raw = {};
  let present = false;
  for (const [key, value] of new URLSearchParams(location.search)) {
    if (reserved.includes(key)) continue;
    raw[key] = value;
    present = true;
  }
  return { raw, present };
}

// Put `query` (from Python, without `?`) after the theme's own parameters, so a copied link
// reproduces the verdict. Where the answers came from the address (`initial`: the first run, or Back
// or Forward within the page) a bare URL stays bare.
export function writeAddress(query, initial, reserved) {
  if (typeof query !== "string" || !window.history?.replaceState) return;
  const kept = new URLSearchParams();
  let reservedOnly = true;
  for (const [key, value] of new URLSearchParams(location.search)) {
    if (reserved.includes(key)) kept.append(key, value);
    else reservedOnly = false;
  }
  if (initial && reservedOnly) return;
  const search = [kept.toString(), query].filter(Boolean).join("&");
  if ((search ? `?${search}` : "") === location.search) return; // already there: no history write
  try {
    history.replaceState(history.state, "", location.pathname + (search ? `?${search}` : "") + location.hash);
  } catch {
    // a sandboxed frame may refuse; the answers are still on screen
  }
}

// Call `then` after each Back or Forward to another entry of this page's history (links-in-page.mjs)
// while `root` is on the page.
export function onAddressRestored(root, then) {
  const follow = () => {
    if (root.isConnected) then();
    else window.removeEventListener(ADDRESS_RESTORED, follow); // a page instant navigation has left
  };
  window.addEventListener(ADDRESS_RESTORED, follow);
}
