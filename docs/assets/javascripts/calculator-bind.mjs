// A generic binder: paints JSON values into prerendered markup through data-bind-* attributes.
//
//   data-bind-text="path"             textContent
//   data-bind-href="path"             href (site-relative paths, fragments and http(s) URLs only)
//   data-bind-attr="attr=path;..."    attributes, e.g. data-sign=sign
//   data-bind-var="--name=path;..."   CSS custom properties (numbers only)
//   data-bind-hidden / -shown="path"  hidden when the value is non-empty / empty
//   data-bind-list="path"             one copy of the element's <template> per item
//   data-bind-skip                    left alone (painted by its owner)
//
// Values are painted as they arrive: no formatting, no wording, and text only (never markup),
// so nothing taken from the URL can become HTML.

export function lookup(data, path) {
  if (path === "" || path === ".") return data;
  let value = data;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = value[part];
  }
  return value;
}

function isEmpty(value) {
  if (value === null || value === undefined || value === false || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

const asText = (value) => (value === null || value === undefined || typeof value === "object" ? "" : String(value));

function safeHref(value, base) {
  if (typeof value !== "string" || value === "") return null;
  let url;
  try {
    url = /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("#") ? new URL(value, location.href) : new URL(value, base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return value.startsWith("#") ? value : url.href;
}

// "a=b;c=d" -> [["a", "b"], ["c", "d"]]
function pairs(spec) {
  return spec.split(";").map((pair) => {
    const eq = pair.indexOf("=");
    return eq < 1 ? null : [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
  }).filter(Boolean);
}

function applyBindings(el, data, base) {
  const d = el.dataset;
  if (d.bindHidden !== undefined) el.hidden = !isEmpty(lookup(data, d.bindHidden));
  if (d.bindShown !== undefined) el.hidden = isEmpty(lookup(data, d.bindShown));
  if (d.bindAttr) {
    for (const [name, path] of pairs(d.bindAttr)) el.setAttribute(name, asText(lookup(data, path)));
  }
  if (d.bindVar) {
    for (const [name, path] of pairs(d.bindVar)) {
      const value = lookup(data, path);
      el.style.setProperty(name, String(typeof value === "number" && Number.isFinite(value) ? value : 0));
    }
  }
  if (d.bindHref !== undefined) {
    const href = safeHref(lookup(data, d.bindHref), base);
    if (href) el.setAttribute("href", href);
    else el.removeAttribute("href");
  }
}

// Paint every bound descendant of `el` (not `el` itself) with `data`; `base` resolves relative links.
export function paint(el, data, base) {
  for (const child of Array.from(el.children)) {
    if (child.tagName === "TEMPLATE" || child.dataset.bindSkip !== undefined) continue;
    applyBindings(child, data, base);
    if (child.dataset.bindList !== undefined) paintList(child, lookup(data, child.dataset.bindList), base);
    else if (child.dataset.bindText !== undefined) child.textContent = asText(lookup(data, child.dataset.bindText));
    else paint(child, data, base);
  }
}

// Replace the items of `listEl` with one painted copy of its <template> per item (an object's
// entries become {key, value} items).
export function paintList(listEl, items, base) {
  const template = Array.from(listEl.children).filter((child) => child.tagName === "TEMPLATE").pop();
  if (!template) return;
  for (const child of Array.from(listEl.children)) if (child !== template) child.remove();
  if (items && !Array.isArray(items) && typeof items === "object") {
    items = Object.entries(items).map(([key, value]) => ({ key, value }));
  }
  for (const item of items || []) {
    const holder = document.createElement("div");
    holder.append(template.content.cloneNode(true));
    paint(holder, item, base);
    listEl.append(...holder.childNodes);
  }
}
