"""The charts sheet: the window's charts as native charts over live formulas (DESIGN.md §5, §7).

Page 1: the segments by LTV:CAC (sorted as exported, lines at 1:1 and 3:1, each bar labelled and
coloured by its verdict) and the ratio's two sides (CLV, or LTV on the revenue basis, and CAC).
Page 2: the cumulative profit of one new customer of the segment picked in a cell (a list of
the segments), to the end of its lifetime, with its outcome in words. The charts read small
tables of formulas to the right of the printed area; everything follows the inputs.
"""

from __future__ import annotations

import math

from core import charts, metrics, schema
from core.export import base
from core.export.formulas import BASIS_WORDS, letter
from core.export.xlsx import style as st
from core.export.xlsx.book import BASIS_NAME, Book, sheet_ref
from core.text import Text

TITLE = Text("Charts", "Графики")
CHART_SEGMENTS = 20  # segments compared: the highest and lowest LTV:CAC when there are more
PRINT_COLUMNS = 12  # A…L, 11.5 characters each: the printed width (charts are 1 000 px wide)
CHART_WIDTH = 1000
# the profit block: labels in column A (running over B and C), values in D
PICK_ROW = 36  # the segment picked (0-based row)
VALUE_COL = 3
PROFIT_TITLE_ROW = 34  # page 2 starts here: 34 rows of 17 px hold the two charts of page 1
PROFIT_CHART_ROW = 48
CHART_HEIGHT = 270
# the month-by-month table (right of the printed area)
MONTH_COL, PROFIT_COL, MONTHS_HEAD_ROW = 13, 14, 2
# the sorted table the comparison charts read
SORTED_COL = 16
LABEL_CHARS = 22  # a category label under a bar: longer names are shortened with "…"
LABEL_CHARS_MANY = 14  # … when more than 8 bars share the width (labels then slant)
SIDES_LABELLED = 10  # up to this many segments, each bar of CLV and CAC carries its amount

_T = Text
_WORDS = {
    "sides": _T("{value} and CAC of one customer", "{value} и CAC на одного клиента"),
    "without": _T("without LTV:CAC: {names}", "без LTV:CAC: {names}"),
    "label": _T("Label under the bar", "Подпись под столбцом"),
    "basis": _T("basis: {basis}", "база: {basis}"),
    "sorted": _T(
        "Segments sorted by LTV:CAC as exported; the values follow the inputs on the first sheet.",
        "Сегменты упорядочены по LTV:CAC на момент выгрузки; значения следуют за исходными "
        "данными на первом листе.",
    ),
    "profit_chart": _T(
        "Cumulative profit of one new customer, to the end of its lifetime",
        "Накопленная прибыль с одного нового клиента до конца срока жизни",
    ),
    "profit_chart_revenue": _T(
        "Cumulative revenue less CAC of one new customer, to the end of its lifetime",
        "Накопленная выручка за вычетом CAC с одного нового клиента до конца срока жизни",
    ),
    "pick": _T("Segment (pick from the list)", "Сегмент (выберите из списка)"),
    "row": _T("Row among the segments", "Строка среди сегментов"),
    "monthly": _T("Monthly amount", "Сумма в месяц"),
    "lifetime_months": _T("Lifetime, months", "Срок жизни, мес."),
    "outcome": _T("Outcome", "Итог"),
    "month": _T("Month", "Месяц"),
    "cumulative": _T("Cumulative profit", "Накопленная прибыль"),
    "cumulative_revenue": _T("Cumulative revenue less CAC", "Накопленная выручка за вычетом CAC"),
    "months_note": _T(
        "Months of the lifetime of {name}, the segment exported as picked.",
        "Месяцы срока жизни сегмента «{name}», выбранного при выгрузке.",
    ),
    "payback_label": _T("Payback label", "Подпись окупаемости"),
    "marker": _T("Payback marker height", "Высота отметки окупаемости"),
    "payback_at": _T("payback: {months} mo.", "окупаемость: {months} мес."),
    # "in 1 month" (a high margin and a small CAC): {unit} is worked out by the formula
    "pays_back": _T("pays back in {months} {unit}", "окупается за {months} мес."),
    "beyond": _T(
        "does not pay back within its {months}-month lifetime",
        "не окупается за срок жизни ({months} мес.)",
    ),
    "no_curve": _T("no curve: {why}", "кривой нет: {why}"),
}


