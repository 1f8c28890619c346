// The calculator's form controls: read the raw answers from them, and show Python's cleaned answers in them.
// Names and values are compared, never used as selectors; Python decides what every value means.

// The raw form values, strings only; with `choice` ({name, value}), as they would be once the
// reader picked that radio button.
export function readForm(form, choice = null) {
  return rawValues(fieldsOf(form), choice);
}

// The form's controls that hold an answer, in the form's order, read once: {name, kind, value, checked}.
function fieldsOf(form) {
  const fields = [];
  for (const el of form ? form.elements : []) {
    if (!el.name || el.disabled) continue;
    if (el.type === "radio" || el.type === "checkbox") {
      fields.push({ name: el.name, kind: el.type, value: el.value, checked: el.checked });
    } else if (el.tagName === "SELECT" || ["number", "text", "range"].includes(el.type)) {
      fields.push({ name: el.name, kind: "value", value: el.value, checked: false });
    }
  }
  return fields;
}

// readForm's answers from fields already read; the keys come in the form's order, as a pick in the
// form itself would give them (the answers' JSON is how replies run ahead are found).
function rawValues(fields, choice) {
  const raw = {};
  for (const { name, kind, value, checked } of fields) {
    if (kind === "radio" && choice?.name === name) {
      if (value === choice.value) raw[name] = value;
    } else if (kind === "value") {
      if (value !== "") raw[name] = value;
    } else if (checked) raw[name] = value;
  }
  return raw;
}

// Show the answers in the controls; a control already showing its answer is left untouched, and a
// field the reader is typing in keeps what they typed.
export function showAnswers(form, answers) {
  for (const el of form ? form.elements : []) {
    if (!el.name || !Object.prototype.hasOwnProperty.call(answers, el.name)) continue;
    const value = String(answers[el.name]);
    if (el.type === "radio" || el.type === "checkbox") {
      const checked = el.value === value;
      if (el.checked !== checked) el.checked = checked;
    } else if (el.value !== value && (el !== document.activeElement || el.value === "")) el.value = value;
  }
}

// The raw values the form would hold after one more pick of a radio button, for every button not
// picked: first the other buttons of the group named `changed` (a reader comparing its options),
// then, group by group in the form's order from the one after it (wrapping round), each group's
// nearest unpicked option, then each group's next nearest, and so on. Breadth first: every
// question's likeliest next pick (one step along its scale) is run before any question's second,
// so a reader who moves to any question finds a pick run ahead after about one run per question.
export function alternatives(form, changed = "") {
  const fields = fieldsOf(form);
  const groups = new Map(); // name -> {values: every option's value in order, checked: index or -1}
  for (const { name, kind, value, checked } of fields) {
    if (kind !== "radio") continue;
    if (!groups.has(name)) groups.set(name, { values: [], checked: -1 });
    const group = groups.get(name);
    if (checked) group.checked = group.values.length;
    group.values.push(value);
  }
  const names = [...groups.keys()];
  const from = Math.max(0, names.indexOf(changed));
  const order = names.map((_, i) => names[(from + i) % names.length]);
  const nearest = new Map(order.map((name) => [name, byDistance(groups.get(name))]));
  const sets = [];
  const pick = (name, value) => sets.push(rawValues(fields, { name, value }));
  if (groups.has(changed)) for (const value of nearest.get(changed).splice(0)) pick(changed, value);
  while (order.some((name) => nearest.get(name).length)) { // each round takes one value from each group that has any
    for (const name of order) {
      const value = nearest.get(name).shift();
      if (value !== undefined) pick(name, value);
    }
  }
  return sets;
}

// A group's unpicked values, nearest to its picked one first (the one after it before the one
// before it); in the form's order when none is picked.
function byDistance({ values, checked }) {
  const others = values.map((value, index) => ({ value, index })).filter(({ index }) => index !== checked);
  if (checked < 0) return others.map(({ value }) => value);
  const distance = ({ index }) => Math.abs(index - checked) * 2 + (index < checked ? 1 : 0);
  return others.sort((a, b) => distance(a) - distance(b)).map(({ value }) => value);
}
