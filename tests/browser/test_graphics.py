"""The project's indicator charts and the campaign's map (issue 21): labels readable on a phone
(12 px or more), visible in forced colours (Windows high contrast, dark), and map fills 3:1
against the white page (WCAG 1.4.11)."""

import pytest

from tests.browser.conftest import _watch_content_security_policy

# The rendered size of each label of the chart that is shown: its font size in the drawing's
# units times the drawing's scale on screen.
LABEL_SIZES = """() => [...document.querySelectorAll(".bar-chart")]
    .filter(svg => svg.getBoundingClientRect().width > 0)
    .flatMap(svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll("text")].map(text => ({
            text: text.textContent.trim(),
            px: parseFloat(getComputedStyle(text).fontSize) * scale,
        }));
    })"""

CONTRAST = """
function luminance(colour) {
    const [r, g, b] = colour.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
}
"""


def tab(browser, width, **options):
    context = browser.new_context(viewport={"width": width, "height": 800}, **options)
    page = _watch_content_security_policy(context.new_page())
    page.set_default_timeout(15_000)
    return context, page


@pytest.mark.parametrize("width", [320, 360, 412, 800, 1280])
def test_chart_labels_are_12_px_or_more(browser, demo_server, demo_pages, width):
    context, page = tab(browser, width, is_mobile=width < 600)
    try:
        for language in ("lv", "en"):
            page.goto(demo_server + demo_pages[f"ProjectPage {language}"])
            labels = page.evaluate(LABEL_SIZES)
            assert len(labels) > 10
            small = [label for label in labels if label["px"] < 12]
            assert not small, f"{width} px, {language}: {small[:5]}"
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_charts_and_map_show_in_dark_forced_colours(browser, demo_server, demo_pages):
    """Every label keeps 4.5:1 against the page, every bar and region outline 3:1."""
    context, page = tab(browser, 1280, forced_colors="active", color_scheme="dark")
    try:
        for kind, labels, shapes, paint in (
            ("ProjectPage lv", ".bar-chart text", ".bar-chart .bar", "fill"),
            ("MemorandumPage lv", ".region-map__label", ".region-map__region", "stroke"),
            ("ProjectPage en", ".bar-chart text", ".bar-chart .bar", "fill"),
        ):
            page.goto(demo_server + demo_pages[kind])
            found = page.evaluate(
                "([labels, shapes, paint]) => {"
                + CONTRAST
                + """
                const canvas = getComputedStyle(document.body).backgroundColor;
                const visible = el => el.getBoundingClientRect().width > 0;
                return {
                    canvas,
                    labels: [...document.querySelectorAll(labels)].filter(visible).map(
                        t => contrast(getComputedStyle(t).fill, canvas)),
                    shapes: [...document.querySelectorAll(shapes)].filter(visible).map(
                        s => contrast(getComputedStyle(s)[paint], canvas)),
                };
            }""",
                [labels, shapes, paint],
            )
            assert found["canvas"] == "rgb(0, 0, 0)", "not a dark forced-colours page"
            assert found["labels"] and found["shapes"], kind
            assert min(found["labels"]) >= 4.5, (kind, found)
            assert min(found["shapes"]) >= 3, (kind, found)
    finally:
        context.close()


def test_map_regions_stand_out_from_the_white_page(browser, demo_server, demo_pages):
    context, page = tab(browser, 1280)
    try:
        for language in ("lv", "en"):
            page.goto(demo_server + demo_pages[f"MemorandumPage {language}"])
            regions = page.evaluate(
                "() => {"
                + CONTRAST
                + """
                return [...document.querySelectorAll(".region-map__region")].map(path => ({
                    region: path.dataset.region,
                    count: Number(path.dataset.count),
                    fill: contrast(getComputedStyle(path).fill, "rgb(255, 255, 255)"),
                    outline: contrast(getComputedStyle(path).stroke, "rgb(255, 255, 255)"),
                }));
            }"""
            )
            assert len(regions) == 5
            assert any(region["region"] == "zemgale" for region in regions), regions
            for region in regions:
                assert region["outline"] >= 3, region
                if region["count"]:
                    assert region["fill"] >= 3, region
    finally:
        context.close()
