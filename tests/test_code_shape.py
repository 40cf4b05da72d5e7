"""The code's shape: no module of ours grows past ~400 lines without saying why, and none
imports another module's private (``_underscored``) names.

A long module usually holds two things that want names of their own; one that must stay long
says so in its docstring with "Long because". A name another module needs is public.
"""

import ast

from django.conf import settings

PACKAGES = ("library_cms", "home", "articles", "library", "engagement", "catalogue", "search",
            "base", "tests")
MAX_LINES = 400


def modules():
    for package in PACKAGES:
        for path in (settings.BASE_DIR / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_no_module_is_long_without_a_reason():
    long = []
    for path in modules():
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > MAX_LINES and "Long because" not in (ast.get_docstring(ast.parse(text)) or ""):
            long.append(f"{path.relative_to(settings.BASE_DIR)}: {lines} lines")
    assert not long, f"Split them, or say in the docstring why they are long: {long}"


def test_no_module_imports_another_modules_private_names():
    private = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in PACKAGES:
                private += [f"{path.relative_to(settings.BASE_DIR)}: {node.module}.{alias.name}"
                            for alias in node.names if alias.name.startswith("_")]
    assert not private
