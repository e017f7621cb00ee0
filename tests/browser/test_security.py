"""The Content-Security-Policy in a real browser: the demo site's pages load without a violation."""

import re
import urllib.request
from urllib.parse import urlsplit

from tests.browser.conftest import assert_no_csp_violations

# The demo server runs with DEBUG on, so its 404 is Django's debug page: not checked here.
EXTRA_PATHS = ["/lv/meklet/?q=metodika", "/en/search/?q=social+work"]


def sitemap_paths(demo_server):
    with urllib.request.urlopen(f"{demo_server}/sitemap.xml", timeout=30) as response:
        xml = response.read().decode("utf-8")
    return sorted({urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", xml)})


def test_every_demo_page_loads_without_a_policy_violation(page, demo_server):
    paths = sitemap_paths(demo_server)
    assert len(paths) > 20
    for path in [*paths, *EXTRA_PATHS]:
        response = page.goto(f"{demo_server}{path}", wait_until="load")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        # Scripts ran: the site's script makes the menu link a button.
        assert page.locator(".nav-toggle").get_attribute("role") == "button", path
    assert_no_csp_violations(page)


def test_the_policy_blocks_an_inline_script(page, demo_server):
    """The check above would see a violation: an injected inline script is refused and reported."""
    page.goto(f"{demo_server}/lv/")
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.inlineScriptRan = true;";
                document.body.append(script);
            }"""
        )
    assert page.evaluate("window.inlineScriptRan === undefined")
    assert any("script-src" in message for message in page.csp_violations)
    page.csp_violations.clear()


def test_the_admin_login_works_without_the_policy(page, demo_server):
    response = page.goto(f"{demo_server}/admin/login/")
    assert "content-security-policy" not in response.headers
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "browser-tests-only")
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{demo_server}/admin/")
    # A logged-in editor sees Wagtail's user bar on public pages; it must work under the policy.
    page.goto(f"{demo_server}/lv/")
    page.locator("wagtail-userbar").wait_for(state="attached")
    assert_no_csp_violations(page)
