"""`make test` runs with --dist loadgroup so that one process runs all the tests of an
xdist_group and builds their costly fixtures once: the production stack (tests/deploy), each
browser module's demo server and Chromium (tests/browser), the fuzz, leak-scan and admin-crawl
modules' crawls of the demo site.

pytest-xdist groups a test by appending "@group" to its node id. pytest 9.2 ignores that
(the id is computed, no longer stored), and every group was quietly split over both processes:
each built the stack, the demo server and the crawled sites again, minutes of CI. This canary
fails if an upgrade of either breaks the grouping again.
"""

import pytest

pytestmark = pytest.mark.xdist_group("canary")


def test_loadgroup_keeps_a_group_in_one_process(request):
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run by pytest-xdist with --dist loadgroup")
    assert request.node.nodeid.endswith("@canary"), (
        f"pytest {pytest.__version__} and this pytest-xdist no longer group tests "
        "(--dist loadgroup): pin versions that do in pyproject.toml's dev extra"
    )
