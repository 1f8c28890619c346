// The binder's lookup (calculator-bind.mjs paints): which elements under a container are bound,
// and to what (its plan), and the items of each list. Looked up once per element and kept for as
// long as the element lives, so markup is bound once: a bound element added later under a painted
// (or prepared) container, outside a list's items, is not painted.
//
// Looking the bindings up costs a few tens of milliseconds on a phone the first time (cold code,
// a few hundred elements), so `prepare` does it before the first reply, a few milliseconds at a
// time while the page is idle; a paint that comes first finishes it at once.

import { whenIdle } from "./site-idle.mjs";

// "a=b;c=d" -> [["a", "b"], ["c", "d"]]
function pairs(spec) {
  return spec.split(";").map((pair) => {
    const eq = pair.indexOf("=");
    return eq < 1 ? null : [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
  }).filter(Boolean);
}

// -- plans: the bound elements under a container, in document order -----------------------------

const plans = new WeakMap(); // container element -> its plan
const lists = new WeakMap(); // list element -> {template, items: [{nodes, plan}], spare: removed items}

const BOUND = ["data-bind-hidden", "data-bind-shown", "data-bind-attr", "data-bind-var", "data-bind-href", "data-bind-list", "data-bind-text"];
const BOUND_SELECTOR = BOUND.map((name) => `[${name}]`).join(",");
// Elements whose descendants belong to them (painted by the element's own binding, or by no one).
const OWNS_DESCENDANTS = "[data-bind-list],[data-bind-text],[data-bind-skip]";

function bindingOf(el) {
  const attr = el.getAttribute("data-bind-attr");
  const vars = el.getAttribute("data-bind-var");
  const text = (name) => el.getAttribute(name) ?? undefined;
  return {
    el,
    hidden: text("data-bind-hidden"),
    shown: text("data-bind-shown"),
    attrs: attr ? pairs(attr) : null,
    vars: vars ? pairs(vars) : null,
    href: text("data-bind-href"),
    list: text("data-bind-list"),
    text: text("data-bind-text"),
  };
}

// The bindings of `roots` and of their descendants, in document order, one at a time. A list's
// items and a text's content belong to that element, and templates and data-bind-skip subtrees to
// no one, so none of them is entered. Found by selector rather than by visiting every element: the
// roots hold about a thousand elements and a few dozen bindings.
function* bindingsOf(roots) {
  for (const root of roots) {
    if (root.tagName === "TEMPLATE" || root.hasAttribute("data-bind-skip")) continue;
    if (BOUND.some((name) => root.hasAttribute(name))) yield bindingOf(root);
    if (root.matches(OWNS_DESCENDANTS)) continue;
    for (const el of root.querySelectorAll(BOUND_SELECTOR)) {
      // Left to another: inside a list, a text, a skipped subtree (or itself skipped) below `root`.
      const owner = el.hasAttribute("data-bind-skip") ? el : el.parentElement.closest(OWNS_DESCENDANTS);
      if (owner && owner !== root && root.contains(owner)) continue;
      yield bindingOf(el);
    }
  }
}

export const planOf = (roots) => Array.from(bindingsOf(roots));

// The items the build prerendered in `listEl`, taken over as they are: the build writes each item
// with the same macro as the template (sitegen/templates/calculator_widget.html.j2), so an item is
// one element shaped like the template's, and painting it again in place changes only what differs.
// Re-creating them instead would rebuild and lay out the whole result on the first paint. The
// whitespace around the items is made the template's, so that an adopted item and a made one leave
// the list the same when removed. Anything not shaped so is replaced once, as made here.
function adopted(listEl, template) {
  const blank = (node) => node.nodeType === Node.TEXT_NODE && node.data.trim() === "";
  const model = Array.from(template.content.childNodes);
  const made = model.filter((node) => node.nodeType === Node.ELEMENT_NODE);
  const before = model.slice(0, model.indexOf(made[0]));
  const after = model.slice(model.indexOf(made[0]) + 1);
  const nodes = Array.from(listEl.childNodes).filter((node) => node !== template);
  const items = nodes.filter((node) => node.nodeType === Node.ELEMENT_NODE);
  const fits = made.length === 1 && [...before, ...after].every(blank)
    && nodes.every((node) => node.nodeType === Node.ELEMENT_NODE || blank(node))
    && items.every((el) => el.tagName === made[0].tagName && el.className === made[0].className);
  for (const node of nodes) if (!fits || blank(node)) node.remove();
  if (!fits) return [];
  return items.map((el) => {
    const lead = before.map((node) => node.cloneNode());
    const trail = after.map((node) => node.cloneNode());
    el.before(...lead);
    el.after(...trail);
    return { nodes: [...lead, el, ...trail], plan: planOf([el]) };
  });
}

// The list's template and its items (the prerendered ones taken over on first use); null without a template.
export function listState(listEl) {
  let state = lists.get(listEl);
  if (!state) {
    const template = Array.from(listEl.children).filter((child) => child.tagName === "TEMPLATE").pop();
    if (!template) return null;
    state = { template, items: adopted(listEl, template), spare: [] };
    lists.set(listEl, state);
  }
  return state;
}

// -- preparing a container's plan while the page is idle --------------------------------------

const SLICE_MS = 4; // one idle slice: short enough that a reader's input or a reply never waits long
const preparing = new WeakMap(); // container -> {bindings: the lookup under way, plan: found so far}

const nextSlice = (slice) => whenIdle(slice, { timeout: 1000, fallbackMs: 0 });

// The plan of `el`: made, finished (a preparation under way) or made now.
export function planFor(el) {
  let plan = plans.get(el);
  if (plan) return plan;
  const partial = preparing.get(el);
  preparing.delete(el);
  plan = partial ? partial.plan : [];
  for (const binding of partial ? partial.bindings : bindingsOf(el.children)) plan.push(binding);
  plans.set(el, plan);
  return plan;
}

// Look up the bindings under `el`, and take over the prerendered items of its lists (nested ones
// too), before its first paint: in slices of a few milliseconds while the page is idle, so that
// the first reply only paints. Does nothing for a container already painted or being prepared.
export function prepare(el) {
  if (plans.has(el) || preparing.has(el)) return;
  const partial = { bindings: bindingsOf(el.children), plan: [] };
  preparing.set(el, partial);
  const slice = (deadline) => {
    if (preparing.get(el) !== partial) return; // painted meanwhile: planFor finished it
    const stop = performance.now() + Math.min(SLICE_MS, Math.max(deadline.timeRemaining(), 1));
    do {
      const next = partial.bindings.next();
      if (next.done) {
        planFor(el); // stores the finished plan
        return;
      }
      partial.plan.push(next.value);
      if (next.value.list !== undefined) prepareList(next.value.el);
    } while (performance.now() < stop);
    nextSlice(slice);
  };
  nextSlice(slice);
}

// Take over the prerendered items of a list and of the lists inside its items.
function prepareList(listEl) {
  for (const item of listState(listEl)?.items ?? []) {
    for (const binding of item.plan) if (binding.list !== undefined) prepareList(binding.el);
  }
}
