"""The workbook's look: colours, number formats as the program shows numbers, and the cell formats
every sheet shares (``Styles``), plus the arithmetic of column widths and row heights for print.

Numbers appear as in the window: money without kopecks or cents when they are whole ("420 ₽",
not "420.00 ₽") and a computed amount of 1 000 or more without them; percents with decimals
only when there are some ("62%", "64.3%"); payback, lifetime and LTV:CAC with the window's
decimals and unit words ("9 mo", "2.78 yr", "4.12×"); a true minus ("−2,011 ₽").
Conditional formatting drops the decimals, so a value typed later in the spreadsheet follows
the same rule. The thousands and decimal separators are
the reading spreadsheet's own (a Russian Excel writes 1 000,5), as with any workbook.
"""

from __future__ import annotations

from core import metrics, schema, units

LEVEL_COLOURS = {
    metrics.GOOD: ("#C6EFCE", "#006100"),
    metrics.WARN: ("#FFEB9C", "#9C5700"),
    metrics.BAD: ("#FFC7CE", "#9C0006"),
    metrics.INFO: ("#DDEBF7", "#1F4E78"),
}
BAR_COLOURS = {  # the window's chart colours (ui.charts.LEVEL_COLOURS), for native charts
    metrics.BAD: "#C0504D",
    metrics.WARN: "#E0A526",
    metrics.GOOD: "#4E9A52",
    metrics.INFO: "#4A7EBB",
    None: "#A6A6A6",
}
INPUT_FILL, INPUT_FONT, METRIC_FILL, HEADER_FILL = "#FFF2CC", "#3F3F76", "#EEF3F8", "#D9E1F2"
PREFIX_CURRENCIES = ("$", "£", "¥", "US$")

# Paper: A4 landscape with these margins (inches), as every sheet prints
PAPER_A4 = 9
MARGIN_SIDE, MARGIN_TOP = 0.4, 0.6
PRINT_WIDTH_IN = 11.69 - 2 * MARGIN_SIDE  # 10.89 in across
PRINT_HEIGHT_IN = 8.27 - 2 * MARGIN_TOP - 0.5  # less the header and footer lines
FONT, FONT_PT, ROW_PX = "Arial", 10, 17  # the workbook's font; a row of one line
LINE_PT = 13.0  # one line of 10-point Arial, with room


def signed(code: str) -> str:
    """``code`` with a true minus before a negative number ("−2,011 ₽"), as the window writes
    it: the format's second section, which shows the number without its sign."""
    return f'{code};"\u2212"{code}'


def money_code(currency: str, lang: str, cents: bool = True) -> str:
    """The number format of money in ``currency``, with or without cents."""
    cur = currency.replace('"', "").replace("\\", "")
    digits = "#,##0.00" if cents else "#,##0"
    if not cur:
        return signed(digits)
    if cur in PREFIX_CURRENCIES and lang != "ru":
        return signed(f'"{cur}"{digits}')
    return signed(f'{digits} "{cur}"')


def _suffix(unit: str, lang: str) -> str:
    """The unit's word after the number, as a format's literal ('" mo"'), or ""."""
    word = units.SUFFIX["ru" if lang == "ru" else "en"].get(unit, "")
    return f'"{word}"' if word else ""


def _percent(lang: str) -> str:
    """The percent sign as the window writes it: "62%", in Russian "62 %"."""
    return '"\u00a0"%' if lang == "ru" else "%"


def number_codes(currency: str, lang: str, typed: bool = False) -> dict[str, str]:
    """The number format of each unit, of computed cells or (``typed``) of inputs, which keep
    the decimals a person typed; ``short_codes`` gives the one without decimals that
    conditional formatting puts on whole values. Computed numbers get the window's decimals
    (``core.units.DECIMALS``) and its unit words: "8.4 mo", "2.78 yr", "4.12×", "64.3%"."""
    return {
        schema.MONEY: money_code(currency, lang),
        schema.COUNT: signed("#,##0"),
        schema.NUMBER: signed("#,##0.0##" if typed else "#,##0.0#"),
        schema.YEARS: signed("#,##0.0#" + _suffix(schema.YEARS, lang)),
        schema.FRACTION: signed(("0.0#" if typed else "0.0") + _percent(lang)),
        schema.MONTHS: signed("#,##0.0" + _suffix(schema.MONTHS, lang)),
        schema.RATIO: signed("#,##0.0#" + _suffix(schema.RATIO, lang)),
        schema.TEXT: "@",
    }


