# SPDX-License-Identifier: MIT
"""fcr.pyi names exactly what the module has, so that editors complete the
real API and the stub cannot fall behind."""
import ast
import inspect
import pathlib

import pytest

import fcr

STUB = pathlib.Path(__file__).resolve().parents[1] / "fcr.pyi"
# Protocol methods that a class may or may not have; the stub must agree.
PROTOCOL = {"__iter__", "__next__", "__len__", "__getitem__", "__contains__",
            "__enter__", "__exit__"}
# Members every SWIG proxy has, which are not part of the API.
SWIG_MEMBERS = {"this", "thisown"}


def stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"))


def stub_classes():
    return {node.name: node for node in stub_tree().body if isinstance(node, ast.ClassDef)}


def stub_members(name, classes):
    node = classes[name]
    members = set()
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            members.add(item.name)
    for base in node.bases:
        if isinstance(base, ast.Name) and base.id in classes:
            members |= stub_members(base.id, classes)
    return members


def public_names(names):
    return {name for name in names if not name.startswith("_")}


def test_module_names_match():
    stub_names = set()
    for node in stub_tree().body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            stub_names.add(node.name)
        elif isinstance(node, ast.Assign):
            stub_names.update(target.id for target in node.targets if isinstance(target, ast.Name))
    assert public_names(stub_names) == public_names(dir(fcr))


@pytest.mark.parametrize("name", sorted(public_names(stub_classes())))
def test_class_members_match(name):
    classes = stub_classes()
    runtime = getattr(fcr, name)
    if issubclass(runtime, BaseException):
        bases = [base.id for base in classes[name].bases if isinstance(base, ast.Name)]
        assert [base.__name__ for base in runtime.__bases__] == bases
        return

    expected = stub_members(name, classes)
    actual = public_names(dir(runtime)) - SWIG_MEMBERS
    assert public_names(expected) == actual
    runtime_protocol = {member for member in PROTOCOL if hasattr(runtime, member)}
    assert expected & PROTOCOL == runtime_protocol


@pytest.mark.parametrize("name", ["read_calls", "score_file", "score_records"])
def test_function_signatures_match(name):
    node = next(item for item in stub_tree().body
                if isinstance(item, ast.FunctionDef) and item.name == name)
    stub_parameters = [argument.arg for argument in node.args.args]
    assert list(inspect.signature(getattr(fcr, name)).parameters) == stub_parameters
