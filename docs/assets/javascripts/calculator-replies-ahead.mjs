// The replies Python ran before they were asked for (calculator-client.mjs lookAhead): one batch
// at a time, by answers JSON, for one site URL, plus the reply to the last request made.
//
// A reply here is Python's `run` for exactly the request a pick would make (the same answers JSON,
// the same site URL, the one model of this document's worker; the calculator reads no clock and
// draws no random number), so answering that pick from it gives what the round trip would bring.

export class RepliesAhead {
  constructor() {
    this.batch = 0; // the newest batch asked for
    this.siteURL = "";
    this.wanted = new Set(); // its answer sets, as JSON
    this.replies = new Map(); // answers JSON -> reply JSON, of those that have come back
    this.last = null; // {answers, siteURL, json}: the last request made, one pick away from the next state too
    this.hits = 0; // requests answered from here
    this.runs = 0; // answer sets run ahead that came back in time
  }

  // How many of the newest batch's answer sets have not come back yet.
  get waiting() {
    return this.wanted.size - this.replies.size;
  }

  // Forget every reply (a new worker starts with nothing run ahead); batch numbers keep counting,
  // so a late reply from an earlier batch is never taken.
  clear() {
    this.siteURL = "";
    this.wanted = new Set();
    this.replies = new Map();
    this.last = null;
  }

  // The reply for these answers (JSON) and site URL, if it was run ahead or last; counted as a hit,
  // and the last request's from now on.
  take(answers, siteURL) {
    const json = this.known(answers, siteURL);
    if (json !== undefined) {
      this.hits += 1;
      this.remember(answers, siteURL, json);
    }
    return json;
  }

  known(answers, siteURL) {
    if (this.last && this.last.answers === answers && this.last.siteURL === siteURL) return this.last.json;
    return siteURL === this.siteURL ? this.replies.get(answers) : undefined;
  }

  remember(answers, siteURL, json) {
    this.last = { answers, siteURL, json };
  }

  // Start a batch for these answer sets (JSON); replies already known are kept, and the others,
  // returned, are for the worker to run. The batch before it is dropped.
  plan(answerSets, siteURL) {
    const wanted = new Set(answerSets);
    const replies = new Map();
    const missing = [];
    for (const answers of wanted) {
      const json = this.known(answers, siteURL);
      if (json !== undefined) replies.set(answers, json);
      else missing.push(answers);
    }
    this.batch += 1;
    this.siteURL = siteURL;
    this.wanted = wanted;
    this.replies = replies;
    return { batch: this.batch, missing };
  }

  // Stop waiting for the newest batch's replies still out; true if any were (the worker is to stop).
  stop() {
    if (this.waiting === 0) return false;
    this.wanted = new Set(this.replies.keys());
    return true;
  }

  // A reply from the worker; kept only if its batch is still the newest and it is still wanted.
  receive(batch, answers, json) {
    if (batch !== this.batch || !this.wanted.has(answers)) return;
    this.replies.set(answers, json);
    this.runs += 1;
  }
}
