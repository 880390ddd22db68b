"""Where a table is and which column holds which key, with why: what the preview shows and edits.

``find_table`` looks for the header row of a ``TableSpec`` in the first rows of every sheet
(visible sheets first, then hidden ones; a two-row header with merged group cells too) using the
one header matcher (``core.readers.header``). The ``Mapping`` it returns says, per source
column, the key (or None) and the ``Match`` that explains it; ``Mapping.choose`` is a person's
change in the preview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from core.errors import LtvError
from core.problems import Notice, a1
from core.readers import header
from core.readers.grid import Grid
from core.readers.specs import TableSpec
from core.text import Text, quoted

HEADER_SEARCH_ROWS = 60


@dataclass
class Mapping:
    """Which source column holds which key (``keys[j]``, None = not used), and why.

    ``header_row`` is the 1-based row of the header in the sheet (line in a CSV); ``group_row``
    the row of the group cells above a two-row header. ``grid_index``/``header_index`` locate
    the header among the grids read (``Source.grids``) and in its grid's rows; ``first_col`` is
    the sheet column of source column 0, so ``cell(j)`` is the header cell's A1 address.
    ``matches[j]`` says why column ``j`` got its key: ``matches[j].why(lang)``.
    """

    sheet: str
    header_row: int
    headers: list[str]
    keys: list[str | None]
    group_row: int | None = None
    matches: list[header.Match] = field(default_factory=list)
    grid_index: int = 0
    header_index: int = 0
    first_col: int = 0
    spec: str = "segments"

    def __post_init__(self) -> None:
        if len(self.matches) != len(self.keys):  # made by hand: every key is a choice
            self.matches = [
                header.Match(k, header.EXACT, header.CHOSEN_HOW) if k else header.Match(None)
                for k in self.keys
            ]

    def column_of(self, key: str) -> int | None:
        try:
            return self.keys.index(key)
        except ValueError:
            return None

    def cell(self, j: int) -> str:
        """The A1 address of column ``j``'s header cell (a CSV's: the column letter and line)."""
        return a1(self.header_row - 1, self.first_col + j)

    def choose(self, j: int, key: str | None) -> Mapping:
        """A new mapping with column ``j`` read as ``key`` (None: not used), as a person chose
        in the preview; a key reads from one column only, so it leaves any other column."""
        keys = list(self.keys)
        matches = list(self.matches)
        if key is not None:
            for other, k in enumerate(keys):
                if k == key and other != j:
                    keys[other] = None
                    matches[other] = header.Match(None, 0.0, header.CHOSEN_HOW)
        keys[j] = key
        matches[j] = header.Match(key, header.EXACT, header.CHOSEN_HOW)
        return replace(self, keys=keys, matches=matches)


def find_table(grids: list[Grid], spec: TableSpec) -> Mapping | None:
    """The best header row for ``spec`` among ``grids``, or None.

    A header must name every ``spec.required`` key and at least ``spec.least`` keys the spec
    reads. Rows are compared by how many keys they name, then by how many cells are exact keys
    (an exported workbook's hidden key row), then by the total score.
    """
    for visible in (True, False):
        best: tuple[tuple, Mapping] | None = None
        for g, grid in enumerate(grids):
            if grid.visible != visible:
                continue
            previous: list | None = None
            for i, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
                for group in (None, previous) if previous is not None else (None,):
                    mapping = _mapping(grid, g, i, row, spec, group)
                    found = {k for k in mapping.keys if k in spec.used}
                    if len(found) < spec.least or not spec.has_required(found):
                        continue
                    exact = sum(isinstance(c, str) and c in spec.header.keys for c in row)
                    total = sum(m.score for m in mapping.matches if m.key in spec.used)
                    score = (len(found), exact, total)
                    if best is None or score > best[0]:
                        best = (score, mapping)
                previous = row
        if best:
            return best[1]
    return None


def mapping_at(grids: list[Grid], spec: TableSpec, grid_index: int, header_index: int) -> Mapping:
    """The mapping of the row a person picked as the header (``header_index`` in the grid)."""
    grid = grids[grid_index]
    row = grid.rows[header_index] if 0 <= header_index < len(grid.rows) else []
    return _mapping(grid, grid_index, header_index, row, spec, None)


def _mapping(grid: Grid, g: int, i: int, row: list, spec: TableSpec, group: list | None) -> Mapping:
    number = grid.row_numbers[i] if i < len(grid.row_numbers) else i + 1
    matches, headers = header.match_row(row, spec.header, group, number - 1, grid.first_col)
    if "order_id" in spec.header.keys:  # Shopify's "Name" of "#1001"s, 1C's «Номер»
        matches = _numbers_by_name(grid, i, number, headers, matches)
        matches = _number_alone(grid, i, headers, matches)
    return Mapping(
        grid.name,
        number,
        headers,
        [m.key for m in matches],
        None if group is None else grid.row_numbers[i - 1],
        matches,
        g,
        i,
        grid.first_col,
        spec.kind,
    )


_SHOPIFY_NUMBER = re.compile(r"#\d{1,12}")
_BY_NAME_ROWS = 50


def _numbers_by_name(grid: Grid, i: int, number: int, headers: list[str], matches: list) -> list:
    """Shopify's order number is its "Name" ("#1001"): a column headed "Name" whose cells below
    the header are all such numbers, beside an e-mail column, is the order number (over a
    column that names one by its words only, such as Shopify's mostly empty "Receipt
    Number"). A "Name" of people stays what it was."""
    at = [j for j, h in enumerate(headers) if h.strip().casefold() == "name"]
    if len(at) != 1 or matches[at[0]].key is not None:
        return matches
    j = at[0]
    if not any("email" in header.words(h) for h in headers):
        return matches
    if any(m.key == "order_id" and m.how != header.WORDS_HOW for m in matches):
        return matches  # a column says it exactly ("Order ID"): that one
    cells = [r[j] for r in grid.rows[i + 1 : i + 1 + _BY_NAME_ROWS] if j < len(r)]
    seen = [c.strip() for c in cells if isinstance(c, str) and c.strip()]
    if not seen or not all(_SHOPIFY_NUMBER.fullmatch(c) for c in seen):
        return matches
    out = list(matches)
    for k, m in enumerate(out):
        if m.key == "order_id":  # the words' candidate gives way
            winner = a1(number - 1, grid.first_col + j)
            out[k] = header.Match(None, m.score, header.TAKEN_HOW, m.words, ("order_id", winner))
    out[j] = header.Match("order_id", 2.0, header.WORDS_HOW, (headers[j], seen[0]))
    return out


#: A header of a number word alone: 1C's «Номер» of a document beside its «Дата» and «Контрагент»
_NUMBER_WORDS = frozenset({"номер", "№", "no", "no.", "nr", "nr.", "number", "#"})


def _number_alone(grid: Grid, i: int, headers: list[str], matches: list) -> list:
    """1C's «Номер»: the one column headed by a number word alone (``_NUMBER_WORDS``), which no
    role took, in a log with a customer and a date and no other order number, is the order
    number when two rows in a row below the header write the same number — an order written a
    line per item under its document's number. Without such a pair (a row counter, numbers
    that never repeat) it stays unused: the lines' rules would have nothing to do."""
    keys = {m.key for m in matches}
    if "order_id" in keys or not {"customer", "date"} <= keys:
        return matches
    at = [
        j
        for j, h in enumerate(headers)
        if h.strip().casefold() in _NUMBER_WORDS and matches[j].key is None
    ]
    if len(at) != 1:
        return matches
    j = at[0]
    cells = [r[j] if j < len(r) else None for r in grid.rows[i + 1 : i + 1 + _BY_NAME_ROWS]]
    seen = [str(c).strip() if c is not None else "" for c in cells]
    if not any(a and a == b for a, b in zip(seen, seen[1:])):
        return matches
    out = list(matches)
    out[j] = header.Match("order_id", 2.0, header.WORDS_HOW, (headers[j], seen[0]))
    return out


_ROLE_WORDS = {
    "customer": ("customer", "клиент"),
    "date": ("order date", "дата заказа"),
    "amount": ("amount", "сумма"),
}
_NO_ROLE = Text(
    "{file}: no column is read as the {role}; choose the column that holds it",
    "{file}: ни один столбец не прочитан как «{role_ru}»; выберите столбец, где это записано",
)


def chosen(
    mapping: Mapping, roles: dict[int, str | None], spec: TableSpec, file: str, lang: str
) -> Mapping:
    """``mapping`` with each column ``j`` of ``roles`` read as its role (None: not used), as a
    person chose in a preview; raises LtvError in one line when a required role is left without
    a column."""
    for j, key in sorted(roles.items()):
        if 0 <= j < len(mapping.keys):
            mapping = mapping.choose(j, key)
    if not spec.has_required(mapping.keys):
        for key in spec.required:
            if key not in mapping.keys:
                en, ru = _ROLE_WORDS.get(key, (key, key))
                raise LtvError(_NO_ROLE(lang, file=file, role=en, role_ru=ru))
    return mapping


def grid_problems(grid: Grid, mapping: Mapping) -> list:
    """The grid's own problems (a CSV's ragged lines) that lie below the header: a title line
    above the table has fewer fields and is no problem of the table's."""
    return [
        p for p in grid.problems if not (p.cell.isdigit() and int(p.cell) <= mapping.header_row)
    ]


# What the mapping tells a person ---------------------------------------------------------------
_UNKNOWN = Text("columns not used: {names}", "не использованы столбцы: {names_ru}")
_UNKNOWN_MANY = Text(
    "columns not used: {names} and {more} more",
    "не использованы столбцы: {names_ru} и ещё {more}",
)
_COMPUTED = Text(
    "computed columns ignored (the program computes them): {names}",
    "расчётные столбцы пропущены (программа считает их сама): {names_ru}",
)
_UNSURE = Text("column {cell} “{header}”: {why}", "столбец {cell} «{header}»: {why}")


_UNSURE_HOWS = (header.AMBIGUOUS_HOW, header.WEAK_HOW, header.TAKEN_HOW, header.NOT_INPUT_HOW)


def notices(mapping: Mapping, spec: TableSpec) -> list[Notice]:
    """What a person should know about the mapping: computed columns skipped, columns not
    used (named by cell), and each ambiguous, weak or out-ranked header with why."""
    out: list[Notice] = []
    computed, unknown = [], []
    for j, (text, key, m) in enumerate(zip(mapping.headers, mapping.keys, mapping.matches)):
        if key is not None and key not in spec.used:
            computed.append((mapping.cell(j), text[:40]))
        elif key is None and m.how in _UNSURE_HOWS:
            out.append(_unsure(mapping, j, m))
        elif key is None and text:
            unknown.append((mapping.cell(j), text[:40]))
    if computed:
        out.insert(0, _summary(_COMPUTED, _COMPUTED, computed))
    if unknown:
        out.append(_summary(_UNKNOWN, _UNKNOWN_MANY, unknown))
    return out


def _unsure(mapping: Mapping, j: int, m: header.Match) -> Notice:
    en = _UNSURE.en.replace("{why}", m.why("en").replace("{", "{{").replace("}", "}}"))
    ru = _UNSURE.ru.replace("{why}", m.why("ru").replace("{", "{{").replace("}", "}}"))
    return Notice(Text(en, ru), (("cell", mapping.cell(j)), ("header", mapping.headers[j][:60])))


def _summary(few: Text, many: Text, columns: list[tuple[str, str]], shown: int = 8) -> Notice:
    """One notice naming the first ``shown`` columns (cell and header, in each language's
    quotation marks) and counting the rest."""
    heads = {
        field: ", ".join(f"{cell} {quoted(text, lang)}" for cell, text in columns[:shown])
        for field, lang in (("names", "en"), ("names_ru", "ru"))
    }
    if len(columns) <= shown:
        return Notice(few, tuple(heads.items()))
    if many is few:
        more = f" … (+{len(columns) - shown})"
        return Notice(few, tuple((k, v + more) for k, v in heads.items()))
    return Notice(many, (*heads.items(), ("more", str(len(columns) - shown))))


def found_texts(grids: list[Grid], limit: int = 12) -> tuple[Grid, int, list[str]] | None:
    """The row that looks most like a header (most text cells without a digit, then most text
    cells) among the first rows of the first grid with data: to name the columns a file has when
    none is known. A CSV's cells are all text: its header is the row of words, not the row of
    dates, codes and numbers below it."""
    best, best_rank = None, None
    for grid in grids:
        for i, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
            texts = [c.strip() for c in row if isinstance(c, str) and c.strip()]
            rank = (sum(not any(ch.isdigit() for ch in t) for t in texts), len(texts))
            if texts and (best_rank is None or rank > best_rank):
                best, best_rank = (grid, i, texts[:limit]), rank
        if best:
            return best
    return None
