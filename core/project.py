"""A project: settings and segments exactly as typed; the versioned ``.ltv.json`` file (§5)."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import numpy as np

from core import metrics, schema
from core.atomic import write_atomic
from core.errors import LtvError, ReadError
from core.numbers import parse_number
from core.problems import Problem
from core.text import Text, quoted

FORMAT = "ltv-studio"
VERSION = 1
SUFFIX = ".ltv.json"

Record = dict[str, object]  # one segment: {"segment": str, key: float, ..., "unread": {key: str}}


@dataclass
class Settings:
    """Project settings (§2, §7): the basis, the currency, the language, the CRR benchmark."""

    basis: str = "profit"
    currency: str = "₽"
    language: str = ""  # "" follows the system
    crr_benchmark: float = metrics.DEFAULT_BENCHMARK
    crr_benchmark_name: str = "ecommerce"


class SegmentTable:
    """Segments as columns: names, one float64 array per numeric input, and unread text.

    A missing value is NaN. A cell whose text could not be read keeps that text in ``unread``
    (row → key → text) and NaN in its column, so nothing the user typed is lost.
    """

    def __init__(
        self,
        names: Sequence[str] = (),
        columns: dict[str, np.ndarray] | None = None,
        unread: Sequence[dict[str, str]] | None = None,
    ) -> None:
        self.names: list[str] = list(names)
        n = len(self.names)
        columns = columns or {}
        self.columns: dict[str, np.ndarray] = {
            key: (
                np.asarray(columns[key], dtype=np.float64).copy()
                if key in columns
                else np.full(n, np.nan)
            )
            for key in schema.NUMERIC_INPUT_KEYS
        }
        self.unread: list[dict[str, str]] = (
            [dict(u) for u in unread] if unread else [{} for _ in range(n)]
        )

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> SegmentTable:
        table = cls()
        table.insert(0, list(records))
        return table

    def __len__(self) -> int:
        return len(self.names)

    def copy(self) -> SegmentTable:
        return SegmentTable(self.names, self.columns, self.unread)

    def value(self, row: int, key: str) -> float | str | None:
        """A cell: the name, a number, the unread text, or None when empty."""
        if key == "segment":
            return self.names[row]
        if key in self.unread[row]:
            return self.unread[row][key]
        v = float(self.columns[key][row])
        return None if math.isnan(v) else v

    def set_value(self, row: int, key: str, value: float | str | None) -> None:
        """Set a cell. A string in a numeric column is kept as unread text."""
        if key == "segment":
            self.names[row] = "" if value is None else str(value)
            return
        if isinstance(value, str):
            self.columns[key][row] = np.nan
            self.unread[row][key] = value
        else:
            self.columns[key][row] = np.nan if value is None else float(value)
            self.unread[row].pop(key, None)

    def record(self, row: int) -> Record:
        """One segment as a plain dict (for undo, duplicate, the file)."""
        rec: Record = {"segment": self.names[row]}
        for key in schema.NUMERIC_INPUT_KEYS:
            v = float(self.columns[key][row])
            if not math.isnan(v):
                rec[key] = v
        if self.unread[row]:
            rec["unread"] = dict(self.unread[row])
        return rec

    def records(self) -> list[Record]:
        return [self.record(i) for i in range(len(self))]

    def insert(self, row: int, records: Sequence[Record]) -> None:
        """Insert segments before ``row``."""
        if not records:
            return
        self.names[row:row] = [str(r.get("segment", "") or "") for r in records]
        for key in schema.NUMERIC_INPUT_KEYS:
            new = np.array([_number(r.get(key)) for r in records], dtype=np.float64)
            self.columns[key] = np.insert(self.columns[key], row, new)
        self.unread[row:row] = [dict(r.get("unread") or {}) for r in records]  # type: ignore[arg-type]

    def remove(self, rows: Iterable[int]) -> list[tuple[int, Record]]:
        """Remove segments; returns (row, record) pairs in ascending order, for undo."""
        rows = sorted(set(rows))
        removed = [(r, self.record(r)) for r in rows]
        keep = np.ones(len(self), dtype=bool)
        keep[rows] = False
        for r in reversed(rows):
            del self.names[r]
            del self.unread[r]
        for key in schema.NUMERIC_INPUT_KEYS:
            self.columns[key] = self.columns[key][keep]
        return removed

    def move(self, row: int, to: int) -> None:
        """Move one segment from ``row`` to position ``to``."""
        order = list(range(len(self)))
        order.insert(to, order.pop(row))
        self.names = [self.names[i] for i in order]
        self.unread = [self.unread[i] for i in order]
        for key in schema.NUMERIC_INPUT_KEYS:
            self.columns[key] = self.columns[key][order]


def _number(value: object) -> float:
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return np.nan
    return float(value)


@dataclass
class Scenario:
    """A named copy of the project's inputs (§7.1), edited freely."""

    name: str
    segments: SegmentTable


