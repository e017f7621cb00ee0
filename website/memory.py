"""Keeping Python's cyclic garbage collector off what a worker holds for long.

A full collection walks every object the collector tracks. A worker holds about 250,000 once it
has answered its first requests (Django, Wagtail, the URL patterns, templates), and a search
catalogue four more per page it lists (sitesearch.catalogue: 400,000 at 100,000 pages). A
search page allocates tens of thousands of objects (a search cluster's answer lists up to 10,000
matches), enough to start a full collection every few searches: 0.1–0.3 s each, which was the
p95 of the search page at 10,000 pages (bench/search.py).

`settle()` collects what is garbage now, then freezes the rest (`gc.freeze`): collections skip
frozen objects, and reference counting still frees them when they are let go (a catalogue
replaced by a newer one). A frozen object in a reference cycle that becomes garbage later is
kept until the next `settle()`, which unfreezes everything before collecting.
"""

import gc


def settle():
    """Freeze what the process holds now, after collecting what is garbage."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
