"""The stages import in the order of the flow: layout and model, then the template, then the
readers, table rebuilding, the narrative, metadata and bodies side by side, then OCR repair,
the audit and the pipeline. A stage imports only stages before it (never a peer), so a reader cannot depend
on how its grids are rebuilt, and the template's knowledge has one home."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "reportextract"

# Each stage's place in the flow; a stage may import only stages of a lower rank.
RANKS: dict[str, int] = {
    "errors": 0,
    "caching": 0,
    "resources": 1,  # the mappings, parsed once into the cache
    "atomic": 0,
    "layout": 0,
    "model": 1,
    "template": 2,
    "dataset": 2,
    "readers": 3,
    "tables": 3,
    "narrative": 3,
    "metadata": 3,
    "bodies": 3,
    "ocr_repair": 4,
    # fetch decodes pages as the readers do; the pipeline finds a fetched page's pictures
    # in the corpus it stored
    "fetch": 4,
    "audit": 5,
    "pipeline": 6,
}
# What a stage may import from the package's root (its public face).
ROOT_NAMES = {"__version__"}


def _module_name(path: Path, package: Path = PACKAGE) -> list[str]:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imports(path: Path, package_dir: Path = PACKAGE) -> list[tuple[list[str], list[str], int]]:
    """(imported module as parts, names imported from it, line) for every import inside
    the package, relative imports resolved."""
    module = _module_name(path, package_dir)
    package = module if path.name == "__init__.py" else module[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = base + (node.module.split(".") if node.module else [])
            else:
                target = (node.module or "").split(".")
            names = [alias.name for alias in node.names]
            found.append((target, names, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name.split("."), [], node.lineno) for alias in node.names]
    return [(target, names, line) for target, names, line in found if target[0] == "reportextract"]


def _stage(parts: list[str]) -> str | None:
    return parts[1] if len(parts) > 1 else None


def _violations(package: Path = PACKAGE) -> list[str]:
    out = []
    for path in sorted(package.rglob("*.py")):
        own = _stage(_module_name(path, package))
        if own not in RANKS:
            continue
        for target, names, line in _imports(path, package):
            other = _stage(target)
            if other is None:
                if set(names) <= ROOT_NAMES:
                    continue
                out.append(f"{path.relative_to(package)}:{line} imports the package root")
                continue
            if other == own:
                continue
            if other not in RANKS or RANKS[other] >= RANKS[own]:
                out.append(f"{path.relative_to(package)}:{line} ({own}) imports {other}")
    return out


def test_every_stage_imports_only_stages_before_it() -> None:
    assert _violations() == []


@pytest.mark.parametrize("forbidden", ["tables", "audit", "narrative", "synth", "ocr_repair"])
def test_no_reader_imports_a_later_stage(forbidden: str) -> None:
    readers = [p for p in (PACKAGE / "readers").rglob("*.py")]
    assert readers
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in readers
        for target, _, line in _imports(path)
        if _stage(target) == forbidden
    ]
    assert offenders == []


def test_the_rule_sees_an_import_against_the_flow(tmp_path: Path) -> None:
    """The checker itself: a reader importing the rebuilder, or model importing layout's
    user back, is caught; importing the template is not."""
    package = tmp_path / "reportextract"
    (package / "readers").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "readers" / "probe.py").write_text(
        "from ..tables.rebuild import rebuild_tables\nfrom ..template import template_map\n",
        encoding="utf-8",
    )
    (package / "layout.py").write_text("from .model import Check\n", encoding="utf-8")
    assert _violations(package) == [
        "layout.py:1 (layout) imports model",
        "readers/probe.py:1 (readers) imports tables",
    ]


def test_every_import_inside_the_package_names_a_module_that_exists() -> None:
    """mypy is told to ignore missing imports (for third-party packages without types), so a
    module moved away would go unnoticed there: every internal import must name a module."""
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for target, _, line in _imports(path):
            place = PACKAGE.parent.joinpath(*target)
            if not (place.with_suffix(".py").is_file() or (place / "__init__.py").is_file()):
                missing.append(f"{path.relative_to(PACKAGE)}:{line} imports {'.'.join(target)}")
    assert missing == []
