"""The calculator page's preload list, read from the modules' own imports (sitegen/module_preloads.py)."""

from __future__ import annotations

import pytest

from sitegen.module_preloads import ModuleMissing, module_graph, static_imports

MODULES = {
    "entry.mjs": 'import { a } from "./a.mjs";\nimport { b } from "./b.mjs";\nexport const e = 1;\n',
    "a.mjs": 'import { c } from "./c.mjs";\n// import { z } from "./z.mjs"; is a comment, not an import\nexport const a = 1;\n',
    "b.mjs": 'import {\n  c,\n  d,\n} from "./c.mjs";\nimport { a } from "./a.mjs";\nexport const b = 1;\n',
    "c.mjs": 'import { entry } from "./entry.mjs";\nexport const c = 1;\n',
}


def test_static_imports_are_the_sibling_modules_named_in_order():
    assert static_imports(MODULES["entry.mjs"]) == ["a.mjs", "b.mjs"]
    assert static_imports(MODULES["b.mjs"]) == ["c.mjs", "a.mjs"]  # an import over several lines counts
    assert static_imports('const m = await import("./x.mjs");\nimport "./y.js" ;\n') == []


def test_the_graph_is_every_module_once_in_the_order_first_named_cycles_included():
    assert module_graph("entry.mjs", MODULES.get) == ["entry.mjs", "a.mjs", "b.mjs", "c.mjs"]


def test_a_missing_module_names_the_importer_the_file_and_the_fix():
    modules = {**MODULES, "a.mjs": 'import { gone } from "./gone.mjs";\n'}
    with pytest.raises(ModuleMissing) as caught:
        module_graph("entry.mjs", modules.get)
    assert str(caught.value) == (
        "docs/assets/javascripts/gone.mjs: a.mjs imports ./gone.mjs, which does not exist; add the file or correct the import"
    )
    with pytest.raises(ModuleMissing, match="the entry is ./nothing.mjs"):
        module_graph("nothing.mjs", MODULES.get)