def write(book: Book) -> None:
    """The charts sheet: comparison charts on page 1, the profit curve on page 2."""
    ws = book.add_sheet(TITLE(book.lang))
    style = book.style
    ws.write_string(0, 0, TITLE(book.lang), style.title)
    ws.write_string(1, 0, _WORDS["sorted"](book.lang), style.note)
    ws.set_column(0, PRINT_COLUMNS - 1, 11.5)
    ws.set_column(MONTH_COL, PROFIT_COL, 14)
    ws.set_column(SORTED_COL, SORTED_COL, 24)
    ws.set_column(SORTED_COL + 1, SORTED_COL + 5, 12)
    ws.set_column(SORTED_COL + 6, SORTED_COL + 6, 24)
    if book.n:
        _comparison(book, ws)
        _profit(book, ws)
    ws.set_h_pagebreaks([PROFIT_TITLE_ROW])
    ws.print_area(0, 0, PROFIT_CHART_ROW + 20, PRINT_COLUMNS - 1)
    book.print_setup(ws, scale=st.print_scale([11.5] * PRINT_COLUMNS))
    ws.hide_gridlines(2)


def _comparison(book: Book, ws) -> None:
    """The sorted table (formulas into the segments sheet) and the two comparison charts."""
    lay, lang, res = book.layout, book.lang, book.report.results
    data = charts.comparison(res, book.report.names, limit=CHART_SEGMENTS)
    valued = [i for i in range(len(data)) if data.ratio[i] == data.ratio[i]]
    names = book.report.names
    missing = [names[r] for r in range(book.n) if res.value(r, "ltv_cac") is None]
    value_label = schema.BY_KEY[data.value_key].label(lang)
    heads = ["segment", "ltv_cac", "1:1", "3:1", "value", "cac", "label"]
    labels = {
        "segment": schema.BY_KEY["segment"].label(lang),
        "ltv_cac": "LTV:CAC",
        "1:1": "1:1",
        "3:1": "3:1",
        "value": f"{BASIS_WORDS['profit'](lang)}: CLV / {BASIS_WORDS['revenue'](lang)}: LTV",
        "cac": "CAC",
        "label": _WORDS["label"](lang),
    }
    top = 2
    for j, key in enumerate(heads):
        ws.write_string(top, SORTED_COL + j, labels[key], book.style.header)
    data_ref = book.data_ref
    is_revenue = f'{BASIS_NAME}="{BASIS_WORDS["revenue"](lang)}"'
    money = book.style.metric[schema.MONEY]
    chars = LABEL_CHARS if len(valued) <= 8 else LABEL_CHARS_MANY
    for k, i in enumerate(valued):
        r = top + 1 + k
        row = int(data.rows[i]) + 1  # INDEX is 1-based among the segments

        def at(key: str, row: int = row) -> str:
            return f"INDEX({data_ref}!{lay.span(key)},{row})"

        ws.write_formula(r, SORTED_COL, "=" + at("segment"), None, names[row - 1])
        name = f"{letter(SORTED_COL)}{r + 1}"  # a long name, shortened under its bar
        head, tail = _split(chars)
        short = f'=IF(LEN({name})>{chars},LEFT({name},{head})&"…"&RIGHT({name},{tail}),{name})'
        ws.write_formula(r, SORTED_COL + 6, short, None, _short(names[row - 1], chars))
        ws.write_formula(
            r, SORTED_COL + 1, "=" + at("ltv_cac"), book.style.metric[schema.RATIO], data.ratio[i]
        )
        ws.write_number(r, SORTED_COL + 2, 1)
        ws.write_number(r, SORTED_COL + 3, 3)
        value = f"=IF({is_revenue},{at('ltv')},{at('clv')})"
        ws.write_formula(r, SORTED_COL + 4, value, money, _cached(data.value[i]))
        ws.write_formula(r, SORTED_COL + 5, "=" + at("cac"), money, _cached(data.cac[i]))
    if not valued:
        ws.write_string(
            3, 0, _WORDS["without"](lang, names=", ".join(missing[:10])), book.style.note
        )
        return
    first, last = top + 1, top + len(valued)
    sheet = ws.get_name()

    def col(j: int) -> list:
        return [sheet, first, SORTED_COL + j, last, SORTED_COL + j]

    sub = data.subtitle(lang)
    if missing:
        shown = ", ".join(_short(m) for m in missing[:2]) + (" …" if len(missing) > 2 else "")
        sub += " · " + _WORDS["without"](lang, names=shown)
    rotate = -45 if len(valued) > 8 else 0
    ratio = book.wb.add_chart({"type": "column"})
    ratio.add_series(
        {
            "name": "LTV:CAC",
            "categories": col(6),
            "values": col(1),
            "points": [{"fill": {"color": st.BAR_COLOURS[data.levels[i]]}} for i in valued],
            "data_labels": {"value": True, "num_format": "0.00", "position": "outside_end"},
            "gap": 60,
        }
    )
    lines = book.wb.add_chart({"type": "line"})
    for j, colour in ((2, "#C0504D"), (3, "#4E9A52")):
        lines.add_series(
            {
                "name": [sheet, top, SORTED_COL + j],
                "categories": col(6),
                "values": col(j),
                "line": {"color": colour, "dash_type": "dash", "width": 1.5},
                "marker": {"type": "none"},
            }
        )
    ratio.combine(lines)
    _chart_look(ratio, charts.WORDS["ratio"](lang), sub, rotate, "0.0")
    ratio.set_x_axis({"num_font": {"rotation": rotate}, "label_position": "low"})
    finite = sorted(float(data.ratio[i]) for i in valued)
    if len(finite) >= 2 and finite[-1] > max(8.0, 2.5 * max(finite[-2], 1.0)):
        # an outlier (as the window draws it): to the top edge, its value still on its label
        ratio.set_y_axis(
            {
                "num_format": "0.0",
                "max": math.ceil(max(6.0, finite[-2] * 1.4)),
                "min": min(0.0, math.floor(finite[0])),
                "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
            }
        )
    ratio.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    ws.insert_chart(2, 0, ratio, {"object_position": 3})

    sides = book.wb.add_chart({"type": "column"})
    money_label = st.money_code(book.report.currency, lang, cents=False)
    for j, colour, name in ((4, "#4472C4", value_label), (5, "#C0504D", "CAC")):
        sides.add_series(
            {
                "name": name,
                "categories": col(6),
                "values": col(j),
                "fill": {"color": colour},
                "data_labels": {
                    "value": len(valued) <= SIDES_LABELLED,
                    "num_format": money_label,
                },
                "gap": 60,
            }
        )
    basis = _WORDS["basis"](lang, basis=BASIS_WORDS[res.basis](lang))
    _chart_look(sides, _WORDS["sides"](lang, value=value_label), basis, rotate, money_label)
    sides.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    ws.insert_chart(18, 0, sides, {"object_position": 3})


