"""Fixtures shared by the tests of a module (tests/conftest.py builds them)."""

import copy
import inspect

import pytest
from django.db import models


def thaw(value):
    """A fresh copy of a fixture's value: model instances read again from the database."""
    if isinstance(value, models.Model):
        return type(value)._base_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(thaw(item) for item in value)
    return copy.deepcopy(value)


# Data shared by the tests of a module ---------------------------------------------------------
# Building the home page and its translation costs ~0.4 s of CPU, a section index as much
# again, and most tests start from them. A fixture made with @shared_fixture is built once for
# a module in which every test that uses the database asks for it (and none commits): inside a
# transaction that spans the module and is rolled back after its last test. Each test runs in
# a savepoint within it (as with Django's TestCase.setUpTestData), so what a test changes is
# still undone after it, and each test gets fresh instances read again from the database.
# Elsewhere (a module where some tests do not use it) it is built for each test, as before.

SHARED_BUILDERS = {}


def shared_fixture(build):
    """A fixture named after `build`, whose arguments are the fixtures it is built from
    (themselves shared fixtures, or `db`)."""
    name = build.__name__
    arguments = list(inspect.signature(build).parameters)
    assert name not in SHARED_BUILDERS, f"two shared fixtures are named {name}"
    SHARED_BUILDERS[name] = (build, arguments)

    def fixture(_shared_data, **kwargs):
        if name in _shared_data.values:
            return thaw(_shared_data.values[name])
        return build(**{argument: kwargs[argument] for argument in arguments})

    keyword = inspect.Parameter.KEYWORD_ONLY
    fixture.__signature__ = inspect.Signature(
        [inspect.Parameter("_shared_data", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [inspect.Parameter(argument, keyword) for argument in arguments]
    )
    fixture.__name__ = name
    fixture.__doc__ = build.__doc__
    # How tests/conftest.py tells this fixture from a test module's own one of the same name.
    fixture.shared_build = build
    return pytest.fixture(name=name)(fixture)


class SharedData:
    def __init__(self):
        self.values = {}
        self.media = None
