"""The demo site's artwork, drawn here with Pillow: covers, portraits, podcast art, pictures.

No stock photos and nothing downloaded. Every picture is flat shapes and type in the site's
palette (website/static/website/css/site.css), so that it reads as designed rather than as a
placeholder, and each item gets its own colour and motif: a `tone` (an index into TONES; by
default derived from the item's text) picks the colours, and a seed from the text places the
shapes. The same arguments always give the same bytes, which keeps the demo loader idempotent.
"""

import hashlib
import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIRECTORIES = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/share/fonts/dejavu"),
]
WHITE = "#ffffff"
INK = "#1b1b1f"  # --colour-text
ACCENT = "#ffbf47"  # --colour-focus: shapes only, and text on the darkest tones
# The site's dark colours: white type on each is at least 4.5:1 (tests check it).
TONES = (
    "#9e3039",  # --colour-brand
    "#0b4f8a",  # --colour-link
    "#1d6b35",  # --colour-success
    "#5b2a86",  # --colour-link-visited
    "#6e1f27",  # --colour-brand-dark
    "#1b1b1f",  # --colour-text
)


# Colours ----------------------------------------------------------------------------------


def rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def mix(colour, other, amount):
    """`colour` moved `amount` (0–1) of the way towards `other`, as #rrggbb."""
    a, b = rgb(colour), rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def contrast(first, second):
    """The WCAG 2 contrast ratio of two colours."""

    def luminance(colour):
        channels = [c / 255 for c in rgb(colour)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def seed_of(text):
    """A stable number from text (Python's hash() changes between runs)."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def tone_of(tone, text):
    return TONES[(seed_of(text) if tone is None else tone) % len(TONES)]


# Type -------------------------------------------------------------------------------------


def font(size, bold=False, serif=False):
    """DejaVu if installed (it draws Latvian letters), else Pillow's own scalable font."""
    name = f"DejaVu{'Serif' if serif else 'Sans'}{'-Bold' if bold else ''}.ttf"
    for directory in FONT_DIRECTORIES:
        if (directory / name).exists():
            return ImageFont.truetype(str(directory / name), size)
    return ImageFont.load_default(size)


def wrap(draw, text, face, width):
    """The words of `text` in lines no wider than `width` (a longer word keeps its own line)."""
    lines = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=face) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def fit(draw, text, width, max_lines, largest, smallest, **style):
    """The largest font (and its lines) that sets `text` in `max_lines` lines of `width`."""
    size = largest
    while True:
        face = font(size, **style)
        lines = wrap(draw, text, face, width)
        widest = max((draw.textlength(line, font=face) for line in lines), default=0)
        if (len(lines) <= max_lines and widest <= width) or size <= smallest:
            return face, lines
        size -= 2


def write(draw, position, lines, face, fill, leading=1.18, anchor="la"):
    """Lines from `position` down; returns the y below the last line."""
    x, y = position
    step = round(face.size * leading)
    for line in lines:
        draw.text((x, y), line, font=face, fill=fill, anchor=anchor)
        y += step
    return y


def png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# Motifs -----------------------------------------------------------------------------------


def tiles(draw, box, colours, rng, columns=4):
    """A grid of quarter and half discs, triangles and squares, each turned its own way."""
    left, top, right, bottom = box
    side = (right - left) / columns
    rows = max(1, round((bottom - top) / side))
    for row in range(rows):
        for column in range(columns):
            x0, y0 = left + column * side, top + row * side
            x1, y1 = x0 + side, y0 + side
            back, fore = rng.sample(colours, 2)
            draw.rectangle([x0, y0, x1, y1], fill=back)
            shape, turn = rng.randrange(4), rng.randrange(4)
            corner = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)][turn]
            if shape == 0:  # a quarter disc from one corner
                cx, cy = corner
                draw.pieslice(
                    [cx - side, cy - side, cx + side, cy + side],
                    90 * turn,
                    90 * turn + 90,
                    fill=fore,
                )
            elif shape == 1:  # a half disc on one side
                cx, cy = [((x0 + x1) / 2, y0), (x1, (y0 + y1) / 2)][turn % 2]
                r = side / 2
                start = [0, 90, 180, 270][turn]
                draw.pieslice([cx - r, cy - r, cx + r, cy + r], start, start + 180, fill=fore)
            elif shape == 2:  # a triangle: half the tile, cut on a diagonal
                points = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
                del points[turn]
                draw.polygon(points, fill=fore)
            else:  # a smaller square, inset
                inset = side * 0.22
                draw.rectangle([x0 + inset, y0 + inset, x1 - inset, y1 - inset], fill=fore)


