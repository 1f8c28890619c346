# Runs inside Pyodide under Node, on the trimmed stdlib, after import_all.py and just before the
# memory snapshot (runtime.mjs sets `model_json`, runs this file as __main__ and reads the value of
# its last line); it does nothing when imported. It leaves the interpreter exactly as the browser
# worker's normal start does: the calculator imported, its model loaded, one run done.
if __name__ == "__main__":
    from calculator.bridge import load, run

    loaded = load(model_json)
    run("{}", "")
    del model_json
loaded if __name__ == "__main__" else None
