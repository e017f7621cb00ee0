"""A simplified map of Latvia's five planning regions, for the memorandum tracker.

The outlines are drawn by hand from a few dozen points (longitude, latitude) along the coast,
the borders and the regions' boundaries since the 2021 reform. They are meant to be recognised,
not measured: the tracker's list is the accurate, accessible alternative. Kept in code rather
than in a map file so that the page needs no map library, tiles or third-party requests.
"""

import math
from dataclasses import dataclass

from website.choices import PlanningRegion

# Shared boundary points, so that neighbouring regions meet without gaps.
KOLKA = (22.59, 57.76)
JURMALA_WEST = (23.45, 57.02)
RIGA_ZEMGALE = (23.40, 56.85)
RIGA_ZEMGALE_VIDZEME = (24.50, 56.72)
RIGA_COAST_NORTH = (24.33, 57.20)
ZEMGALE_KURZEME_BORDER = (22.95, 56.40)
ZEMGALE_LATGALE_VIDZEME = (26.10, 56.62)
ZEMGALE_LATGALE_BORDER = (25.85, 56.15)
LATGALE_VIDZEME_RUSSIA = (27.82, 57.33)

KURZEME_RIGA_ZEMGALE = [RIGA_ZEMGALE, (23.10, 56.60), ZEMGALE_KURZEME_BORDER]
RIGA_ZEMGALE_LINE = [RIGA_ZEMGALE, (23.80, 56.75), (24.20, 56.72), RIGA_ZEMGALE_VIDZEME]
RIGA_VIDZEME_LINE = [RIGA_ZEMGALE_VIDZEME, (24.95, 56.95), (25.00, 57.20), (24.65, 57.22)]
ZEMGALE_VIDZEME_LINE = [RIGA_ZEMGALE_VIDZEME, (25.20, 56.62), ZEMGALE_LATGALE_VIDZEME]
LATGALE_VIDZEME_LINE = [
    ZEMGALE_LATGALE_VIDZEME,
    (26.50, 56.55),
    (26.95, 56.55),
    (26.90, 56.85),
    (27.00, 57.15),
    (27.30, 57.30),
    LATGALE_VIDZEME_RUSSIA,
]
ZEMGALE_LATGALE_LINE = [ZEMGALE_LATGALE_VIDZEME, (26.05, 56.40), ZEMGALE_LATGALE_BORDER]

OUTLINES = {
    PlanningRegion.KURZEME: [
        JURMALA_WEST,
        *KURZEME_RIGA_ZEMGALE,
        (22.00, 56.42),
        (21.05, 56.07),
        (21.00, 56.50),
        (21.08, 56.85),
        (21.30, 57.15),
        (21.55, 57.40),
        (21.90, 57.60),
        KOLKA,
        (22.95, 57.45),
        (23.13, 57.33),
        (23.25, 57.12),
    ],
    PlanningRegion.RIGA: [
        JURMALA_WEST,
        (23.75, 56.97),
        (24.10, 57.05),
        RIGA_COAST_NORTH,
        *reversed(RIGA_VIDZEME_LINE),
        *RIGA_ZEMGALE_LINE[-2::-1],
    ],
    PlanningRegion.ZEMGALE: [
        *RIGA_ZEMGALE_LINE,
        *ZEMGALE_VIDZEME_LINE[1:],
        *ZEMGALE_LATGALE_LINE[1:],
        (25.10, 56.18),
        (24.50, 56.27),
        (23.80, 56.37),
        (23.30, 56.38),
        *KURZEME_RIGA_ZEMGALE[:0:-1],
    ],
    PlanningRegion.VIDZEME: [
        RIGA_COAST_NORTH,
        (24.40, 57.35),
        (24.38, 57.60),
        (24.35, 57.87),
        (25.20, 57.97),
        (25.80, 57.85),
        (26.02, 57.78),
        (26.50, 57.55),
        (27.00, 57.60),
        (27.55, 57.55),
        *reversed(LATGALE_VIDZEME_LINE),
        *reversed(ZEMGALE_VIDZEME_LINE[:-1]),
        *RIGA_VIDZEME_LINE[1:],
    ],
    PlanningRegion.LATGALE: [
        *LATGALE_VIDZEME_LINE,
        (27.85, 57.00),
        (27.75, 56.80),
        (28.15, 56.55),
        (28.20, 56.17),
        (27.60, 55.80),
        (26.60, 55.67),
        (26.20, 55.95),
        *reversed(ZEMGALE_LATGALE_LINE[1:]),
    ],
}

# Where each region's name and count are written (inside the region, clear of the borders).
LABELS = {
    PlanningRegion.KURZEME: (21.95, 57.00),
    PlanningRegion.RIGA: (24.40, 56.93),
    PlanningRegion.ZEMGALE: (24.55, 56.45),
    PlanningRegion.VIDZEME: (25.95, 57.35),
    PlanningRegion.LATGALE: (27.20, 56.30),
}

WEST, EAST, NORTH, SOUTH = 20.85, 28.35, 58.05, 55.55
WIDTH = 640
# An equirectangular projection squeezed by cos(latitude): Latvia keeps its familiar shape.
X_SCALE = WIDTH / (EAST - WEST)
Y_SCALE = X_SCALE / math.cos(math.radians(57))
HEIGHT = round((NORTH - SOUTH) * Y_SCALE)

# Shades of the site's brand colour, from none to most. Every region with members is filled
# 3:1 or more against the white page (WCAG 1.4.11: 3.4, 5.9, 8.8, 12.9), and every region is
# outlined in the text colour, so the empty one's light fill is not all that shows it. The text
# on the map sits on a white plate, so its contrast does not depend on the shade.
SHADES = ["#f4f2ef", "#cf6f74", "#a8434b", "#862a32", "#5e1820"]


def project(point):
    longitude, latitude = point
    return round((longitude - WEST) * X_SCALE, 1), round((NORTH - latitude) * Y_SCALE, 1)


def _path(points):
    coordinates = [project(point) for point in points]
    return "M" + " L".join(f"{x},{y}" for x, y in coordinates) + " Z"


PATHS = {region: _path(points) for region, points in OUTLINES.items()}


@dataclass
class MapRegion:
    region: str
    label: str
    count: int
    path: str
    fill: str
    label_x: float
    label_y: float
    dark: bool


def shade(count, highest):
    """One of five shades: none for 0, then four steps up to the region with most."""
    if count <= 0 or highest <= 0:
        return SHADES[0]
    return SHADES[min(4, math.ceil(4 * count / highest))]


def map_regions(counts):
    """The regions to draw, given {PlanningRegion value: number of municipalities}."""
    highest = max(counts.values(), default=0)
    regions = []
    for region in PlanningRegion:
        count = counts.get(region.value, 0)
        x, y = project(LABELS[region])
        fill = shade(count, highest)
        regions.append(
            MapRegion(
                region=region.value,
                label=str(region.label),
                count=count,
                path=PATHS[region],
                fill=fill,
                label_x=x,
                label_y=y,
                dark=fill in SHADES[3:],
            )
        )
    return regions
