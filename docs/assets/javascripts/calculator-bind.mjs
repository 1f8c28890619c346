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
//
// The page is painted again on every change of an answer, so painting touches it as little as
// it can: the bound elements under a container are looked up once (its plan, kept for as long as
// the element lives), a value is written only when it differs from the one shown, and a list keeps
// the nodes of its items, adding or removing only the difference in number (and taking removed
// items back before making new ones). What did not change is then neither rewritten nor laid out
// again. The lookup, and `prepare`, which does it before the first paint while the page is idle,
// are in calculator-bind-plan.mjs.

import { listState, planFor, planOf } from "./calculator-bind-plan.mjs";

export { prepare } from "./calculator-bind-plan.mjs";

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

// A link's href as painted, or null when it is not one the page may link to. The page paints the
// same few dozen links on every change, so each value's answer is kept (a bounded number of them).
const hrefs = new Map(); // base + "\n" + value -> href | null
const HREFS_KEPT = 512;

function safeHref(value, base) {
  if (typeof value !== "string" || value === "") return null;
  const key = `${base}\n${value}`;
  let href = hrefs.get(key);
  if (href === undefined) {
    href = checkedHref(value, base);
    if (hrefs.size >= HREFS_KEPT) hrefs.clear();
    hrefs.set(key, href);
  }
  return href;
}

function checkedHref(value, base) {
  let url;
  try {
    url = /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("#") ? new URL(value, location.href) : new URL(value, base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return value.startsWith("#") ? value : url.href;
}

// -- writes that happen only when the value shown differs ------------------------------------

function setHidden(el, hidden) {
  if (el.hidden !== hidden) el.hidden = hidden;
}

function setAttribute(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function paintPlan(plan, data, base) {
  for (const binding of plan) {
    const el = binding.el;
    if (binding.hidden !== undefined) setHidden(el, !isEmpty(lookup(data, binding.hidden)));
    if (binding.shown !== undefined) setHidden(el, isEmpty(lookup(data, binding.shown)));
    if (binding.attrs) {
      for (const [name, path] of binding.attrs) setAttribute(el, name, asText(lookup(data, path)));
    }
    if (binding.vars) {
      for (const [name, path] of binding.vars) {
        const value = lookup(data, path);
        const text = String(typeof value === "number" && Number.isFinite(value) ? value : 0);
        if (el.style.getPropertyValue(name) !== text) el.style.setProperty(name, text);
      }
    }
    if (binding.href !== undefined) {
      const href = safeHref(lookup(data, binding.href), base);
      if (href) setAttribute(el, "href", href);
      else if (el.hasAttribute("href")) el.removeAttribute("href");
    }
    if (binding.list !== undefined) paintList(el, lookup(data, binding.list), base);
    else if (binding.text !== undefined) setText(el, asText(lookup(data, binding.text)));
  }
}

// Paint every bound descendant of `el` (not `el` itself) with `data`; `base` resolves relative links.
export function paint(el, data, base) {
  paintPlan(planFor(el), data, base);
}

// Paint the items of `listEl`, one copy of its <template> per item (an object's entries become
// {key, value} items). Items already there are painted again in place; only the difference in
// number is added or removed. Removed items are kept aside and put back in their old places,
// painted again, before any new copy is made: lists grow and shrink by a few items from one change
// to the next.
export function paintList(listEl, items, base) {
  const state = listState(listEl);
  if (!state) return;
  if (items && !Array.isArray(items) && typeof items === "object") {
    items = Object.entries(items).map(([key, value]) => ({ key, value }));
  }
  items = items || [];
  const shown = state.items;
  for (let i = 0; i < Math.min(shown.length, items.length); i++) paintPlan(shown[i].plan, items[i], base);
  for (const extra of shown.splice(items.length).reverse()) { // the last removed is the first put back
    for (const node of extra.nodes) node.remove();
    state.spare.push(extra);
  }
  if (items.length > shown.length) {
    const added = document.createDocumentFragment();
    for (const item of items.slice(shown.length)) {
      let made = state.spare.pop();
      if (!made) {
        const copy = state.template.content.cloneNode(true);
        made = { nodes: Array.from(copy.childNodes), plan: planOf(copy.children) };
      }
      paintPlan(made.plan, item, base);
      shown.push(made);
      added.append(...made.nodes);
    }
    listEl.append(added);
  }
}