def stripes(draw, box, colours, rng):
    """Diagonal bands of the issue's colours, with one accent band."""
    left, top, right, bottom = box
    width = right - left
    band = width / rng.choice((5, 6, 7))
    accent = rng.randrange(3, 7)
    x, index = left - (bottom - top), 0
    while x < right:
        colour = colours[2] if index == accent else colours[index % 2]
        draw.polygon(
            [
                (x, bottom),
                (x + band, bottom),
                (x + band + bottom - top, top),
                (x + bottom - top, top),
            ],
            fill=colour,
        )
        x += band
        index += 1


def arcs(draw, box, colours, rng):
    """Concentric quarter rings spreading from a corner of the box."""
    left, top, right, bottom = box
    corner = rng.randrange(4)
    cx = left if corner in (0, 3) else right
    cy = top if corner in (0, 1) else bottom
    reach = math.hypot(right - left, bottom - top)
    ring = reach / rng.choice((6, 7, 8))
    count = math.ceil(reach / ring)
    for index in range(count, 0, -1):
        r = index * ring
        colour = colours[2] if index == 2 else colours[index % 2]
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)


def bars(draw, box, colours, heights, gap=0.35):
    """Rounded vertical bars around the box's middle line: a sound wave, or a chart."""
    left, top, right, bottom = box
    middle = (top + bottom) / 2
    step = (right - left) / len(heights)
    width = step * (1 - gap)
    for index, height in enumerate(heights):
        x = left + index * step + (step - width) / 2
        half = max(width / 2, height * (bottom - top) / 2)
        colour = colours[index % len(colours)]
        draw.rounded_rectangle([x, middle - half, x + width, middle + half], width / 2, colour)


def person(draw, centre_x, ground, height, colour):
    """A simple figure: a head over rounded shoulders, standing on `ground`."""
    head = height * 0.2
    body_top = ground - height * 0.62
    shoulders = height * 0.3
    draw.ellipse(
        [centre_x - head, body_top - head * 2.15, centre_x + head, body_top - head * 0.15],
        fill=colour,
    )
    draw.rounded_rectangle(
        [centre_x - shoulders, body_top, centre_x + shoulders, ground + shoulders],
        shoulders * 0.9,
        fill=colour,
    )


# Kinds ------------------------------------------------------------------------------------


def cover(size, *, masthead, issue_line, theme, publisher="", tone=None):
    """A magazine cover: masthead band, the issue's number and season, a motif, the theme."""
    width, height = size
    unit, margin = width / 600, round(width * 0.07)
    main = tone_of(tone, theme)
    paper = mix(main, WHITE, 0.9)
    rng = random.Random(seed_of(theme))
    image = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(image)

    band = round(height * 0.2)
    draw.rectangle([0, 0, width, band], fill=main)
    face, lines = fit(
        draw, masthead, width - 2 * margin, 1, round(46 * unit), 12, bold=True, serif=True
    )
    write(draw, (margin, round(band * 0.2)), lines, face, WHITE)
    rule_y = round(band * 0.62)
    draw.rectangle(
        [margin, rule_y, margin + round(width * 0.18), rule_y + max(2, round(4 * unit))],
        fill=ACCENT,
    )
    write(draw, (margin, rule_y + round(14 * unit)), [issue_line], font(round(26 * unit)), WHITE)

    motif = (margin, band + margin, width - margin, round(height * 0.66))
    colours = [
        main,
        mix(main, WHITE, 0.55),
        ACCENT if contrast(main, ACCENT) > 3 else mix(main, WHITE, 0.8),
    ]
    draw.rectangle(motif, fill=colours[1])
    style = rng.randrange(3)
    if style == 0:
        tiles(draw, motif, colours + [paper], rng)
    elif style == 1:
        stripes(draw, motif, colours, rng)
    else:
        arcs(draw, motif, colours, rng)
    # The motif is cut to its box: shapes that spill over are painted back with the paper.
    draw.rectangle([0, band, width, motif[1] - 1], fill=paper)
    draw.rectangle([0, motif[3] + 1, width, height], fill=paper)
    draw.rectangle([0, band, motif[0] - 1, height], fill=paper)
    draw.rectangle([motif[2] + 1, band, width, height], fill=paper)

    face, lines = fit(
        draw, theme, width - 2 * margin, 3, round(50 * unit), round(22 * unit), bold=True
    )
    write(draw, (margin, motif[3] + round(28 * unit)), lines, face, main, leading=1.12)
    strip = round(12 * unit)
    if publisher:
        small = font(round(18 * unit))
        write(
            draw, (margin, height - strip - round(20 * unit)), [publisher], small, main, anchor="ld"
        )
    draw.rectangle([0, height - strip, width, height], fill=main)
    return png(image)


