"""The tree shows the pipeline, and its arrows run one way.

Every import in the package is read from the source (module level,
function-local and ``TYPE_CHECKING`` ones alike), so a cycle cannot hide in
a function body.  Stages may import only the stages below them:

    format <- reading
    format <- checking <- decisions, review
    (reading, checking, decisions, review) <- results, run, config <- reporting <- commands <- cli

``names`` and ``errors`` are leaves anyone may use.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "relcheck"

# What each stage may import (besides itself and the leaves).
LEAVES = {"relcheck", "relcheck.names", "relcheck.errors", "relcheck.compact"}
ALLOWED = {
    "format": set(),
    "reading": {"format"},
    "checking": {"format"},
    "decisions": {"checking", "format"},
    "review": {"checking", "format"},
    "results": {"checking", "reading", "review"},
    "interop": {"checking", "format", "reading", "review"},
    "config": {"checking", "reading"},
    "reporting": {"checking", "format", "results", "review"},
    "run": {"checking", "config", "decisions", "format", "reading", "reporting", "results", "review"},
    "commands": {"checking", "config", "reading", "reporting", "results", "review", "run"},
    "cli": {"checking", "commands", "config", "decisions", "format", "interop", "reading", "reporting", "results",
            "review", "run"},
    "__main__": {"entry"},
    "entry": {"cli", "commands"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("relcheck"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if not module.startswith("relcheck"):
                continue
            for alias in node.names:  # `from . import rules` imports a module
                candidate = f"{module}.{alias.name}"
                found.add(candidate if _exists(candidate) else module)
    return found


def _exists(module: str) -> bool:
    relative = Path(*module.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative / "__init__.py").is_file()


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_no_module_imports_another_in_a_loop() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for child in sorted(graph[node]):
            if state.get(child) == 1:
                cycles.append(trail[trail.index(child):] + [child] if child in trail else [node, child])
            elif child not in state:
                visit(child, trail + [child])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_stages_import_only_the_stages_below_them() -> None:
    wrong = []
    for module, imported in _graph().items():
        stage = _stage(module)
        if module in LEAVES:
            assert not imported - LEAVES, f"{module} is a leaf but imports {imported - LEAVES}"
            continue
        assert stage in ALLOWED, f"{module}: a new stage must be added to this test's ALLOWED table"
        for target in imported - LEAVES:
            if _stage(target) != stage and _stage(target) not in ALLOWED[stage]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_the_stages_are_folders() -> None:
    for stage in ("format", "reading", "checking", "decisions", "review", "reporting"):
        assert (PACKAGE / stage / "__init__.py").is_file()
        assert (PACKAGE / stage / "__init__.py").read_text().startswith('"""'), f"{stage} says what it is for"
