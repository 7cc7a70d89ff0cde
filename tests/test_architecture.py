"""The house's rule, checked on the code's own imports: arrows point down.

Every import of the application is read from the source (at module level or inside a function:
an import placed in a function to dodge a cycle is still a cycle) and each must go from a layer
to a layer below it. README.md ("Architecture") explains the layers.
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"

#: Bottom to top. A package may import only from the layers below its own (and from itself).
LAYERS = [
    # core: plumbing every domain uses
    {"app.extensions", "app.config", "app.models_base", "app.crypto", "app.redact",
     "app.images", "app.i18n", "app.text", "app.errors", "app.urls",
     "app.backup", "app.documents"},
    {"app.audit"},
    {"app.mail"},
    {"app.jobs"},              # background jobs (Huey) with progress, the file kept when done
    {"app.meetings"},          # the floor of every domain
    {"app.auth"},
    {"app.calendar"},
    {"app.agenda"},
    {"app.invitations"},
    {"app.registration"},
    {"app.accreditation"},     # categories beyond delegations: press, security, drivers, liaison…
    {"app.doc_register"},      # meeting documents with symbols, revisions, a file per language
    {"app.minutes"},
    {"app.resolutions"},
    {"app.floor"},             # the meeting room: list of speakers, room display, votes
    {"app.circulars"},         # a message to chosen recipients of a meeting (heads, registrations)
    {"app.logistics"},         # hotels and rooming, flights and transfers, meals (one module each)
    {"app.protocol"},          # order of precedence, seating plan, name plates, flag order
    {"app.series"},            # the roof: archive, clone, follow-up, translations, settings
    {"app.models"},            # the whole schema, for create_app and Alembic
    {"app.web"},               # blueprints, forms, request-bound locale, page cache, errors
    {"app.demo"},
    {"app.cli"},
    {"app"},                   # create_app
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _modules() -> dict[str, Path]:
    found = {}
    for path in APP.rglob("*.py"):
        parts = list(path.relative_to(APP.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports() -> dict[str, set[str]]:
    """Module → the application modules it imports, wherever the import statement sits."""
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in MODULES.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[:len(package) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                targets = [_resolve(f"{module}.{alias.name}") for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [_resolve(alias.name) for alias in node.names]
            else:
                continue
            for target in targets:
                if target and target != name and target.split(".")[0] == "app":
                    edges[name].add(target)
    return edges


IMPORTS = _imports()


def _group(module: str, depth: int) -> str:
    return ".".join(module.split(".")[:depth])


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def _layer_of(module: str) -> str:
    name = module
    while name not in RANK:
        name = name.rpartition(".")[0]
        assert name, f"{module} belongs to no layer: add its package to LAYERS (and README)"
    return name


def test_the_graph_is_read_from_the_code():
    # A guard against a reader that silently finds nothing.
    assert len(MODULES) > 60
    assert "app.agenda.models" in IMPORTS["app.agenda.services"]
    assert "app.web.pages" in IMPORTS["app.web"]


@pytest.mark.parametrize("depth", [2, 3, 99], ids=["packages", "subpackages", "modules"])
def test_no_two_packages_or_modules_import_each_other(depth):
    grouped: dict[str, set[str]] = defaultdict(set)
    for source, targets in IMPORTS.items():
        for target in targets:
            if _group(source, depth) != _group(target, depth):
                grouped[_group(source, depth)].add(_group(target, depth))
    assert _cycles(grouped) == []


def test_every_import_points_down():
    upward = sorted(
        f"{source} -> {target}"
        for source, targets in IMPORTS.items() for target in targets
        if RANK[_layer_of(source)] < RANK[_layer_of(target)])
    assert upward == []


REQUEST_BOUND = {("flask", "request"), ("flask", "g"), ("flask", "session"), ("flask", "url_for"),
                 ("flask", "has_request_context"), ("flask_login", "current_user")}


def test_domain_services_never_read_the_request():
    """Below the web layer, code takes plain arguments: no request, g, session, current_user
    or url_for (absolute links come from app.urls.public_url)."""
    readers = []
    for name, path in MODULES.items():
        if RANK[_layer_of(name)] >= RANK["app.web"]:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module in ("flask", "flask_login"):
                readers += [f"{name}: {node.module}.{alias.name}" for alias in node.names
                            if (node.module, alias.name) in REQUEST_BOUND]
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and (node.value.id, node.attr) in REQUEST_BOUND:
                readers.append(f"{name}: {node.value.id}.{node.attr}")
    assert readers == []
