"""Bar charts of indicator values, laid out in Python and drawn as SVG by a template.

Drawn on the server so that the chart needs no JavaScript, no chart library and no CDN, prints,
and is the same for every reader; the table under it carries the same numbers for screen
readers and for copying.
"""

import math
from dataclasses import dataclass

WIDTH = 640
HEIGHT = 320
LEFT = 56  # room for the value axis labels
RIGHT = 92  # room for the target's label, clear of the bars
TOP = 28  # room for the label above the tallest bar
BOTTOM = 52  # room for the years and the yearly increases under the bars
MAX_BAR_WIDTH = 56


@dataclass
class Bar:
    year: int
    value: int
    increment: int | None
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self):
        return round(self.x + self.width / 2, 1)

    @property
    def label_y(self):
        return round(self.y - 6, 1)


@dataclass
class Tick:
    value: int
    y: float


@dataclass
class Chart:
    bars: list
    ticks: list
    target: int | None
    target_y: float | None
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    baseline: float = HEIGHT - BOTTOM
    years_y: float = HEIGHT - BOTTOM + 20
    increments_y: float = HEIGHT - BOTTOM + 38
    show_increments: bool = False


def nice_step(highest, ticks=5):
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) giving about `ticks` gridlines up to `highest`."""
    if highest <= 0:
        return 1
    rough = highest / ticks
    magnitude = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step >= rough:
            return int(step) if step >= 1 else 1
    return int(10 * magnitude)


def bar_chart(rows, target=None, cumulative=False):
    """The chart of `rows` (objects with year, value and increment), or None without rows."""
    rows = sorted(rows, key=lambda row: row.year)
    if not rows:
        return None
    highest = max([row.value for row in rows] + [target or 0])
    step = nice_step(highest)
    top_value = step * math.ceil(highest / step)
    if top_value == highest:
        # Leave room above the tallest bar (or the target line) for its label.
        top_value += step
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT
    baseline = HEIGHT - BOTTOM

    def y_of(value):
        return round(baseline - plot_height * value / top_value, 1)

    slot = plot_width / len(rows)
    bar_width = round(min(MAX_BAR_WIDTH, slot * 0.6), 1)
    bars = []
    for index, row in enumerate(rows):
        y = y_of(row.value)
        bars.append(
            Bar(
                year=row.year,
                value=row.value,
                increment=row.increment if cumulative else None,
                x=round(LEFT + slot * index + (slot - bar_width) / 2, 1),
                y=y,
                width=bar_width,
                height=round(baseline - y, 1),
            )
        )
    ticks = [Tick(value=value, y=y_of(value)) for value in range(0, top_value + 1, step)]
    return Chart(
        bars=bars,
        ticks=ticks,
        target=target,
        target_y=y_of(target) if target else None,
        show_increments=cumulative and any(bar.increment is not None for bar in bars),
    )


# The same numbers laid out for a phone: one row per year, the bars running right. A column
# chart shrunk to a phone's width draws its figures at 6–9 px; these rows keep every label at
# 14 units in a 320-unit-wide drawing, which a phone shows at 12.6 px or more (site: the chart
# is at least 288 px wide, at most 26rem).
ROW_WIDTH = 320
ROW_LEFT = 44  # room for the years
ROW_RIGHT = 60  # room for the value after the longest bar
ROW_HEIGHT = 30
ROW_BAR = 18
ROW_TOP = 6
ROW_BOTTOM = 30  # room for the target's label under the rows


@dataclass
class Row:
    year: int
    value: int
    y: float
    width: float

    @property
    def centre_y(self):
        return round(self.y + ROW_BAR / 2, 1)

    @property
    def label_x(self):
        return round(ROW_LEFT + self.width + 6, 1)


@dataclass
class RowChart:
    rows: list
    target: int | None
    target_x: float | None
    height: float
    width: int = ROW_WIDTH
    left: int = ROW_LEFT
    top: int = ROW_TOP

    @property
    def bottom(self):
        return self.height - ROW_BOTTOM + ROW_TOP

    @property
    def target_label_y(self):
        return self.height - 8


def row_chart(rows, target=None):
    """The rows of `rows` (objects with year and value) for a narrow screen, or None."""
    rows = sorted(rows, key=lambda row: row.year)
    if not rows:
        return None
    highest = max([row.value for row in rows] + [target or 0]) or 1
    plot_width = ROW_WIDTH - ROW_LEFT - ROW_RIGHT

    def x_of(value):
        return round(plot_width * value / highest, 1)

    laid_out = [
        Row(
            year=row.year,
            value=row.value,
            y=ROW_TOP + index * ROW_HEIGHT + (ROW_HEIGHT - ROW_BAR) / 2,
            width=x_of(row.value),
        )
        for index, row in enumerate(rows)
    ]
    return RowChart(
        rows=laid_out,
        target=target,
        target_x=round(ROW_LEFT + x_of(target), 1) if target else None,
        height=ROW_TOP + len(rows) * ROW_HEIGHT + ROW_BOTTOM,
    )