def _split(chars: int) -> tuple[int, int]:
    """How much of a long name's beginning and end a label keeps (the window's rule)."""
    tail = max(4, chars // 3)
    return chars - tail - 1, tail


def _short(name: str, chars: int = LABEL_CHARS) -> str:
    """A name as the charts' category labels show it: at most ``chars`` characters, shortened
    in the middle, so names that begin alike ("…канал 4", "…канал 5") stay apart."""
    if len(name) <= chars:
        return name
    head, tail = _split(chars)
    return name[:head] + "…" + name[-tail:]


def _cached(value: float):
    return "" if value != value else float(value)


def _chart_look(chart, title: str, sub: str, rotate: int, number: str) -> None:
    chart.set_title({"name": f"{title}\n{sub}" if sub else title, "name_font": {"size": 11}})
    chart.set_legend({"position": "bottom"})
    chart.set_x_axis({"num_font": {"rotation": rotate}})
    chart.set_y_axis(
        {
            "num_format": number,
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )


def _concat(template: str, **parts: str) -> str:
    """A formula joining ``template``'s words with formula ``parts`` for its {fields}."""
    out, rest = [], template
    while "{" in rest:
        before, _, tail = rest.partition("{")
        name, _, rest = tail.partition("}")
        if before:
            out.append('"' + before.replace('"', '""') + '"')
        out.append(parts[name])
    if rest:
        out.append('"' + rest.replace('"', '""') + '"')
    return "&".join(out)


def _profit(book: Book, ws) -> None:
    """The cumulative profit of the segment picked in a cell, as live formulas, and a chart
    whose marked point is the payback month; the curve stops at the end of the lifetime."""
    lay, lang, res = book.layout, book.lang, book.report.results
    style, fmt = book.style, book.report.fmt
    table = book.report.project.segments
    pick = next((i for i in range(book.n) if charts.profit_curve(res, i) is not None), None)
    default = pick if pick is not None else 0
    curve = charts.profit_curve(res, default)
    words = "profit_chart" if res.basis == "profit" else "profit_chart_revenue"
    ws.write_string(PROFIT_TITLE_ROW, 0, _WORDS[words](lang), style.subtitle)
    rows = {
        key: PICK_ROW + i
        for i, key in enumerate(
            ("pick", "row", "cac", "revenue", "monthly", "payback", "life", "outcome", "label")
        )
    }
    rows["zero"] = rows["label"] + 1
    labels = {
        "pick": _WORDS["pick"](lang),
        "row": _WORDS["row"](lang),
        "cac": schema.BY_KEY["cac"].label(lang),
        "revenue": schema.BY_KEY["annual_revenue"].label(lang),
        "monthly": _WORDS["monthly"](lang),
        "payback": schema.BY_KEY["payback_months"].label(lang),
        "life": _WORDS["lifetime_months"](lang),
        "outcome": _WORDS["outcome"](lang),
        "label": _WORDS["payback_label"](lang),
        "zero": _WORDS["marker"](lang),
    }
    for key, r in rows.items():
        ws.write_string(r, 0, labels[key])
    vc = letter(VALUE_COL)
    ref = {k: f"${vc}${r + 1}" for k, r in rows.items()}
    data_ref = book.data_ref
    names = f"{data_ref}!{lay.span('segment')}"
    name = base.cut(table.names[default], book.report.file, "", "", [])  # reported on sheet 1
    ws.write_string(rows["pick"], VALUE_COL, name, style.setting)
    ws.data_validation(
        rows["pick"],
        VALUE_COL,
        rows["pick"],
        VALUE_COL,
        {"validate": "list", "source": "=" + names},
    )
    ws.write_formula(
        rows["row"], VALUE_COL, f'=IFERROR(MATCH({ref["pick"]},{names},0),"")', None, default + 1
    )

    def at(key: str) -> str:
        return f"INDEX({data_ref}!{lay.span(key)},{ref['row']})"

    money = style.metric[schema.MONEY]
    never = metrics.NEVER(lang)
    for key in ("cac", "revenue", "payback"):
        metric = {"revenue": "annual_revenue", "payback": "payback_months"}.get(key, key)
        value = res.value(default, metric)
        cached = "" if value is None else value
        if metric == "payback_months" and res.never[default]:
            cached = never
        cell_fmt = style.metric[schema.MONTHS] if key == "payback" else money
        ws.write_formula(
            rows[key], VALUE_COL, f'=IF({ref["row"]}="","",{at(metric)})', cell_fmt, cached
        )
    life = res.value(default, "lifetime_years")
    ws.write_formula(
        rows["life"],
        VALUE_COL,
        f'=IF(OR({ref["row"]}="",{at("lifetime_years")}=""),"",{at("lifetime_years")}*12)',
        style.metric[schema.MONTHS],
        "" if life is None else life * 12,
    )
    margin = at("gross_margin")
    service = at("service_cost_per_year")
    is_revenue = f'{BASIS_NAME}="{BASIS_WORDS["revenue"](lang)}"'
    monthly = (
        f'=IF(OR({ref["cac"]}="",{ref["revenue"]}=""),"",IF({is_revenue},'
        f"{ref['revenue']}/12,IF(AND(ISNUMBER({margin}),{margin}>=-1,{margin}<=1,"
        f"NOT(AND(ISNUMBER({service}),{service}<0))),"
        f'({ref["revenue"]}*{margin}-N({service}))/12,"")))'
    )
    ws.write_formula(rows["monthly"], VALUE_COL, monthly, money, curve.monthly if curve else "")
    for key in ("cac", "revenue", "monthly"):  # "8 500 ₽", not "8 500.00 ₽"
        style.shorten(ws, schema.MONEY, rows[key], rows[key], VALUE_COL, computed=True)
    for key in ("payback", "life"):  # "9 mo", not "9.0 mo"
        style.shorten(ws, schema.MONTHS, rows[key], rows[key], VALUE_COL, computed=True)
    pb = ref["payback"]
    # the outcome in words, from the payback, its verdict and the lifetime
    verdict = f"INDEX({data_ref}!{lay.span('verdict:payback_months')},{ref['row']})"
    no_payback = next(v for v in metrics.VERDICTS["payback_months"] if v.key == "no_payback")
    unit = f'IF(ROUND({pb},1)=1,"month","months")'
    pays = _concat(_WORDS["pays_back"](lang), months=f"ROUND({pb},1)", unit=unit)
    beyond = _concat(_WORDS["beyond"](lang), months=f"ROUND({ref['life']},0)")
    outcome = (
        f'=IF({pb}="","",IF(ISNUMBER({pb}),IF({verdict}="{no_payback(lang)}",'
        f'IF({ref["life"]}="",{pays},{beyond}),{pays}),"{metrics.NEVER_WHY[res.basis](lang)}"))'
    )
    ws.write_formula(rows["outcome"], VALUE_COL, outcome, None, _outcome(res, default, lang))
    label_words = _WORDS["payback_at"](lang, months='"&ROUND(' + pb + ',1)&"')
    cached_label = ""
    if curve is not None and curve.payback_month is not None:
        shown = fmt.number(round(curve.payback_month, 1), 1)
        cached_label = _WORDS["payback_at"](lang, months=shown.replace("\u00a0", ""))
    elif res.never[default]:
        cached_label = never
    payback_label = f'=IF(ISNUMBER({pb}),"{label_words}",{pb})'
    ws.write_formula(rows["label"], VALUE_COL, payback_label, None, cached_label)
    ws.write_formula(
        rows["zero"],
        VALUE_COL,
        f"=IF(ISNUMBER({pb}),0,NA())",
        None,
        0 if curve is not None and curve.payback_month is not None else "#N/A",
    )
    title_row = rows["zero"] + 1
    ws.write_formula(
        title_row,
        VALUE_COL,
        f'={ref["pick"]}&IF({ref["outcome"]}="",""," — "&{ref["outcome"]})',
        None,
        name + (f" — {_outcome(res, default, lang)}" if _outcome(res, default, lang) else ""),
    )
    # month by month, to the right of the printed area
    cumulative = "cumulative" if res.basis == "profit" else "cumulative_revenue"
    months = curve.months.tolist() if curve else list(range(25))
    profit = curve.profit.tolist() if curve else [""] * len(months)
    note = _WORDS["months_note"](lang, name=name[:60])
    ws.write_string(MONTHS_HEAD_ROW - 1, MONTH_COL, note, style.note)
    ws.write_string(MONTHS_HEAD_ROW, MONTH_COL, _WORDS["month"](lang), style.header)
    ws.write_string(MONTHS_HEAD_ROW, PROFIT_COL, _WORDS[cumulative](lang), style.header)
    ws.set_row(MONTHS_HEAD_ROW, st.LINE_PT * 2 + 3)
    month = letter(MONTH_COL)
    for i, (m, p) in enumerate(zip(months, profit)):
        r = MONTHS_HEAD_ROW + 1 + i
        ws.write_number(r, MONTH_COL, m, style.month)
        formula = f'=IF({ref["monthly"]}="","",-{ref["cac"]}+{ref["monthly"]}*{month}{r + 1})'
        ws.write_formula(r, PROFIT_COL, formula, money, p)
    first, last = MONTHS_HEAD_ROW + 1, MONTHS_HEAD_ROW + len(months)
    sheet = sheet_ref(ws.get_name())
    chart = book.wb.add_chart({"type": "scatter", "subtype": "straight"})
    chart.add_series(
        {
            "name": _WORDS[cumulative](lang),
            "categories": [ws.get_name(), first, MONTH_COL, last, MONTH_COL],
            "values": [ws.get_name(), first, PROFIT_COL, last, PROFIT_COL],
            "line": {"color": "#2F5597", "width": 2.25},
        }
    )
    chart.add_series(
        {
            "name": schema.BY_KEY["payback_months"].label(lang),
            "categories": f"={sheet}!{ref['payback']}",
            "values": f"={sheet}!{ref['zero']}",
            "line": {"none": True},
            "marker": {
                "type": "diamond",
                "size": 11,
                "fill": {"color": "#C00000"},
                "border": {"color": "#C00000"},
            },
            "data_labels": {
                "custom": [{"value": f"={sheet}!{ref['label']}"}],
                "position": "above",
            },
        }
    )
    chart.set_title({"name": f"={sheet}!${vc}${title_row + 1}", "name_font": {"size": 11}})
    chart.set_x_axis(
        {
            "name": _WORDS["month"](lang),
            "label_position": "low",  # under the plot, not along the zero line
            "min": 0,
            "max": curve.span if curve else months[-1],
            "major_gridlines": {"visible": True, "line": {"color": "#EEEEEE"}},
        }
    )
    chart.set_y_axis(
        {
            "num_format": st.money_code(book.report.currency, lang, cents=False),
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": CHART_WIDTH, "height": 330})
    ws.insert_chart(PROFIT_CHART_ROW, 0, chart, {"object_position": 3})


def _outcome(res, row: int, lang: str) -> str:
    """The cached words of the outcome cell, as its formula gives them."""
    fmt_row = res.value(row, "payback_months")
    if bool(res.never[row]):
        return metrics.NEVER_WHY[res.basis](lang)
    if fmt_row is None:
        return ""
    verdict = res.verdict(row, "payback_months")
    life = res.value(row, "lifetime_years")
    months = _spreadsheet_number(round(fmt_row, 1), lang)
    if verdict is not None and verdict.key == "no_payback" and life is not None:
        whole = math.floor(life * 12 + 0.5)  # ROUND(x, 0): halves away from zero
        return _WORDS["beyond"](lang, months=_spreadsheet_number(whole, lang))
    unit = "month" if round(fmt_row, 1) == 1 else "months"
    return _WORDS["pays_back"](lang, months=months, unit=unit)


def _spreadsheet_number(value: float, lang: str) -> str:
    """A number as ROUND(…)&"" turns it into text: no thousands separator."""
    text = repr(float(value))
    text = text[:-2] if text.endswith(".0") else text
    return text.replace(".", ",") if lang == "ru" else text
