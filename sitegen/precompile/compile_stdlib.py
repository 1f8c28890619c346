# Runs inside Pyodide, under Node (precompile_stdlib.mjs sets `warm_imports` and runs this file as
# __main__); it does nothing when imported. It imports the modules the calculator needs, then
# rewrites Pyodide's stock stdlib (/tmp/stock.zip in Pyodide's file system) as /tmp/out.zip, with
# every stdlib module that was loaded replaced by unchecked hash-based bytecode from this very
# interpreter; everything else is copied as it was, so the archive still holds the whole stdlib.
#
# Keep this a top-level script with these names: marshal output depends on reference counts of
# shared objects, so reshaping the program (into functions, say) changes the published bytes.
if __name__ == "__main__":
    import importlib, importlib.util, sys, zipfile
    import importlib._bootstrap_external as bootstrap

    for name in warm_imports.split():
        try:
            importlib.import_module(name)
        except Exception:
            pass  # not in this stdlib: it will fail the same way in the browser, with a clear error

    prefix = next(p for p in sys.path if p.endswith(".zip")) + "/"
    warm = {m.__file__[len(prefix):] for m in list(sys.modules.values())
            if isinstance(getattr(m, "__file__", None), str) and m.__file__.startswith(prefix) and m.__file__.endswith(".py")}

    stock = zipfile.ZipFile("/tmp/stock.zip")
    with zipfile.ZipFile("/tmp/out.zip", "w") as out:
        for info in sorted(stock.infolist(), key=lambda i: i.filename):
            data = stock.read(info)
            name = info.filename
            if name in warm:
                code = compile(data, prefix + name, "exec", dont_inherit=True)
                data = bytes(bootstrap._code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
                name += "c"
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = info.external_attr
            entry.compress_type = zipfile.ZIP_DEFLATED if not name.endswith("/") else zipfile.ZIP_STORED
            out.writestr(entry, data, compresslevel=9)
