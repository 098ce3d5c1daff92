#!/usr/bin/env python3
"""Draws the workbench toolbar's icons (bundles/org.dhad.ui/icons/*.png and their @2x variants).

The target platform has no Eclipse bundle with save, undo, redo or run icons (org.eclipse.ui and
org.eclipse.debug.ui are not in it, and the E4 workbench needs neither), so the icons are ours. Each is drawn
on a 16x16 grid and rendered with 4x4 supersampling at 16 px and at 32 px (@2x, which JFace picks on HiDPI
screens). Run it from the repository root after changing a drawing; it needs only the standard library.
"""
import math
import struct
import sys
import zlib
from pathlib import Path

SAMPLES = 4


def rect(x0, y0, x1, y1):
    return lambda x, y: x0 <= x <= x1 and y0 <= y <= y1


def circle(cx, cy, r):
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def polygon(points):
    def inside(x, y):
        hit = False
        j = len(points) - 1
        for i, (xi, yi) in enumerate(points):
            xj, yj = points[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                hit = not hit
            j = i
        return hit
    return inside


def stroke(points, width):
    """A polyline of the given width (round joins and caps)."""
    half = width / 2

    def inside(x, y):
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy or 1)))
            if (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= half * half:
                return True
        return False
    return inside


def arc(cx, cy, r, start, end, steps=24):
    """Points of an arc, angles in degrees, y downwards (0 = east, 90 = south)."""
    return [(cx + r * math.cos(math.radians(start + (end - start) * i / steps)),
             cy + r * math.sin(math.radians(start + (end - start) * i / steps))) for i in range(steps + 1)]


def mirrored(shapes):
    return [(color, (lambda f: lambda x, y: f(16 - x, y))(f)) for color, f in shapes]


BLUE = (0x2f, 0x6f, 0xb3, 255)
DARK = (0x4a, 0x4a, 0x4a, 255)
PAPER = (0xfb, 0xfb, 0xfb, 255)
GREEN = (0x2e, 0x9e, 0x48, 255)
WHITE = (255, 255, 255, 255)
FOLDER = (0xe8, 0xb0, 0x3a, 255)
FOLDER_DARK = (0xb0, 0x7a, 0x16, 255)
ORANGE = (0xe0, 0x7b, 0x22, 255)

PAGE = [(DARK, polygon([(2.5, 1), (10, 1), (13.5, 4.5), (13.5, 15), (2.5, 15)])),
        (PAPER, polygon([(3.5, 2), (9.5, 2), (12.5, 5), (12.5, 14), (3.5, 14)])),
        (DARK, polygon([(9.5, 1.5), (9.5, 5), (13, 5)]))]

UNDO = [(BLUE, stroke(arc(8.5, 9, 5, 200, 380) + arc(8.5, 9, 5, 20, 60), 2.2)),
        (BLUE, polygon([(0.8, 5.5), (6.8, 5.5), (3.2, 11)]))]

ICONS = {
    "new": PAGE + [(GREEN, rect(9, 11.5, 16, 13.5)), (GREEN, rect(11.5, 9, 13.5, 16))],
    "open": [(FOLDER_DARK, polygon([(0.5, 3), (6, 3), (7.5, 5), (15.5, 5), (15.5, 14), (0.5, 14)])),
             (FOLDER, polygon([(1.5, 6.5), (15, 6.5), (15, 13), (1.5, 13)])),
             (FOLDER_DARK, polygon([(0.5, 14), (3, 7.5), (16, 7.5), (15.5, 14)])),
             (FOLDER, polygon([(1.8, 13), (3.8, 8.5), (14.7, 8.5), (14.5, 13)]))],
    "save": [(BLUE, polygon([(1, 1), (13, 1), (15, 3), (15, 15), (1, 15)])),
             (PAPER, rect(3.5, 1.8, 12.5, 7)),
             (DARK, rect(4, 10, 12, 15)),
             (PAPER, rect(9.5, 11, 11, 14))],
    "undo": UNDO,
    "redo": mirrored(UNDO),
    "train": [(GREEN, circle(8, 8, 7.5)), (WHITE, polygon([(5.8, 4), (12.5, 8), (5.8, 12)]))],
    "compare": [(DARK, rect(0.5, 14.5, 15.5, 15.5)),
                (BLUE, rect(1.5, 6, 4.5, 14.5)), (ORANGE, rect(5.5, 9, 8.5, 14.5)),
                (BLUE, rect(9.5, 2, 12.5, 14.5)), (ORANGE, rect(13, 5, 15.5, 14.5))],
}


def render(shapes, size):
    rows = []
    scale = 16 / size
    for py in range(size):
        row = bytearray()
        for px in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]  # premultiplied
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES) * scale
                    y = (py + (sy + 0.5) / SAMPLES) * scale
                    r = g = b = a = 0.0
                    for (cr, cg, cb, ca), inside in shapes:
                        if inside(x, y):
                            alpha = ca / 255
                            r, g, b = cr * alpha + r * (1 - alpha), cg * alpha + g * (1 - alpha), cb * alpha + b * (1 - alpha)
                            a = alpha + a * (1 - alpha)
                    acc = [acc[0] + r, acc[1] + g, acc[2] + b, acc[3] + a]
            n = SAMPLES * SAMPLES
            alpha = acc[3] / n
            if alpha == 0:
                row += bytes(4)
            else:
                row += bytes([round(acc[0] / n / alpha), round(acc[1] / n / alpha), round(acc[2] / n / alpha),
                              round(alpha * 255)])
        rows.append(bytes(row))
    return rows


def png(rows, size):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    raw = b"".join(b"\0" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bundles/org.dhad.ui/icons")
    out.mkdir(parents=True, exist_ok=True)
    for name, shapes in ICONS.items():
        (out / f"{name}.png").write_bytes(png(render(shapes, 16), 16))
        (out / f"{name}@2x.png").write_bytes(png(render(shapes, 32), 32))
        print(out / f"{name}.png")


if __name__ == "__main__":
    main()
