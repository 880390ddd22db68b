"""What a file really is, judged by its first bytes rather than its name (DESIGN.md §4)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from core.errors import ReadError
from core.text import Text

CSV, XLSX, XLS, ODS, PROJECT = "csv", "xlsx", "xls", "ods", "project"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"

EMPTY = Text("{path}: the file is empty", "{path}: файл пуст")
NOT_FOUND = Text("{path}: no such file", "{path}: файл не найден")
CANNOT_OPEN = Text("{path}: cannot open — {why}", "{path}: не удалось открыть — {why}")
DAMAGED_ZIP = Text(
    "{path}: the workbook is damaged or cut short (not a complete zip archive)",
    "{path}: книга повреждена или обрезана (неполный zip-архив)",
)
WORD = Text("{path}: this is a Word document, not a spreadsheet",
            "{path}: это документ Word, а не таблица")
POWERPOINT = Text("{path}: this is a PowerPoint presentation, not a spreadsheet",
                  "{path}: это презентация PowerPoint, а не таблица")
ODT = Text("{path}: this is a text document (OpenDocument), not a spreadsheet",
           "{path}: это текстовый документ (OpenDocument), а не таблица")
ZIP_OTHER = Text("{path}: a zip archive without a workbook inside",
                 "{path}: zip-архив без книги внутри")
ENCRYPTED = Text(
    "{path}: the workbook is password-protected; open it in Excel, remove the password "
    "(File → Info → Protect Workbook → Encrypt with Password, clear it) and save again",
    "{path}: книга защищена паролем; откройте её в Excel, снимите пароль (Файл → Сведения → "
    "Защитить книгу → Зашифровать с использованием пароля, очистите поле) и сохраните",
)
PDF = Text("{path}: this is a PDF document, not a spreadsheet",
           "{path}: это документ PDF, а не таблица")
BINARY = Text("{path}: not a spreadsheet or a text table (unknown binary format)",
              "{path}: не таблица и не текст (неизвестный двоичный формат)")
HTML = Text(
    "{path}: this is a web page saved with a spreadsheet name; open it in Excel or LibreOffice "
    "and save it as .xlsx or .csv",
    "{path}: это веб-страница, сохранённая под именем таблицы; откройте её в Excel или "
    "LibreOffice и сохраните как .xlsx или .csv",
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
        raise ReadError(EMPTY(lang, path=path))
    if head.startswith(_ZIP) or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path, lang)
    if head.startswith(_OLE):
        return _ole_kind(path, head, lang)
    if head.startswith(b"%PDF"):
        raise ReadError(PDF(lang, path=path))
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta")) or \
            b"<html" in text[:512]:
        raise ReadError(HTML(lang, path=path))
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
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError):
        raise ReadError(DAMAGED_ZIP(lang, path=path)) from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return XLSX
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
    """Legacy .xls (BIFF) or an encrypted OOXML workbook, both in an OLE container."""
    try:
        with path.open("rb") as handle:
            blob = handle.read(4 * 1024 * 1024)
    except OSError as exc:
        raise ReadError(CANNOT_OPEN(lang, path=path, why=exc.strerror or exc)) from None
    utf16 = lambda s: s.encode("utf-16-le")  # noqa: E731 - names in OLE directories
    if utf16("EncryptionInfo") in blob or utf16("EncryptedPackage") in blob:
        raise ReadError(ENCRYPTED(lang, path=path))
    if utf16("WordDocument") in blob:
        raise ReadError(WORD(lang, path=path))
    if utf16("PowerPoint Document") in blob:
        raise ReadError(POWERPOINT(lang, path=path))
    return XLS
