"""The replies run ahead (`RepliesAhead`, calculator-replies-ahead.mjs), in Chromium as the site publishes it.

A change is answered from this store instead of asking the worker, so what it hands out must be
the reply to exactly that request: kept by the answers' JSON and the site URL, only for the newest
batch, and never a reply that came back for a batch the reader has moved on from.
"""
from __future__ import annotations

SCENARIO = """
async (moduleURL) => {
  const { RepliesAhead } = await import(moduleURL);
  const r = new RepliesAhead();
  const or = (value) => value ?? null;
  const out = {};
  let plan = r.plan(['{"a":"1"}', '{"a":"2"}', '{"a":"1"}'], "S");
  out.first = [plan.batch, plan.missing, r.waiting];
  r.receive(1, '{"a":"1"}', "R1");
  r.receive(1, '{"a":"9"}', "NOT ASKED");
  r.receive(0, '{"a":"2"}', "AN EARLIER BATCH");
  out.received = [r.waiting, r.runs, r.known('{"a":"1"}', "S"), or(r.known('{"a":"2"}', "S")), or(r.known('{"a":"1"}', "T"))];
  r.remember('{"a":"3"}', "S", "R3");
  plan = r.plan(['{"a":"1"}', '{"a":"3"}', '{"a":"4"}'], "S");
  out.second = [plan.batch, plan.missing, r.waiting, or(r.known('{"a":"2"}', "S"))];
  out.stopped = [r.stop(), r.waiting, r.stop()];
  r.receive(2, '{"a":"4"}', "AFTER STOP");
  out.afterStop = or(r.known('{"a":"4"}', "S"));
  out.taken = [r.take('{"a":"3"}', "S"), or(r.take('{"a":"5"}', "S")), or(r.take('{"a":"3"}', "T")), r.hits];
  plan = r.plan(['{"a":"7"}', '{"a":"8"}'], "S");
  r.receive(plan.batch, '{"a":"7"}', "R7");
  r.take('{"a":"7"}', "S");
  plan = r.plan(['{"a":"7"}', '{"a":"9"}'], "S");
  out.takenIsLast = [plan.missing, r.known('{"a":"7"}', "S")];
  plan = r.plan(['{"a":"1"}'], "T");
  out.otherSite = [plan.missing, or(r.known('{"a":"1"}', "S"))];
  r.clear();
  out.cleared = [or(r.known('{"a":"1"}', "S")), or(r.known('{"a":"3"}', "S")), r.batch];
  return out;
}
"""


def test_replies_are_kept_by_request_and_only_for_the_newest_batch(new_page, site_server):
    watch = new_page()
    watch.page.goto(site_server.url + "404.html")
    out = watch.page.evaluate(SCENARIO, site_server.url + "assets/javascripts/calculator-replies-ahead.mjs")
    assert not watch.page_errors and not watch.console_errors, (watch.page_errors, watch.console_errors)
    assert out["first"] == [1, ['{"a":"1"}', '{"a":"2"}'], 2]  # each answer set asked for once
    # Only a reply asked for in the newest batch is kept, and only for its own site URL.
    assert out["received"] == [1, 1, "R1", None, None]
    # A new batch keeps what is known (a reply run ahead, the last request's) and asks for the rest;
    # what the new batch does not name is dropped.
    assert out["second"] == [2, ['{"a":"4"}'], 1, None]
    # Stopping drops the replies still out, once; one arriving after that is not taken.
    assert out["stopped"] == [True, 0, False]
    assert out["afterStop"] is None
    assert out["taken"] == ["R3", None, None, 1]
    # A reply taken is the last request's: the next batch, one pick away from it, keeps it.
    assert out["takenIsLast"] == [['{"a":"9"}'], "R7"]
    # A batch for another site URL reuses nothing, and the old site's replies are gone.
    assert out["otherSite"] == [['{"a":"1"}'], None]
    # A new worker starts with nothing; batch numbers keep counting, so no late reply matches.
    assert out["cleared"] == [None, None, 5]
