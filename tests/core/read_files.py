"""Files people bring, built inside the tests: workbooks, CSVs, Office containers, hostile zips.

Nothing here is a fixture file on disk: every case is made by openpyxl, XlsxWriter, zipfile or
by hand, so each test says exactly what its file holds.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

# The "Done when" table of issue 4, in the words a Russian owner would type. -----------------
RU_HEADER = [
    "Сегмент",
    "Клиентов",
    "Средний чек, ₽",
    "Покупок в год",
    "Срок удержания, лет",
    "Маржа, %",
    "Расходы на привлечение",
    "Новых клиентов",
]
EN_HEADER = [
    "Segment name",
    "Customer count",
    "Average check",
    "Frequency",
    "Retention years",
    "Margin, %",
    "Marketing spend",
    "New clients",
]
# (name, customers, AOV as typed, F, retention, margin as typed, spend as typed, new)
RU_ROWS = [
    ("Опт", 120, "1 000", 6, 5, 35, "40 000", 10),
    ("Розница", 800, "2 500,50", 2, 2, 40, "100 000", 50),
    ("Онлайн", 300, "10 000 руб.", 1, 2, 100, "7 000", 1),
]
TOTALS = ("Итого", 1220, "", "", "", "", "147 000", 61)
# What those cells mean, exactly (§1 units: margins as fractions).
EXPECTED = [
    {
        "segment": "Опт",
        "customers": 120,
        "avg_order_value": 1000,
        "purchases_per_year": 6,
        "retention_years": 5,
        "gross_margin": 0.35,
        "acquisition_spend": 40000,
        "new_customers": 10,
    },
    {
        "segment": "Розница",
        "customers": 800,
        "avg_order_value": 2500.5,
        "purchases_per_year": 2,
        "retention_years": 2,
        "gross_margin": 0.4,
        "acquisition_spend": 100000,
        "new_customers": 50,
    },
    {
        "segment": "Онлайн",
        "customers": 300,
        "avg_order_value": 10000,
        "purchases_per_year": 1,
        "retention_years": 2,
        "gross_margin": 1.0,
        "acquisition_spend": 7000,
        "new_customers": 1,
    },
]


def ru_workbook(path: Path) -> Path:
    """A cover sheet, then a sheet with a title, a blank row, the header, text-typed money with
    spaces, margins typed as 35, and a totals row."""
    import openpyxl

    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Обложка"
    cover["A1"] = "Отчёт для клиента"
    cover["A3"] = "Подготовил: консультант"
    ws = wb.create_sheet("Сегменты")
    ws["A1"] = "Расчёт LTV по сегментам, 2024 год"
    ws.append([])
    ws.append(RU_HEADER)
    for row in RU_ROWS:
        ws.append(list(row))
    ws.append(list(TOTALS))
    wb.save(path)
    return path


def ru_csv_cp1251(path: Path) -> Path:
    """The same table as Excel saves it in Russia: Windows-1251, semicolons, decimal commas,
    a title line above the header (Windows-1251 has no ₽, so the header says "руб.")."""
    header = [h.replace("₽", "руб.") for h in RU_HEADER]
    lines = ["Расчёт LTV по сегментам;;;;;;;", ";;;;;;;", ";".join(header)]
    lines += [";".join(str(c) for c in row) for row in RU_ROWS + [TOTALS]]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))
    return path


def en_csv_bom(path: Path) -> Path:
    """The same table with English synonyms, UTF-8 with a BOM, commas, thousands commas."""
    out = []
    for n, c, aov, f, r, m, spend, new in RU_ROWS + [("Total",) + TOTALS[1:]]:
        aov = {"1 000": "$1,000", "2 500,50": "2,500.50", "10 000 руб.": "10,000"}.get(aov, aov)
        spend = spend.replace(" ", ",")
        out.append((n, c, aov, f, r, f"{m}%" if m != "" else "", spend, new))
    header = ",".join(f'"{h}"' if "," in h else h for h in EN_HEADER)
    body = []
    for row in out:
        body.append(",".join(f'"{v}"' if "," in str(v) else str(v) for v in row))
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join([header] + body) + "\n").encode("utf-8"))
    return path


# Office containers (OLE / Compound File Binary), written by hand. ---------------------------
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def ole_file(path: Path, streams: dict[str, bytes]) -> Path:
    """A minimal valid version-3 compound file holding ``streams`` (each padded to ≥ 4096 bytes
    so that it lives in ordinary sectors). Enough for any reader of the directory."""
    sector = 512
    names = list(streams)
    datas = [streams[n].ljust(4096, b"\0") for n in names]
    n_dir_entries = 1 + len(names)
    dir_sectors = -(-n_dir_entries * 128 // sector)
    data_sectors = [-(-len(d) // sector) for d in datas]
    total = 1 + dir_sectors + sum(data_sectors)  # one FAT sector first
    assert total <= sector // 4
    fat = [_FREE] * (sector // 4)
    fat[0] = _FATSECT
    for k in range(dir_sectors):
        fat[1 + k] = 2 + k if k < dir_sectors - 1 else _END
    starts = []
    at = 1 + dir_sectors
    for count in data_sectors:
        starts.append(at)
        for k in range(count):
            fat[at + k] = at + k + 1 if k < count - 1 else _END
        at += count

    def entry(
        name: str, kind: int, start: int, size: int, child: int = _FREE, right: int = _FREE
    ) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", _FREE, right, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    entries = [entry("Root Entry", 5, _END, 0, child=1 if names else _FREE)]
    for k, name in enumerate(names):
        entries.append(
            entry(
                name, 2, starts[k], len(streams[name]), right=k + 2 if k + 1 < len(names) else _FREE
            )
        )
    directory = b"".join(entries).ljust(dir_sectors * sector, b"\0")
    header = bytearray(512)
    header[0:8] = _OLE_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    difat = [0] + [_FREE] * 108
    struct.pack_into("<109I", header, 76, *difat)
    body = (
        struct.pack(f"<{sector // 4}I", *fat)
        + directory
        + b"".join(d.ljust(c * sector, b"\0") for d, c in zip(datas, data_sectors))
    )
    path.write_bytes(bytes(header) + body)
    return path


def encrypted_workbook(path: Path) -> Path:
    """What Excel writes for a workbook with an opening password: an OLE container with the
    EncryptionInfo and EncryptedPackage streams (agile encryption descriptor)."""
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption '
        b'xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" '
        b'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAA"/>'
        b"</encryption>"
    )
    package = struct.pack("<Q", 9000) + bytes(range(256)) * 40
    return ole_file(
        path, {"EncryptionInfo": info, "EncryptedPackage": package, "\x06DataSpaces": b"\0" * 64}
    )


# Zips written by hand (sizes that lie). -------------------------------------------------------
def raw_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> Path:
    """A zip of (name, stored bytes, method, CRC, declared uncompressed size) members."""
    out = io.BytesIO()
    central = []
    for name, data, method, crc, size in members:
        offset = out.tell()
        raw_name = name.encode()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0,
                method,
                0,
                0,
                crc,
                len(data),
                size,
                len(raw_name),
                0,
            )
            + raw_name
            + data
        )
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0,
                crc,
                len(data),
                size,
                len(raw_name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + raw_name
        )
    start = out.tell()
    cd = b"".join(central)
    out.write(
        cd
        + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(cd), start, 0)
    )
    path.write_bytes(out.getvalue())
    return path


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def deflate_zeros(size: int) -> tuple[bytes, int]:
    """Raw deflate of ``size`` spaces, made in chunks (no big buffer), and its CRC."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b" " * (1 << 20)
    parts, crc, left = [], 0, size
    while left > 0:
        piece = block[: min(left, len(block))]
        parts.append(c.compress(piece))
        crc = zlib.crc32(piece, crc)
        left -= len(piece)
    parts.append(c.flush())
    return b"".join(parts), crc


def small_xlsx_bytes() -> bytes:
    """A tiny valid segment workbook (openpyxl), as bytes."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Segment", "AOV", "Purchases per year", "Retention years", "Margin"])
    ws.append(["A", 1000, 6, 5, 0.35])
    ws.append(["B", "1 500", 2, 1, "40%"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def replace_member(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of a zip with one member's content replaced (or added)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(
                info.filename, content if info.filename == name else src.read(info.filename)
            )
        if name not in src.namelist():
            dst.writestr(name, content)
    return out.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE lolz [\n'
    b'<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&e;</t>'
    b"</si></sst>"
)
