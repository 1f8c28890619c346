# Runs inside Pyodide under Node, after exercise.py (runtime.mjs sets `extract_dir` and runs this
# file as __main__); it does nothing when imported. It writes
#   /tmp/python_stdlib.zip: only the stdlib modules this interpreter has loaded (Pyodide's start-up,
#     the calculator's imports and the margin), as unchecked hash-based bytecode compiled by this
#     very interpreter, from Pyodide's stock archive /tmp/stock.zip;
#   /tmp/calculator.zip: the calculator's sources from /tmp/calculator-src.zip, as bytecode too, with
#     the file names the browser worker unpacks them to (for tracebacks).
#
# Keep this a top-level script with these names: marshal output depends on reference counts of
# shared objects, so reshaping the program (into functions, say) changes the published bytes.
if __name__ == "__main__":
    import importlib.util, sys, zipfile
    import importlib._bootstrap_external as bootstrap

    prefix = next(p for p in sys.path if p.endswith(".zip")) + "/"
    # Modules imported from the archive; frozen ones (importlib's bootstrap, os, codecs, ...) name a
    # file there too, but live in the interpreter and are never read from it.
    loaded = {m.__spec__.origin[len(prefix):] for m in list(sys.modules.values())
              if getattr(m, "__spec__", None) is not None and isinstance(m.__spec__.origin, str)
              and m.__spec__.origin.startswith(prefix) and m.__spec__.origin.endswith(".py")
              and type(m.__spec__.loader).__name__ == "zipimporter"}

    # The stdlib without docstrings and asserts (CPython's -OO, which the stdlib supports): a third
    # smaller. The calculator keeps its own: dataclasses would otherwise build each class's docstring.
    for source_zip, target_zip, keep, path_prefix, optimize in (
        ("/tmp/stock.zip", "/tmp/python_stdlib.zip", loaded.__contains__, prefix, 2),
        ("/tmp/calculator-src.zip", "/tmp/calculator.zip", lambda name: name.endswith(".py"), extract_dir + "/", 0),
    ):
        with zipfile.ZipFile(source_zip) as source, zipfile.ZipFile(target_zip, "w") as out:
            for info in sorted(source.infolist(), key=lambda i: i.filename):
                if not keep(info.filename):
                    continue
                data = source.read(info)
                code = compile(data, path_prefix + info.filename, "exec", dont_inherit=True, optimize=optimize)
                pyc = bytes(bootstrap._code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
                entry = zipfile.ZipInfo(info.filename + "c", date_time=(1980, 1, 1, 0, 0, 0))
                entry.external_attr = 0o644 << 16
                entry.create_system = 3
                entry.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(entry, pyc, compresslevel=9)
