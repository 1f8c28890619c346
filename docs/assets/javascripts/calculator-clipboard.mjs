// The clipboard, with the old selection-based copy for browsers that refuse the Clipboard API, and
// the calculator's messages about a copy.

function fallbackCopy(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

// Copy text to the clipboard; false when the browser refuses (the caller then offers it to copy by hand).
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return fallbackCopy(text);
  }
}

// Show the message for `which` copy ("link", "markdown", "download" or "failed"); a failed copy
// offers `text` in a field selected for copying by hand.
export function showCopyStatus(root, which, text) {
  for (const el of root.querySelectorAll("[data-calc-copied]")) el.hidden = el.dataset.calcCopied !== which;
  const manual = root.querySelector("[data-calc-manual-copy]");
  if (!manual) return;
  manual.hidden = which !== "failed";
  if (which === "failed") {
    manual.value = text;
    manual.focus();
    manual.select();
  }
}
