// The decision record's way out of the page: the details it carries beyond the answers, and a
// download as a Markdown file. Python writes the record and names the file (calculator.bridge.record).

// What the record says beyond the verdict: the reader's optional fields ([data-calc-record-detail]),
// the reader's own calendar date (YYYY-MM-DD where the reader is, not UTC) and, for a verdict made
// with an earlier model version, that version.
export function recordDetails(root, modelVersion) {
  const now = new Date();
  const details = { date: new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10) };
  for (const el of root.querySelectorAll("[data-calc-record-detail]")) details[el.dataset.calcRecordDetail] = el.value;
  if (modelVersion) details.model_version = modelVersion;
  return details;
}

// The object URL outlives the click by this much, so the browser has read the Blob before it goes.
const KEEP_BLOB_MS = 60_000;

// Offer `text` as a file named `filename`: a same-origin blob: URL opened by a link with a download
// name. A download is a navigation, not a fetch, so the page's connect-src does not apply to it.
export function downloadText(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), KEEP_BLOB_MS);
}
