"""The apps are layered (docs/architecture.md#layers): a module imports only from its own layer
or below, anywhere in the file, an import inside a function included.

    lib, indicators, reportcheck  →  orgs, inbox, security  →  records  →  deadlines  →  reports  →  campaigns
    →  home, portal  →  api, demo, cli, ops
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "fazhi"
LAYERS = [
    {"lib", "indicators", "reportcheck", "disclosurecheck"},
    {"orgs", "inbox", "security"},
    {"records"},
    {"deadlines"},
    {"reports"},
    {"disclosure"},
    {"campaigns"},
    {"home", "portal"},
    {"api", "demo", "cli", "bench", "testing", "ops"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
# The pure core imports no other app at all, only itself and lib/indicators.
PURE = {"lib", "indicators", "reportcheck", "disclosurecheck"}


def _package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "fazhi" and len(parts) > 1 else None


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, fazhi package) of every import in the file, relative imports resolved."""
    here = path.relative_to(ROOT.parent).with_suffix("").parts
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level]
                names = [".".join([*base, node.module or ""])]
            else:
                names = [node.module or ""]
        else:
            continue
        found += [(node.lineno, p) for name in names if (p := _package(name))]
    return found


def upward_imports(path: Path) -> list[str]:
    own = path.relative_to(ROOT).parts[0].removesuffix(".py")
    if own not in RANK:
        return [f"{path}: 包 {own} 不在任何一层，请在 LAYERS 中登记"]
    wrong = []
    for line, target in imports_of(path):
        if target not in RANK:
            wrong.append(f"{path}:{line}: 导入了未登记的包 fazhi.{target}")
        elif RANK[target] > RANK[own] or (own in PURE and target not in PURE):
            wrong.append(f"{path}:{line}: {own} 不能导入上层的 fazhi.{target}")
    return wrong


def project_files() -> list[Path]:
    files = [p for p in ROOT.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]
    return [p for p in files if p != ROOT / "__init__.py"]


def test_no_module_imports_from_a_layer_above_its_own():
    wrong = [message for path in project_files() for message in upward_imports(path)]
    assert wrong == []


def test_an_upward_import_is_caught_even_inside_a_function():
    records = ROOT / "records"
    sneaky = records / "_layer_probe.py"
    sneaky.write_text(
        "def f():\n    from fazhi.reports.models import Report\n    from ..deadlines import models\n"
    )
    try:
        wrong = upward_imports(sneaky)
    finally:
        sneaky.unlink()
    assert len(wrong) == 2, wrong
    assert "records 不能导入上层的 fazhi.reports" in wrong[0]
    assert "fazhi.deadlines" in wrong[1]


@pytest.mark.parametrize("package", sorted(RANK))
def test_every_layer_named_exists(package):
    assert (ROOT / package).is_dir() or (ROOT / f"{package}.py").is_file()
