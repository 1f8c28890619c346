// The calculator's form controls: read the raw answers from them, and show Python's cleaned answers in them.
// Names and values are compared, never used as selectors; Python decides what every value means.

// The raw form values, strings only.
export function readForm(form) {
  const raw = {};
  for (const el of form ? form.elements : []) {
    if (!el.name || el.disabled) continue;
    if (el.type === "radio" || el.type === "checkbox") {
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