def short_codes(currency: str, lang: str) -> dict[str, str]:
    """The formats of whole values (and of computed money from 1 000 up): "420 ₽", "62%"."""
    return {
        schema.MONEY: money_code(currency, lang, cents=False),
        schema.COUNT: signed("#,##0"),
        schema.NUMBER: signed("#,##0"),
        schema.YEARS: signed("#,##0" + _suffix(schema.YEARS, lang)),
        schema.FRACTION: signed("0" + _percent(lang)),
        schema.MONTHS: signed("#,##0" + _suffix(schema.MONTHS, lang)),
        schema.RATIO: signed("#,##0" + _suffix(schema.RATIO, lang)),
    }


def whole(unit: str, ref: str, computed: bool) -> str | None:
    """The condition under which a cell (``ref``, relative, the range's first cell) drops its
    decimals: a value that is whole at the decimals it is shown with ("420 ₽", "62%", "9 mo",
    "3×"); computed money also from 1 000 up, as the window shows it. A typed input keeps the
    decimals typed (up to 2 of a percent, 6 of a number). None: the unit keeps its format."""
    if unit not in units.DECIMALS or unit == schema.COUNT:
        return None
    if unit == schema.FRACTION:
        places = units.DECIMALS[unit] if computed else 4
        return f"ISNUMBER({ref}),ROUND({ref}*100,{places})=ROUND({ref}*100,0)"
    places = units.DECIMALS[unit] if computed else 6
    test = f"ROUND({ref},{places})=ROUND({ref},0)"
    if unit == schema.MONEY:
        test = f"ROUND({ref},2)=ROUND({ref},0)"
        if computed:
            test = f"OR(ABS({ref})>=999.995,{test})"
    return f"ISNUMBER({ref}),{test}"


def short_rule(unit: str, ref: str, computed: bool) -> str | None:
    """``whole`` as a conditional format's formula."""
    condition = whole(unit, ref, computed)
    return None if condition is None else f"=AND({condition})"


def width_px(chars: float) -> int:
    """A column of ``chars`` characters in pixels, as Excel sizes it (10-point Arial)."""
    return int(chars * 7 + 5)


def print_scale(widths: list[float]) -> int:
    """The print scale (percent) at which columns of these widths fit across one page, with
    a tenth to spare: a spreadsheet's own font metrics make columns a little wider."""
    total_in = sum(width_px(w) for w in widths) / 96.0
    return max(10, min(100, int(90 * PRINT_WIDTH_IN / total_in)))


TEXT_CHAR_PX = 6.6  # the widest average letter of 10-point Arial text (Cyrillic, bold)
MONO_CHAR_PX = 7.4  # one character of a 9-point monospaced font (the formulas)
MONO_LINE_PT = 12.5


def lines_needed(text: str, chars: float, char_px: float = TEXT_CHAR_PX) -> int:
    """How many lines ``text`` wraps to in a column ``chars`` wide (an estimate that errs on
    the generous side: every letter counts as wide as the widest average)."""
    per_line = max(4, int((width_px(chars) - 4) / char_px))
    lines = 0
    for paragraph in str(text).split("\n"):
        words = paragraph.split(" ")
        current = 0
        lines += 1
        for word in words:
            extra = len(word) + (1 if current else 0)
            if current and current + extra > per_line:
                lines += 1
                current = len(word)
            else:
                current += extra
            while current > per_line:  # a word longer than the line breaks anywhere
                lines += 1
                current -= per_line
    return lines


