"""Rules of the house a newcomer can rely on, checked on the source: no module of the project's
code or tests over 600 lines, and no import cycle between the project's modules, counting the
imports written inside functions (a cycle hidden there is still a cycle)."""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


def project_apps():
    """The project's own apps (not Django's, Wagtail's or other packages'), by package."""
    from django.apps import apps

    return sorted(
        {
            config.name.partition(".")[0]
            for config in apps.get_app_configs()
            if Path(config.path).is_relative_to(PROJECT)
            and not {".venv", "site-packages"} & set(Path(config.path).parts)
        }
    )


MAX_LINES = 600


def python_files(folders):
    for folder in folders:
        for path in sorted((PROJECT / folder).rglob("*.py")):
            if "migrations" not in path.relative_to(PROJECT).parts:
                yield path


def module_name(path):
    parts = list(path.relative_to(PROJECT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_statements(path):
    """(module, [name, …]) for every import in `path`, anywhere in it (top level or inside
    functions), relative ones made absolute; `import a.b` gives ("a.b", [])."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            yield base, [alias.name for alias in node.names]


def imports_of(path, modules, exports):
    """The project modules `path` imports. `from a import b` imports the module a.b when
    there is one; a name a package's __init__ takes from one of its modules (`exports`) counts
    as an import of that module."""
    name = module_name(path)
    found = set()
    for base, names in import_statements(path):
        targets = [base] if not names else []
        for imported in names:
            if f"{base}.{imported}" in modules:
                targets.append(f"{base}.{imported}")
            else:
                targets.append(exports.get(base, {}).get(imported, base))
        for target in targets:
            # `import a.b.c` means the deepest project module of that name.
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def cycles(graph):
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def import_graph(folders):
    paths = list(python_files(folders))
    modules = {module_name(path) for path in paths}
    # What each package's __init__ re-exports: {package: {name: the module it comes from}}.
    exports = {
        module_name(path): {
            imported: base for base, names in import_statements(path) for imported in names
        }
        for path in paths
        if path.name == "__init__.py"
    }
    graph = {}
    for path in paths:
        # A package's __init__ importing its own submodules is how packages are put together:
        # importers of its names are counted as importing those modules instead.
        name = module_name(path)
        graph[name] = {
            target
            for target in imports_of(path, modules, exports)
            if not (path.name == "__init__.py" and target.startswith(f"{name}."))
        }
    return graph


def test_the_project_apps_are_read():
    assert {"website", "sitesearch", "events", "dictionary"} <= set(project_apps())


def test_no_module_is_over_600_lines():
    long = {
        str(path.relative_to(PROJECT)): lines
        for path in python_files((*project_apps(), "tests", "bench"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"modules over {MAX_LINES} lines: split them by subject"


def test_the_project_has_no_import_cycle():
    found = cycles(import_graph(project_apps()))
    assert found == [], f"import cycles (imports inside functions count): {found}"


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_the_cycle_finder_finds_cycles(graph, expected):
    assert cycles(graph) == expected


def test_imports_inside_functions_count(tmp_path, monkeypatch):
    """The check reads every import of a module, not only those at its top."""
    monkeypatch.setattr(f"{__name__}.PROJECT", tmp_path)
    package = tmp_path / "shop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("def f():\n    from shop.views import g\n")
    (package / "views.py").write_text("from .models import f\n")
    assert cycles(import_graph(["shop"])) == [["shop.models", "shop.views"]]


def test_names_a_package_re_exports_count_as_imports_of_their_module(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.PROJECT", tmp_path)
    models = tmp_path / "shop" / "models"
    models.mkdir(parents=True)
    (tmp_path / "shop" / "__init__.py").write_text("")
    (models / "__init__.py").write_text("from shop.models.page import Page\n")
    (models / "page.py").write_text("def route():\n    from shop.search import find\n")
    (tmp_path / "shop" / "search.py").write_text("from shop.models import Page\n")
    assert cycles(import_graph(["shop"])) == [["shop.models.page", "shop.search"]]
