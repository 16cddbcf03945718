"""The package's folders are its layers: a module imports only from its own folder or from the
layers below it (files/ under read/ under analyze/ under link/ under kb/ under site/, with the
pipeline and the commands on top), so the folder list reads as the flow of a build."""

from __future__ import annotations

import ast

from conftest import ROOT

BUILDER = ROOT / "builder"
LAYERS = [("errors", "model", "data"), ("files",), ("read",), ("analyze",), ("link",), ("kb",), ("site",),
          ("pipeline",), ("serve", "extract", "gold", "evaluate", "stockmark", "gsd"), ("cli", "train_ner", "train_clauses", "__main__", "__init__")]
LEVEL = {name: level for level, names in enumerate(LAYERS) for name in names}


def imported(tree: ast.AST) -> list[str]:
    """The first part below `builder.` of everything a module imports from the package."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "builder":
            parts = node.module.split(".")
            found += [parts[1]] if len(parts) > 1 else [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [alias.name.split(".")[1] for alias in node.names if alias.name.startswith("builder.")]
    return [name for name in found if name != "__version__"]


def upward(source: str, me: str) -> list[str]:
    """What module `me` (a top-level name under builder/) imports from a layer above its own."""
    return [other for other in imported(ast.parse(source)) if LEVEL[other] > LEVEL[me]]


def test_imports_run_from_the_top_layer_down():
    wrong = []
    for path in sorted(BUILDER.rglob("*.py")):
        me = path.relative_to(BUILDER).parts[0].removesuffix(".py")
        assert me in LEVEL, f"{path}: a new top-level module or folder; give it a layer in tests/test_layout.py"
        wrong += [f"{path.relative_to(ROOT)} imports builder.{other}" for other in upward(path.read_text(encoding="utf-8"), me)]
    assert not wrong


def test_an_upward_import_is_seen_in_every_form():
    source = "from builder.site.render import x\nfrom builder import kb\nimport builder.link.facts\nfrom builder.files import yamlio"
    assert upward(source, "analyze") == ["site", "kb", "link"]
    assert upward(source, "site") == []
