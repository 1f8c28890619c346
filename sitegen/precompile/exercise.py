# Runs inside Pyodide under Node, after import_all.py (runtime.mjs sets `model_json` and `margin`,
# then runs this file as __main__); it does nothing when imported. It calls each function the
# browser worker calls, so that `sys.modules` ends up holding every stdlib module the calculator
# needs in the browser; trim.py keeps those.
# `margin` names stdlib modules kept although this run does not import them (rare paths).
if __name__ == "__main__":
    import importlib, json

    from calculator import bridge

    def checked(reply):
        data = json.loads(reply)
        if data.get("ok") is not True:
            raise RuntimeError(f"calculator.bridge answered an error while recording its imports: {data.get('error')}")
        return data

    listing = checked(bridge.load(model_json))
    answers = [{}] + [{factor: option} for factor, options in sorted(listing["factors"].items()) for option in options]
    for raw in answers:
        checked(bridge.run(json.dumps(raw), "https://example.org/"))
    earlier = {**json.loads(model_json), "reviewed": "2000-01-01"}  # another version: a real comparison
    then = checked(bridge.compare(json.dumps(earlier), json.dumps(answers[-1]), "https://example.org/"))
    for version in (then["model_version"], ""):
        checked(bridge.record(json.dumps(answers[-1]), "https://example.org/", json.dumps(
            {"date": "2026-01-31", "feature": "Support replies", "owner": "Team", "model_version": version})))
    bridge.run("not json", "")  # the error path (a reply, not an exception) imports what it needs too
    for name in margin.split():
        importlib.import_module(name)
