"""Draw the program's icon with QPainter and write every file the desktops and bundlers need.

Run from the repository root: ``python packaging/make_icons.py``. Writes

- ``resources/icons/ltv-studio-N.png`` for N in 16 … 512 (the window icon, the Linux desktop
  file's hicolor theme sizes, the package data);
- ``packaging/ltv-studio.ico`` (Windows: PNG-compressed entries 16 … 256, as Windows Vista and
  later read them);
- ``packaging/ltv-studio.icns`` (macOS: PNG entries 16 … 1024 by their ``icp4`` … ``ic10`` types).

The picture: a blue rounded square with three rising white bars (value growing with the
customer's lifetime) and a gold coin. Each size is drawn on its own pixel grid rather than
scaled down, so 16 and 32 pixels stay sharp. The files are committed; run this again only
when the drawing changes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: Apple's icon types holding PNG data, by pixel size (the @2x types share sizes).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)


def draw(size: int):
    """The icon as a ``QImage`` of ``size`` × ``size`` pixels with a transparent margin."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QBrush, QColor, QImage, QLinearGradient, QPainter, QPen

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 64.0  # drawn on a 64-unit grid

    margin = 0 if size <= 24 else 2 * unit
    body = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    gradient = QLinearGradient(body.topLeft(), body.bottomRight())
    gradient.setColorAt(0.0, QColor("#2E75B6"))
    gradient.setColorAt(1.0, QColor("#1F3864"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(gradient))
    radius = body.width() * 0.2
    p.drawRoundedRect(body, radius, radius)

    # three rising bars on a common baseline, snapped to whole pixels when small
    def snap(value: float) -> float:
        return round(value) if size < 64 else value

    base = snap(body.bottom() - body.height() * 0.17)
    width = body.width() * 0.17
    gap = body.width() * 0.08
    left = body.left() + body.width() * 0.14
    p.setBrush(QColor("#FFFFFF"))
    for i, share in enumerate((0.22, 0.35, 0.48)):
        x = snap(left + i * (width + gap))
        top = snap(base - body.height() * share)
        p.drawRect(QRectF(x, top, snap(width) or 1, base - top))

    # the coin: a gold disc with a darker rim, just above the tallest bar
    coin_r = body.width() * 0.12
    centre = QPointF(left + 2 * (width + gap) + width / 2, body.top() + body.height() * 0.2)
    p.setBrush(QColor("#F4B400"))
    rim = max(1.0, unit * 1.6) if size >= 32 else 0
    p.setPen(QPen(QColor("#B07F00"), rim) if rim else Qt.PenStyle.NoPen)
    p.drawEllipse(centre, coin_r, coin_r)
    p.end()
    return image


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico of PNG entries (ICONDIR, one ICONDIRENTRY each, then the PNG data)."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    out = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    for s in sizes:
        n = len(pngs[s])
        out += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, n, offset)
        offset += n
    return out + b"".join(pngs[s] for s in sizes)


def icns(pngs: dict[int, bytes]) -> bytes:
    """An Apple .icns: the ``icns`` header and one (type, length, PNG) element per type."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[s])) + pngs[s] for kind, s in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(s for _, s in ICNS_TYPES)})
    pngs = {s: png_bytes(draw(s)) for s in sizes}
    icons = ROOT / "resources" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    for s in PNG_SIZES:
        (icons / f"ltv-studio-{s}.png").write_bytes(pngs[s])
    (ROOT / "packaging" / "ltv-studio.ico").write_bytes(ico(pngs))
    (ROOT / "packaging" / "ltv-studio.icns").write_bytes(icns(pngs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
