"""The private APIs of other packages the site relies on, each behind one module here.

Nothing else in the site touches them: code uses the adapter's public function or class. Each
adapter's check() verifies what it assumes of the installed package (the private name exists,
has the signature it was written against, and behaves as assumed) and raises AdapterOutdated
naming the package, its installed version, what changed and the module to update. The canaries
in tests/website/test_adapters.py call every check(), so an upgrade that breaks one fails there
with that message instead of somewhere in a sitemap, an import or the demo.
"""

from importlib import import_module
from importlib.metadata import version

ADAPTERS = (
    "website.adapters.sitemaps",
    "website.adapters.django_output",
    "website.adapters.wagtail_files",
    "website.adapters.csp",
)


class AdapterOutdated(RuntimeError):
    """A package no longer provides the private API an adapter was written against."""


def outdated(distribution, change, module):
    """The error an adapter's check() raises: which package, which version, what, where."""
    return AdapterOutdated(
        f"{distribution} {version(distribution)}: {change}. "
        f"Update {module} (its docstring says what it relies on)."
    )


def check_all():
    for name in ADAPTERS:
        import_module(name).check()
