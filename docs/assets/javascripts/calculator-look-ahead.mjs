// When one mounted calculator has Python run ahead (calculator-client.mjs lookAhead): from the
// reader's first use of its form on (a pointer over it, a touch, a focus in it, a change), after
// each verdict it paints. A page nobody touches runs nothing that nobody asked for.

import { alternatives } from "./calculator-form.mjs";
import { isReady, lookAhead } from "./calculator-client.mjs";
import { afterNextFrame } from "./site-idle.mjs";

const SIGNS_OF_USE = ["pointerover", "touchstart", "focusin"];

export class LookAhead {
  constructor(root, form, siteURL) {
    this.root = root;
    this.form = form;
    this.siteURL = siteURL;
    this.used = false;
    this.cancel = () => {}; // the look-ahead asked for and not made yet
  }

  // Listen on the root for the reader's first sign of using the form (`ours(event)`: the event's
  // control belongs to it), and look ahead from the answers shown then.
  watch(ours) {
    const first = (event) => {
      if (this.used || !ours(event)) return;
      this.used = true;
      this.soon("");
    };
    for (const type of SIGNS_OF_USE) this.root.addEventListener(type, first, { passive: true });
  }

  // A change: the reader is using the form (its verdict, once painted, calls soon).
  changed() {
    this.used = true;
  }

  // Name the answer sets one pick away from the form's (`changed`: the control just changed, whose
  // other options come first) once the frame that shows the verdict just painted is done, so that
  // neither asking nor the worker's runs are in its way.
  soon(changed) {
    this.cancel();
    if (!this.used || !this.form) return;
    this.cancel = afterNextFrame(() => {
      if (this.root.isConnected && isReady()) lookAhead(alternatives(this.form, changed), this.siteURL);
    });
  }
}
