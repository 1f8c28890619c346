# Runs inside Pyodide under Node, on the trimmed stdlib, just before the memory snapshot
# (runtime.mjs sets `extract_dir` and `model_json`, runs this file as __main__ and reads the value
# of its last line); it does nothing when imported. It leaves the interpreter exactly as the
# browser worker's normal start does: the calculator imported, its model loaded, one run done.
# Every module of the archive is imported, since the restored interpreter has no archive to import from.
if __name__ == "__main__":
    import importlib, os, sys

    sys.path.insert(0, extract_dir)
    for folder, _, names in sorted(os.walk(os.path.join(extract_dir, "calculator"))):
        package = os.path.relpath(folder, extract_dir).replace(os.sep, ".")
        for name in sorted(names):
            if name.endswith(".pyc"):
                importlib.import_module(package if name == "__init__.pyc" else f"{package}.{name[:-4]}")
    from calculator.bridge import load, run

    loaded = load(model_json)
    run("{}", "")
    del model_json, extract_dir, folder, package, name, names
loaded if __name__ == "__main__" else None