def portrait(size, *, name, tone=None):
    """A person as a friendly flat figure on a pattern of their own colour, with their name."""
    width, height = size
    main = tone_of(tone, name)
    rng = random.Random(seed_of(name))
    image = Image.new("RGB", size, main)
    draw = ImageDraw.Draw(image)
    band = round(height * 0.18)
    tiles(
        draw,
        (0, 0, width, height),
        [main, mix(main, WHITE, 0.1), mix(main, WHITE, 0.2)],
        rng,
        columns=3,
    )
    skin, hair = mix(main, WHITE, 0.8), mix(main, INK, 0.55)
    cx, ground = width * 0.5, height - band
    head = width * 0.13
    head_y = height * 0.36
    # The hair and the glasses come from the name, so two people rarely look alike.
    seed = seed_of(name)
    style, glasses = seed % 4, (seed >> 8) % 2
    if style == 2:  # long hair, falling behind the shoulders
        draw.rounded_rectangle(
            [cx - head * 1.25, head_y - head * 1.1, cx + head * 1.25, head_y + head * 1.9],
            head,
            fill=hair,
        )
    shoulders = width * 0.3
    draw.rounded_rectangle(
        [cx - shoulders, head_y + head * 1.55, cx + shoulders, ground + shoulders],
        shoulders * 0.75,
        fill=mix(main, WHITE, 0.55),
    )
    # A collar in the accent colour, and the neck above it.
    collar = head_y + head * 1.55
    draw.polygon(
        [(cx - head * 0.75, collar), (cx + head * 0.75, collar), (cx, collar + head)], fill=ACCENT
    )
    draw.rectangle([cx - head * 0.4, head_y + head * 0.6, cx + head * 0.4, collar + 2], fill=skin)
    draw.ellipse([cx - head, head_y - head * 1.1, cx + head, head_y + head * 1.05], fill=skin)
    top = [cx - head * 1.08, head_y - head * 1.25, cx + head * 1.08, head_y + head * 0.75]
    if style == 3:  # curls all round the top of the head
        curl = head * 0.36
        for step in range(9):
            angle = math.radians(180 + step * 22.5)
            x, y = cx + head * math.cos(angle), head_y - head * 0.05 + head * math.sin(angle)
            draw.ellipse([x - curl, y - curl, x + curl, y + curl], fill=hair)
        draw.chord([cx - head, head_y - head * 1.1, cx + head, head_y + head * 0.4], 180, 360, hair)
    else:
        draw.chord(top, 180, 360, fill=hair)
        # A fringe swept to one side.
        draw.pieslice(
            [cx - head * 1.05, head_y - head * 1.05, cx + head * 0.6, head_y + head * 0.35],
            180,
            270,
            fill=hair,
        )
    if style == 1:  # hair up in a bun
        bun = head * 0.5
        draw.ellipse(
            [cx - bun, head_y - head * 1.2 - bun * 1.6, cx + bun, head_y - head * 1.2 + bun * 0.4],
            fill=hair,
        )
    if glasses:
        eye_y, lens, line = head_y + head * 0.05, head * 0.3, max(2, round(head * 0.09))
        for side in (-1, 1):
            x = cx + side * head * 0.42
            draw.rounded_rectangle(
                [x - lens, eye_y - lens * 0.75, x + lens, eye_y + lens * 0.75],
                lens * 0.4,
                outline=INK,
                width=line,
            )
        draw.line([cx - head * 0.12, eye_y, cx + head * 0.12, eye_y], fill=INK, width=line)
    draw.rectangle([0, ground, width, height], fill=mix(main, INK, 0.45))
    face, lines = fit(draw, name, width * 0.86, 1, round(band * 0.5), 12, bold=True)
    draw.text((width / 2, height - band / 2), lines[0], font=face, fill=WHITE, anchor="mm")
    return png(image)


