# Runs inside Pyodide under Node (runtime.mjs sets `extract_dir` and runs this file as __main__,
# before exercise.py and before warm.py); it does nothing when imported. It puts the unpacked
# calculator archive on sys.path and imports every module in it, sources or bytecode alike, so that
# a recorded run sees all their imports and a snapshot holds every module (the restored interpreter
# has no archive to import from).
if __name__ == "__main__":
    import importlib, os, sys

    sys.path.insert(0, extract_dir)
    for folder, _, names in sorted(os.walk(os.path.join(extract_dir, "calculator"))):
        package = os.path.relpath(folder, extract_dir).replace(os.sep, ".")
        for module in sorted({name.rsplit(".", 1)[0] for name in names if name.endswith((".py", ".pyc"))}):
            importlib.import_module(package if module == "__init__" else f"{package}.{module}")
    del extract_dir, folder, package, names, module