def fold_name(name: str) -> str:
    """A name as names are compared: spaces collapsed, case folded ("A  b" = "a b")."""
    return " ".join(str(name).split()).casefold()


_NO_SCENARIO = Text(
    "no scenario “{name}” in this project; its scenarios: {names}",
    "в проекте нет сценария «{name}»; его сценарии: {names}",
)
_NO_SCENARIOS = Text(
    "no scenario “{name}”: this project has no scenarios",
    "сценария «{name}» нет: в этом проекте нет сценариев",
)
_SCENARIO_UNNAMED = Text("a scenario needs a name", "у сценария должно быть название")
_SCENARIO_TAKEN = Text("a scenario named “{name}” already exists", "сценарий «{name}» уже есть")
_SCENARIO_TITLE = Text("{project} — scenario “{scenario}”", "{project} — сценарий «{scenario}»")


class ScenarioError(LtvError):
    """An unknown scenario, or a name that cannot be given to one: one line for a person."""


@dataclass
class Project:
    """Settings and segments, exactly as typed, and the named scenarios (§7.1)."""

    name: str = ""
    settings: Settings = field(default_factory=Settings)
    segments: SegmentTable = field(default_factory=SegmentTable)
    scenarios: list[Scenario] = field(default_factory=list)
    #: where inputs derived from an order log came from, and its cohorts (core.orders.origin);
    #: None for a project typed or imported as segments
    orders: dict | None = None

    def compute(
        self,
        basis: str | None = None,
        scenario: str | None = None,
        since: metrics.Results | None = None,
        rows: Sequence[int] | None = None,
        reuse: bool = False,
    ) -> metrics.Results:
        """All metrics of all segments under the project's settings (or another basis), of the
        base or of the scenario named ``scenario``; ``since``, ``rows`` and ``reuse``: the
        results before an edit of those rows only (``metrics.compute``)."""
        table = self.segments if scenario is None else self.scenario(scenario).segments
        return metrics.compute(
            table.columns,
            basis or self.settings.basis,
            self.settings.crr_benchmark,
            n=len(table),
            since=since,
            rows=rows,
            reuse=reuse,
        )

    # Scenarios (§7.1) ------------------------------------------------------------------------
    def scenario_index(self, name: str) -> int | None:
        """The position of the scenario named ``name`` (spaces and case aside), or None."""
        folded = fold_name(name)
        for i, scenario in enumerate(self.scenarios):
            if fold_name(scenario.name) == folded:
                return i
        return None

    def scenario(self, name: str, lang: str = "en") -> Scenario:
        """The scenario named ``name``; ``ScenarioError`` (one line, its names) when none is."""
        i = self.scenario_index(name)
        if i is None:
            if not self.scenarios:
                raise ScenarioError(_NO_SCENARIOS(lang, name=name))
            names = ", ".join(quoted(s.name, lang) for s in self.scenarios)
            raise ScenarioError(_NO_SCENARIO(lang, name=name, names=names))
        return self.scenarios[i]

    def scenario_name_problem(self, name: str, lang: str = "en", keep: int | None = None) -> str:
        """Why ``name`` cannot name a scenario (empty, taken by another than ``keep``), or ""."""
        if not fold_name(name):
            return _SCENARIO_UNNAMED(lang)
        i = self.scenario_index(name)
        if i is not None and i != keep:
            return _SCENARIO_TAKEN(lang, name=self.scenarios[i].name)
        return ""

    def add_scenario(
        self, name: str, segments: SegmentTable | None = None, index: int | None = None
    ) -> Scenario:
        """A new scenario: a copy of the base's inputs unless ``segments`` are given.

        Raises ``ScenarioError`` when the name is empty or taken.
        """
        problem = self.scenario_name_problem(name)
        if problem:
            raise ScenarioError(problem)
        scenario = Scenario(" ".join(name.split()), (segments or self.segments).copy())
        self.scenarios.insert(len(self.scenarios) if index is None else index, scenario)
        return scenario

    def rename_scenario(self, name: str, new: str) -> None:
        """Give the scenario ``name`` the name ``new``; ``ScenarioError`` if it cannot be."""
        i = self.scenario_index(name)
        if i is None:
            raise ScenarioError(_NO_SCENARIO("en", name=name, names=""))
        problem = self.scenario_name_problem(new, keep=i)
        if problem:
            raise ScenarioError(problem)
        self.scenarios[i].name = " ".join(new.split())

    def remove_scenario(self, name: str) -> tuple[int, Scenario]:
        """Remove the scenario ``name``; returns (its position, it) so that undo can put it back."""
        i = self.scenario_index(name)
        if i is None:
            raise ScenarioError(_NO_SCENARIO("en", name=name, names=""))
        return i, self.scenarios.pop(i)

    def with_scenario(self, name: str, lang: str = "en") -> Project:
        """The project as the scenario ``name`` sees it: its inputs, the same settings.

        What ``compute --scenario`` and ``export --scenario`` print and write.
        """
        scenario = self.scenario(name, lang)
        title = _SCENARIO_TITLE(lang, project=self.name or "—", scenario=scenario.name)
        return Project(name=title, settings=self.settings, segments=scenario.segments)