def podcast(size, *, name, kind_line="", publisher="", tone=4):
    """Square show art: a sound wave across the middle and the show's name in large type."""
    width, height = size
    unit, margin = width / 1400, round(width * 0.08)
    main = tone_of(tone, name)
    rng = random.Random(seed_of(name))
    image = Image.new("RGB", size, main)
    draw = ImageDraw.Draw(image)
    if kind_line:
        write(
            draw, (margin, margin), [kind_line.upper()], font(round(56 * unit), bold=True), ACCENT
        )
    count = 23
    heights = [
        0.12
        + 0.88
        * abs(math.sin(index * 0.55 + rng.random()))
        * math.sin(math.pi * (index + 0.5) / count)
        for index in range(count)
    ]
    wave = (margin, round(height * 0.2), width - margin, round(height * 0.52))
    bars(draw, wave, [ACCENT, mix(main, WHITE, 0.55)], heights)
    face, lines = fit(
        draw, name, width - 2 * margin, 3, round(150 * unit), round(70 * unit), bold=True
    )
    bottom = write(draw, (margin, round(height * 0.58)), lines, face, WHITE, leading=1.1)
    if publisher:
        write(
            draw,
            (margin, max(bottom + round(30 * unit), height - margin - round(56 * unit))),
            [publisher],
            font(round(48 * unit)),
            mix(main, WHITE, 0.8),
        )
    return png(image)


def illustration(size, *, label, tone=None):
    """A scene for a story's picture: a group of figures around a table, and its label."""
    width, height = size
    main = tone_of(tone, label)
    rng = random.Random(seed_of(label))
    image = Image.new("RGB", size, mix(main, WHITE, 0.88))
    draw = ImageDraw.Draw(image)
    band = round(height * 0.2)
    ground = height - band
    # The room behind the group: a window and a shelf of books, on sides the label picks.
    window_left = rng.random() < 0.5
    wx = width * (0.08 if window_left else 0.62)
    window = [wx, height * 0.08, wx + width * 0.3, height * 0.5]
    draw.rounded_rectangle(window, round(height * 0.02), fill=mix(main, WHITE, 0.6))
    draw.rounded_rectangle(
        [window[0] + 10, window[1] + 10, window[2] - 10, window[3] - 10],
        round(height * 0.015),
        fill=mix(ACCENT, WHITE, 0.55),
    )
    middle_x, middle_y = (window[0] + window[2]) / 2, (window[1] + window[3]) / 2
    draw.rectangle([middle_x - 5, window[1], middle_x + 5, window[3]], fill=mix(main, WHITE, 0.6))
    draw.rectangle([window[0], middle_y - 5, window[2], middle_y + 5], fill=mix(main, WHITE, 0.6))
    shelf_x = width * (0.56 if window_left else 0.1)
    shelf_y = height * 0.42
    draw.rectangle(
        [shelf_x, shelf_y, shelf_x + width * 0.34, shelf_y + 8], fill=mix(main, INK, 0.2)
    )
    x = shelf_x + 6
    while x < shelf_x + width * 0.32:
        spine = width * rng.uniform(0.014, 0.026)
        tall = height * rng.uniform(0.12, 0.2)
        colour = mix(rng.choice(TONES), WHITE, rng.choice((0.2, 0.4, 0.6)))
        draw.rectangle([x, shelf_y - tall, x + spine, shelf_y], fill=colour)
        x += spine + 3
    others = [t for t in TONES if t != main]
    rng.shuffle(others)
    count = rng.randrange(4, 7)
    for index in range(count):
        x = width * (0.14 + 0.72 * index / (count - 1))
        tall = height * rng.uniform(0.4, 0.5)
        person(draw, x, ground + height * 0.04, tall, mix(others[index % len(others)], WHITE, 0.25))
    draw.rounded_rectangle(
        [width * 0.1, ground - height * 0.15, width * 0.9, ground + height * 0.02],
        round(height * 0.02),
        fill=mix(main, WHITE, 0.35),
    )
    draw.rectangle([0, ground, width, height], fill=main)
    face, lines = fit(draw, label, width - 2 * band * 0.4, 1, round(band * 0.5), 12, bold=True)
    write(draw, (round(band * 0.4), ground + band / 2), lines, face, WHITE, anchor="lm")
    return png(image)


KINDS = {"cover": cover, "portrait": portrait, "podcast": podcast, "illustration": illustration}


def draw(kind, size, **text):
    """The PNG bytes of one picture of this kind (see KINDS) and size."""
    return KINDS[kind](size, **text)
