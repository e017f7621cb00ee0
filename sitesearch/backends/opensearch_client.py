"""opensearch-py beside the project's own ``events`` app: the one place that knows.

opensearch-py (2.6 and later) imports the small "Events" library by its module name,
``events`` (``from events import Events``, for its optional request metrics), which is also the
name of this project's events section, first on the path. While opensearch-py is imported, the
library stands under that name; then the section's modules are put back. opensearch-py keeps
the class it imported and never imports ``events`` again.

Import it at start-up (sitesearch.apps does when an OpenSearch backend is configured), before
other threads could import a module of the events section in the moment it is away.
tests/sitesearch/test_search_cluster.py fails with a clear message if a new
opensearch-py imports it otherwise.
"""

import importlib.util
import sys
from importlib.metadata import distribution

BACKEND = "sitesearch.backends.opensearch"
LIBRARY = "Events"  # the distribution whose package is named "events"


def _modules_named_events():
    return {
        name: module
        for name, module in sys.modules.items()
        if name == "events" or name.startswith("events.")
    }


def _load_library():
    location = distribution(LIBRARY).locate_file("events/__init__.py")
    spec = importlib.util.spec_from_file_location(
        "events", location, submodule_search_locations=[str(location.parent)]
    )
    library = importlib.util.module_from_spec(spec)
    sys.modules["events"] = library
    spec.loader.exec_module(library)
    return library


def import_opensearchpy():
    """The opensearchpy package, imported with the Events library standing in for ``events``."""
    if "opensearchpy" in sys.modules:
        return sys.modules["opensearchpy"]
    saved = _modules_named_events()
    for name in saved:
        del sys.modules[name]
    try:
        _load_library()
        import opensearchpy
    finally:
        for name in _modules_named_events():
            del sys.modules[name]
        sys.modules.update(saved)
    return opensearchpy