# Checks ----------------------------------------------------------------------------------------
_UNREAD = Text("cannot be read as a number", "не читается как число")
#: a segment name that repeats an earlier one (``check``)
DUPLICATE_NAME = Text(
    "segment name repeats row {first}; names must be unique",
    "название сегмента повторяет строку {first}; названия не должны повторяться",
)


_NAMES_AT_ONCE = 1 << 14  # each bulk step below is one C call: a few ms for this many names


def _name_keys(names: list[str]) -> list[str]:
    """``schema.name_key`` of every name, in bulk where it can be: every whitespace character
    but the space is unprintable, so printable names without doubled, leading or trailing
    spaces are already normalised, and casefold works character by character, so one casefold
    of the names joined gives each one's."""
    joined = "\n".join(names)
    if (
        "".join(names).isprintable()
        and "  " not in joined
        and " \n" not in joined
        and "\n " not in joined
        and joined[:1] != " "
        and joined[-1:] != " "
    ):
        return joined.casefold().split("\n") if names else []
    return [schema.name_key(name) for name in names]


def check(
    table: SegmentTable, file: str = "", sheet: str = "", cell=None, unread: bool = True
) -> list[Problem]:
    """Problems of a segment table as typed: unread text, out-of-range values, repeated names.

    ``cell(row, key)`` gives the address of a cell; by default "segment 3, Gross margin".
    """
    if cell is None:

        def cell(row: int, key: str) -> str:
            return f"{row + 1}:{key}"

    problems: list[Problem] = []
    seen: dict[str, int] = {}
    names = table.names
    all_folded: list[str] = []
    distinct: set[str] = set()
    for start in range(0, len(names), _NAMES_AT_ONCE):
        block = _name_keys(names[start : start + _NAMES_AT_ONCE])
        all_folded.extend(block)
        distinct.update(block)
    if len(distinct) == len(names) and "" not in distinct and not (unread and any(table.unread)):
        rows: range | tuple = ()  # no empty, repeated or unread cells: nothing to say per row
    else:
        rows = range(len(table))
    for row in rows:
        name = names[row]
        folded = all_folded[row]
        if not folded:
            problems.append(
                Problem(
                    file, sheet, cell(row, "segment"), name, schema.NO_NAME, row=row, key="segment"
                )
            )
        elif folded in seen:
            problems.append(
                Problem(
                    file,
                    sheet,
                    cell(row, "segment"),
                    name,
                    DUPLICATE_NAME,
                    (("first", str(seen[folded] + 1)),),
                    row=row,
                    key="segment",
                )
            )
        else:
            seen[folded] = row
        for key, text in table.unread[row].items() if unread else ():
            why = schema.BY_KEY[key].parse(text)  # the cell rule says why, when it can
            problems.append(
                Problem(
                    file,
                    sheet,
                    cell(row, key),
                    text,
                    why.error or _UNREAD,
                    why.fields,
                    row=row,
                    key=key,
                )
            )
    for col in schema.NUMERIC_INPUTS:
        values = table.columns[col.key]
        for row in np.flatnonzero(~np.isnan(values) & ~col.valid_mask(values)):
            v = float(values[row])
            problems.append(
                Problem(
                    file,
                    sheet,
                    cell(int(row), col.key),
                    col.shown(v),
                    schema.OUT_OF_RANGE_KEPT,
                    col.range_fields(v),
                    row=int(row),
                    key=col.key,
                )
            )
    return problems


# The file --------------------------------------------------------------------------------------
_DAMAGED = Text(
    "{path}: the project file is damaged ({why})", "{path}: файл проекта повреждён ({why})"
)
_FOREIGN = Text("{path}: not an LTV Studio project", "{path}: это не проект LTV Studio")
_NEWER = Text(
    "{path}: saved by a newer LTV Studio (file version {version}); this one reads "
    "version {ours} and older — update the program",
    "{path}: сохранён более новой версией LTV Studio (версия файла {version}); эта "
    "читает версии до {ours} — обновите программу",
)
_CANNOT_OPEN = Text("{path}: cannot open — {why}", "{path}: не удалось открыть — {why}")
_TOO_BIG = Text(
    "{path}: too large for a project file ({size} MB)",
    "{path}: слишком большой для файла проекта ({size} МБ)",
)
_MAX_PROJECT_BYTES = 512 * 1024 * 1024


