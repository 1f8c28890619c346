// The calculator's form controls: read the raw answers from them, and show Python's cleaned answers in them.
// Names and values are compared, never used as selectors; Python decides what every value means.

// The raw form values, strings only; with `choice` ({name, value}), as they would be once the
// reader picked that radio button.
export function readForm(form, choice = null) {
  const raw = {};
  for (const el of form ? form.elements : []) {
    if (!el.name || el.disabled) continue;
    if (el.type === "radio" && choice?.name === el.name) {
      if (el.value === choice.value) raw[el.name] = el.value;
    } else if (el.type === "radio" || el.type === "checkbox") {
      if (el.checked) raw[el.name] = el.value;
    } else if (el.tagName === "SELECT" || ["number", "text", "range"].includes(el.type)) {
      if (el.value !== "") raw[el.name] = el.value;
    }
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
// then the groups after it in the form's order, then those before (a reader working down the form).
export function alternatives(form, changed = "") {
  const groups = new Map();
  for (const el of form ? form.elements : []) {
    if (el.type !== "radio" || !el.name || el.disabled || el.checked) continue;
    if (!groups.has(el.name)) groups.set(el.name, []);
    groups.get(el.name).push(el.value);
  }
  const names = [...groups.keys()];
  const from = Math.max(0, names.indexOf(changed));
  const sets = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[(from + i) % names.length];
    for (const value of groups.get(name)) sets.push(readForm(form, { name, value }));
  }
  return sets;
}
