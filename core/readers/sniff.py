"""What a file really is, judged by its first bytes rather than its name (DESIGN.md §4)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from core.errors import ReadError
from core.text import Text

CSV, XLSX, XLS, ODS, PROJECT, HTML_TABLE = "csv", "xlsx", "xls", "ods", "project", "html"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"

EMPTY = Text("{path}: the file is empty", "{path}: файл пуст")
BLANK = Text(
    "{path}: no data in the file — it holds only blank lines",
    "{path}: в файле нет данных — в нём только пустые строки",
)
NOT_FOUND = Text("{path}: no such file", "{path}: файл не найден")
CANNOT_OPEN = Text("{path}: cannot open — {why}", "{path}: не удалось открыть — {why}")
DAMAGED_ZIP = Text(
    "{path}: the workbook is damaged or cut short (not a complete zip archive)",
    "{path}: книга повреждена или обрезана (неполный zip-архив)",
)
WORD = Text(
    "{path}: this is a Word document, not a spreadsheet", "{path}: это документ Word, а не таблица"
)
POWERPOINT = Text(
    "{path}: this is a PowerPoint presentation, not a spreadsheet",
    "{path}: это презентация PowerPoint, а не таблица",
)
ODT = Text(
    "{path}: this is a text document (OpenDocument), not a spreadsheet",
    "{path}: это текстовый документ (OpenDocument), а не таблица",
)
ZIP_OTHER = Text(
    "{path}: a zip archive without a workbook inside", "{path}: zip-архив без книги внутри"
)
ENCRYPTED = Text(
    "{path}: the workbook is password-protected; open it in Excel, remove the password "
    "(File → Info → Protect Workbook → Encrypt with Password, clear it) and save again",
    "{path}: книга защищена паролем; откройте её в Excel, снимите пароль (Файл → Сведения → "
    "Защитить книгу → Зашифровать с использованием пароля, очистите поле) и сохраните",
)
PDF = Text(
    "{path}: this is a PDF document, not a spreadsheet", "{path}: это документ PDF, а не таблица"
)
BINARY = Text(
    "{path}: not a spreadsheet or a text table (unknown binary format)",
    "{path}: не таблица и не текст (неизвестный двоичный формат)",
)
HTML = Text(
    "{path}: this is a web page saved with a spreadsheet name; open it in Excel or LibreOffice "
    "and save it as .xlsx or .csv",
    "{path}: это веб-страница, сохранённая под именем таблицы; откройте её в Excel или "
    "LibreOffice и сохраните как .xlsx или .csv",
)
XML_2003 = Text(
    "{path}: this is an Excel 2003 XML spreadsheet, an old format this program does not read; "
    "open it in Excel or LibreOffice and save it as .xlsx",
    "{path}: это таблица XML Excel 2003 — старый формат, который программа не читает; откройте "
    "её в Excel или LibreOffice и сохраните как .xlsx",
)
NUMBERS = Text(
    "{path}: this is an Apple Numbers file; export it from Numbers as Excel (.xlsx)",
    "{path}: это файл Apple Numbers; экспортируйте его из Numbers в Excel (.xlsx)",
)
XLSB = Text(
    "{path}: this is a binary Excel workbook (.xlsb); save it as .xlsx in Excel",
    "{path}: это двоичная книга Excel (.xlsb); сохраните её в Excel как .xlsx",
)
OLE_OTHER = Text(
    "{path}: an Office file of another kind (not a workbook)",
    "{path}: файл Office другого вида (не книга)",
)
CSV_AS_XLSX = Text(
    "{path}: this is a text (CSV) file with a workbook's name; it was read as CSV — rename it "
    "to .csv",
    "{path}: это текстовый файл (CSV) с именем книги; он прочитан как CSV — переименуйте его "
    "в .csv",
)


def sniff(path: str | os.PathLike, lang: str = "en") -> str:
    """The format of ``path`` from its content: CSV, XLSX, XLS, ODS or PROJECT.

    Raises
    ------
    ReadError
        For an empty, missing, damaged, encrypted or non-spreadsheet file, in one line.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except FileNotFoundError:
        raise ReadError(NOT_FOUND(lang, path=path)) from None
    except OSError as exc:
        raise ReadError(CANNOT_OPEN(lang, path=path, why=exc.strerror or exc)) from None
    if not head.strip(b" \t\r\n\x00"):
        if head and path.stat().st_size <= len(head):
            raise ReadError(BLANK(lang, path=path))
        if not head:
            raise ReadError(EMPTY(lang, path=path))
    if head.startswith(_ZIP) or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path, lang)
    if head.startswith(_OLE):
        return _ole_kind(path, head, lang)
    if head.startswith(b"%PDF"):
        raise ReadError(PDF(lang, path=path))
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = head.decode("utf-16").lstrip("\ufeff \t\r\n").lower().encode("utf-8")
        except UnicodeDecodeError:
            pass
    if text.startswith(b"<?xml") and (
        b"urn:schemas-microsoft-com:office:spreadsheet" in text or b"excel.sheet" in text
    ):
        raise ReadError(XML_2003(lang, path=path))
    if (
        text.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta"))
        or b"<html" in text[:512]
    ):
        return HTML_TABLE
    if text.startswith(b"{") and path.name.lower().endswith(".json"):
        return PROJECT
    if _looks_binary(head):
        raise ReadError(BINARY(lang, path=path))
    return CSV


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text with a BOM
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 100 + 1