def to_json(project: Project) -> str:
    """The project as the text of a ``.ltv.json`` file."""
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "name": project.name,
        "settings": asdict(project.settings),
        "segments": project.segments.records(),
        "scenarios": [
            {"name": s.name, "segments": s.segments.records()} for s in project.scenarios
        ],
    }
    if project.orders:
        doc["orders"] = project.orders
    return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def save_project(project: Project, path: str | os.PathLike, lang: str = "en") -> None:
    """Save atomically: the old file stays byte-identical if anything fails."""
    write_atomic(path, to_json(project).encode("utf-8"), lang=lang)


def load_project(path: str | os.PathLike, lang: str = "en") -> Project:
    """Read a ``.ltv.json`` project.

    Raises
    ------
    ReadError
        One line naming the file and why: damaged, another program's, a newer version.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > _MAX_PROJECT_BYTES:
            raise ReadError(_TOO_BIG(lang, path=path, size=size // 2**20))
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(_CANNOT_OPEN(lang, path=path, why=exc.strerror or exc)) from None
    try:
        doc = json.loads(data.decode("utf-8-sig"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise ReadError(_DAMAGED(lang, path=path, why="not UTF-8 text")) from None
    except (json.JSONDecodeError, ValueError) as exc:
        why = f"line {exc.lineno}: {exc.msg}" if isinstance(exc, json.JSONDecodeError) else exc
        raise ReadError(_DAMAGED(lang, path=path, why=why)) from None
    except RecursionError:
        raise ReadError(_DAMAGED(lang, path=path, why="nested too deeply")) from None
    return from_document(doc, path, lang)


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number")


def from_document(doc: object, path: str | os.PathLike = "", lang: str = "en") -> Project:
    """A project from its parsed JSON document; ReadError when it is not one."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ReadError(_FOREIGN(lang, path=path))
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ReadError(_DAMAGED(lang, path=path, why=f"version {version!r}"))
    if version > VERSION:
        raise ReadError(_NEWER(lang, path=path, version=version, ours=VERSION))
    try:
        settings = _settings(doc.get("settings") or {})
        segments = _segments(doc.get("segments") or [])
        scenarios = [
            Scenario(str(s["name"]), _segments(s.get("segments") or []))
            for s in doc.get("scenarios") or []
        ]
    except (TypeError, KeyError, AttributeError, ValueError) as exc:
        raise ReadError(_DAMAGED(lang, path=path, why=exc)) from None
    orders = doc.get("orders")
    return Project(
        name=str(doc.get("name") or ""),
        settings=settings,
        segments=segments,
        scenarios=scenarios,
        orders=orders if isinstance(orders, dict) else None,  # older files have none
    )


def _settings(raw: dict) -> Settings:
    if not isinstance(raw, dict):
        raise TypeError("settings must be an object")
    known = {f.name for f in fields(Settings)}
    settings = Settings(**{k: v for k, v in raw.items() if k in known})
    if settings.basis not in schema.BASES:
        raise ValueError(f"basis {settings.basis!r}")
    settings.currency = str(settings.currency)
    settings.language = settings.language if settings.language in ("en", "ru") else ""
    b = settings.crr_benchmark
    if isinstance(b, bool) or not isinstance(b, (int, float)) or not 0 <= b <= 1:
        raise ValueError(f"CRR benchmark {b!r}")
    settings.crr_benchmark = float(b)
    return settings


def _segments(raw: list) -> SegmentTable:
    if not isinstance(raw, list):
        raise TypeError("segments must be a list")
    records: list[Record] = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise TypeError(f"segment {i + 1} is not an object")
        rec: Record = {"segment": str(item.get("segment") or "")}
        unread = dict(item.get("unread") or {})
        for key in schema.NUMERIC_INPUT_KEYS:
            v = item.get(key)
            if v is None:
                continue
            if isinstance(v, bool):
                unread[key] = str(v).lower()
            elif isinstance(v, (int, float)):
                rec[key] = float(v)
            else:  # text in a number field: read it as typed, or keep it as unread text
                parsed = parse_number(str(v))
                if parsed.value is not None and not parsed.percent:
                    rec[key] = parsed.value
                else:
                    unread[key] = str(v)
        if unread:
            rec["unread"] = {
                str(k): str(t) for k, t in unread.items() if k in schema.NUMERIC_INPUT_KEYS
            }
        records.append(rec)
    return SegmentTable.from_records(records)
