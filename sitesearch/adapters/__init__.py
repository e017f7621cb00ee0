"""The site search's only contact with other packages' private surface.

modelsearch's database backends and LatvianStemmer's suffix table are not public APIs: a
release may change them without notice. Every use of them goes through one module here, and
each module's ``check()`` states the assumptions it makes, so that an upgrade that breaks one
fails a test (tests/sitesearch/test_adapters.py) with the package, what changed and where to
fix it, instead of returning wrong results.
"""


class AdapterAssumptionError(AssertionError):
    """A package no longer looks the way an adapter module assumes."""


def require(condition, package, version, what, module):
    """Raise AdapterAssumptionError naming the package, what changed and the module to update."""
    if not condition:
        raise AdapterAssumptionError(f"{package} {version} {what}; update {module}")