def _zip_kind(path: Path, lang: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except Exception:  # noqa: BLE001 - zipfile raises many kinds for a damaged archive
        raise ReadError(DAMAGED_ZIP(lang, path=path)) from None
    if "xl/workbook.xml" in names:
        return XLSX
    if "xl/workbook.bin" in names:
        raise ReadError(XLSB(lang, path=path))
    if "Index/Document.iwa" in names or any(n.startswith("Index/") for n in names):
        raise ReadError(NUMBERS(lang, path=path))
    if b"opendocument.spreadsheet" in mimetype:
        return ODS
    if b"opendocument.text" in mimetype:
        raise ReadError(ODT(lang, path=path))
    if "word/document.xml" in names:
        raise ReadError(WORD(lang, path=path))
    if "ppt/presentation.xml" in names:
        raise ReadError(POWERPOINT(lang, path=path))
    raise ReadError(ZIP_OTHER(lang, path=path))


def _ole_kind(path: Path, head: bytes, lang: str) -> str:
    """Legacy .xls (BIFF) or an encrypted OOXML workbook, both in an OLE container.

    The stream names come from the container's directory (``ole_streams``), so a cell that
    happens to hold the word "EncryptionInfo" does not make a workbook look encrypted.
    """
    try:
        names = ole_streams(path)
    except OSError as exc:
        raise ReadError(CANNOT_OPEN(lang, path=path, why=exc.strerror or exc)) from None
    except ValueError:
        raise ReadError(DAMAGED_OLE(lang, path=path)) from None
    lower = {n.lower() for n in names}
    if "encryptioninfo" in lower or "encryptedpackage" in lower:
        raise ReadError(ENCRYPTED(lang, path=path))
    if "worddocument" in lower:
        raise ReadError(WORD(lang, path=path))
    if "powerpoint document" in lower:
        raise ReadError(POWERPOINT(lang, path=path))
    if "workbook" in lower or "book" in lower:
        return XLS
    raise ReadError(OLE_OTHER(lang, path=path))


DAMAGED_OLE = Text(
    "{path}: the file is damaged or cut short (a broken Office container)",
    "{path}: файл повреждён или обрезан (испорченный контейнер Office)",
)
_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE


def ole_streams(path: str | os.PathLike, max_entries: int = 100_000) -> list[str]:
    """The names in an OLE (Compound File Binary) container's directory.

    Reads the header, the FAT and the directory chain with every loop bounded by the file's
    size, so a damaged or hostile container raises ValueError rather than looping or eating
    memory.
    """
    import struct

    path = Path(path)
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(512)
        if len(header) < 512 or not header.startswith(_OLE):
            raise ValueError("not an OLE container")
        shift = struct.unpack_from("<H", header, 30)[0]
        if shift not in (9, 12):
            raise ValueError("bad sector size")
        sector = 1 << shift
        n_fat, first_dir = struct.unpack_from("<II", header, 44)
        first_difat, n_difat = struct.unpack_from("<II", header, 68)
        n_sectors = max(0, (size - sector) // sector + 1)
        if n_fat > n_sectors + 1:
            raise ValueError("bad FAT size")

        def read_sector(index: int) -> bytes:
            if index >= n_sectors:
                raise ValueError("sector out of range")
            handle.seek((index + 1) * sector)
            data = handle.read(sector)
            if len(data) != sector:
                raise ValueError("cut short")
            return data

        fat_sectors = [x for x in struct.unpack_from("<109I", header, 76) if x < 0xFFFFFFFA]
        next_difat, seen = first_difat, 0
        while next_difat < 0xFFFFFFFA and seen < n_difat and seen <= n_sectors:
            block = read_sector(next_difat)
            entries = struct.unpack(f"<{sector // 4}I", block)
            fat_sectors.extend(x for x in entries[:-1] if x < 0xFFFFFFFA)
            next_difat, seen = entries[-1], seen + 1
        fat: list[int] = []
        for index in fat_sectors[:n_fat]:
            fat.extend(struct.unpack(f"<{sector // 4}I", read_sector(index)))
        names: list[str] = []
        current, steps = first_dir, 0
        while current not in (_END_OF_CHAIN, _FREE) and len(names) < max_entries:
            steps += 1
            if steps > n_sectors or current >= len(fat):
                raise ValueError("bad directory chain")
            block = read_sector(current)
            for k in range(0, sector, 128):
                entry = block[k : k + 128]
                length = struct.unpack_from("<H", entry, 64)[0]
                kind = entry[66]
                if kind in (1, 2, 5) and 2 <= length <= 64:
                    names.append(entry[: length - 2].decode("utf-16-le", errors="replace"))
            current = fat[current]
        return names