class Styles:
    """The cell formats of one workbook (XlsxWriter formats are made once per workbook)."""

    def __init__(self, wb, currency: str, lang: str) -> None:
        self._wb = wb
        self.currency, self.lang = currency, lang
        self.codes = number_codes(currency, lang)
        border = {"border": 1, "border_color": "#BFBFBF"}
        add = wb.add_format
        self.title = add({"bold": True, "font_size": 14})
        self.subtitle = add({"bold": True, "font_size": 12})
        self.note = add({"italic": True, "font_color": "#595959"})
        self.note_wrap = add(
            {"italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"}
        )
        self.label = add({"bold": True, "align": "right"})
        self.label_wrap = add({"bold": True, "align": "right", "text_wrap": True})
        self.header = add(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": HEADER_FILL, **border}
        )
        self.keys = add({"font_color": "#808080", "font_size": 8})
        setting = {"bg_color": INPUT_FILL, "font_color": INPUT_FONT, "bold": True, **border}
        self.setting = add(setting)
        self.setting_pct = add({**setting, "num_format": "0" + _percent(lang)})
        self.metric = {
            unit: add({"bg_color": METRIC_FILL, "num_format": code, **border})
            for unit, code in self.codes.items()
        }
        self.total = {
            unit: add({"bold": True, "top": 2, "num_format": code, "bg_color": HEADER_FILL})
            for unit, code in self.codes.items()
        }
        self._input_props = {"bg_color": INPUT_FILL, "font_color": INPUT_FONT, **border}
        self.input = {
            unit: add({**self._input_props, "num_format": code})
            for unit, code in number_codes(currency, lang, typed=True).items()
        }
        self.short = {
            unit: add({"num_format": code}) for unit, code in short_codes(currency, lang).items()
        }
        self.input_text = add({**self._input_props, "num_format": "@"})
        self.input_name = add({**self._input_props, "num_format": "@", "text_wrap": True})
        self.input_blank = add(self._input_props)
        self.input_quoted = add({**self._input_props, "quote_prefix": True})
        self.name_quoted = add({**self._input_props, "quote_prefix": True, "text_wrap": True})
        self.verdict = add({"bg_color": METRIC_FILL, **border})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.wrap_quoted = add(
            {
                "text_wrap": True,
                "valign": "top",
                "quote_prefix": True,
                "font_name": "Consolas",
                "font_size": 9,
            }
        )
        self.bold = add({"bold": True, "valign": "top"})
        self.bold_wrap = add({"bold": True, "text_wrap": True, "valign": "top"})
        self.levels = {
            level: add({"bg_color": bg, "font_color": fg})
            for level, (bg, fg) in LEVEL_COLOURS.items()
        }
        self.bad_input = add({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
        self._level_short: dict[tuple[str, str], object] = {}
        self.number = add({"num_format": "0.##"})
        self.month = add({"num_format": "0.0#"})

    def level_short(self, level: str, unit: str):
        """A verdict level's colours with the unit's format of whole values (made once)."""
        key = (level, unit)
        if key not in self._level_short:
            bg, fg = LEVEL_COLOURS[level]
            code = short_codes(self.currency, self.lang)[unit]
            self._level_short[key] = self._wb.add_format(
                {"bg_color": bg, "font_color": fg, "num_format": code}
            )
        return self._level_short[key]

    def shorten(self, ws, unit: str, first_row: int, last_row: int, col: int, computed: bool):
        """Whole values of column ``col`` drop their decimals ("420 ₽"), by conditional
        formatting, so a value typed later in the spreadsheet follows the same rule."""
        from core.export.formulas import letter

        rule = short_rule(unit, f"{letter(col)}{first_row + 1}", computed)
        if rule is None or last_row < first_row:
            return
        ws.conditional_format(
            first_row,
            col,
            last_row,
            col,
            {
                "type": "formula",
                "criteria": rule,
                "format": self.short[unit],
                "stop_if_true": True,
            },
        )
