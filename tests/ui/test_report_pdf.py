"""The PDF report (DESIGN.md §5, issue 14): 3–4 pages for the sample in both languages, every
blank on page 1 explained by a footnote, no formula block split across pages, nothing outside
the page at any width the program produces, the problems found on reading listed, Cyrillic fonts
embedded, written atomically. Read back with poppler (pdftotext, pdfinfo), as a person reads it.
"""

from __future__ import annotations

import os
import re
import subprocess
import xml.etree.ElementTree as ET

import numpy as np
import openpyxl
import pytest

from core import schema
from core.errors import SaveError
from core.metrics import VERDICTS
from core.project import Project, SegmentTable, Settings, load_project
from core.readers import open_project
from tests.conftest import ROOT, require_tool
from tests.core.export_cases import case_project
from ui.report import write_pdf
from ui.report.content import TABLE_KEYS

SAMPLE = ROOT / "resources" / "sample.ltv.json"
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@pytest.fixture(scope="module")
def poppler() -> str:
    """pdftotext; a skip without it, a failure on CI (.ci/run installs poppler-utils)."""
    return require_tool("pdftotext", package="poppler-utils")


def pages_of(path) -> list[str]:
    """The text of each page, spaces normalised (no-break spaces as spaces)."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    text = done.stdout.replace("\ufb01", "fi").replace("\ufb02", "fl")  # ligatures
    return [" ".join(p.replace("\u00a0", " ").split()) for p in text.split("\f")][:-1]


def page_lines(path, page: int) -> list[str]:
    done = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [line.replace("\u00a0", " ").strip() for line in done.stdout.splitlines()]


def words_outside_the_page(path) -> list[str]:
    """Every word whose box is not wholly on its page (pdftotext -bbox): clipped text."""
    done = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    )
    body = done.stdout[done.stdout.index("<body>") : done.stdout.index("</body>") + 7]
    outside = []
    for page in ET.fromstring(body.replace("&nbsp;", " ")).iter("page"):
        width, height = float(page.get("width")), float(page.get("height"))
        for word in page.iter("word"):
            x0, y0 = float(word.get("xMin")), float(word.get("yMin"))
            x1, y1 = float(word.get("xMax")), float(word.get("yMax"))
            if x0 < 0 or y0 < 0 or x1 > width - 20 or y1 > height - 10:
                outside.append(f"{word.text} ({x0:.0f}–{x1:.0f} of {width:.0f})")
    return outside


@pytest.fixture(scope="module")
def sample_pdfs(qapp, poppler, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    project = load_project(SAMPLE)
    out = {}
    for lang in ("ru", "en"):
        path = folder / f"sample-{lang}.pdf"
        assert write_pdf(project, path, lang=lang) == []
        out[lang] = path
    return project, out


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_sample_report_is_3_to_4_pages_in_order(sample_pdfs, lang):
    """Issue 14 item 1: page 1 the summary and results, then the charts with the inputs, then
    the formulas; 3–4 pages for the 6-segment sample in both languages."""
    project, paths = sample_pdfs
    pages = pages_of(paths[lang])
    assert 3 <= len(pages) <= 4, len(pages)
    words = {
        "ru": ("Портфель: все сегменты вместе", "Результаты по сегментам", "Графики"),
        "en": ("Portfolio: all segments together", "Results by segment", "Charts"),
    }[lang]
    assert words[0] in pages[0] and words[1] in pages[0]
    assert words[2] in pages[1] and "LTV:CAC" in pages[1] and "1:1" in pages[1]
    inputs = "Исходные данные" if lang == "ru" else "Inputs"
    assert inputs in pages[1]
    formulas = "Формулы с числами каждого сегмента" if lang == "ru" else "Formulas with each"
    assert formulas in pages[2]
    assert not words_outside_the_page(paths[lang])


def test_russian_report_of_the_sample(sample_pdfs):
    project, paths = sample_pdfs
    text = " ".join(pages_of(paths["ru"]))
    assert "Кофейня «Зерно»" in text and "Клуб лояльности" in text
    assert "норма" in text and "убыток" in text  # verdicts in words
    assert "LTV = 420 ₽ × 48 × 2,8 = 56 448 ₽" in text  # the Explain panel's formula
    assert "не окупается за срок жизни (20 мес.): −2 011 ₽" in text  # on the profit curve
    assert "01.12." in text or re.search(r"\d\d\.\d\d\.\d{4}", text)  # a Russian date
    fonts = subprocess.run(["pdffonts", str(paths["ru"])], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts and " yes " in fonts  # embedded


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_charts_legend_is_never_cut(sample_pdfs, lang):
    """The LTV:CAC chart's legend on page 2 names every verdict whole: its short words (the
    grid's badges) where the full ones do not fit the half page. It said "запас: можно
    больше тратить на ро…": the chart chose its words for the size, but the page was drawn
    before the legend took them, and the report asked for no short words at all."""
    _, paths = sample_pdfs
    text = pages_of(paths[lang])[1]
    assert "…" not in text and "..." not in text
    for level in ("bad", "warn", "good", "info"):
        verdict = next(v for v in VERDICTS["ltv_cac"] if v.level == level)
        assert verdict.short(lang) in text or verdict(lang) in text, level


def test_chart_axes_write_numbers_as_the_language_does(sample_pdfs):
    """The charts' axis ticks in Russian: a decimal comma ("2,5") and a space between thousands
    ("1 000"), as every other number of the report; in English "2.5" and "1,000"."""
    _, paths = sample_pdfs
    axes = {}
    for lang in ("ru", "en"):
        lines = page_lines(paths[lang], 2)
        # the line of the two charts' tick labels: numbers only, the LTV:CAC axis from 0
        ticks = next(
            line.split("  ")
            for line in lines
            if re.fullmatch(r"[\d.,  ]+", line) and line.startswith(("0.0", "0,0"))
        )
        axes[lang] = [t.strip() for t in ticks if t.strip()]
    assert axes["ru"][:3] == ["0,0", "2,5", "5,0"] and "1 000" in axes["ru"]
    assert axes["en"][:3] == ["0.0", "2.5", "5.0"] and "1,000" in axes["en"]


def test_page_1_shows_the_summary_strips_figures(sample_pdfs):
    """The portfolio's LTV, CLV, CAC, LTV:CAC with its verdict, payback and CRR: the window's
    summary strip, with the program's numbers."""
    project, paths = sample_pdfs
    page = pages_of(paths["en"])[0]
    p = project.compute().portfolio
    assert f"{round(p.values['ltv']):,} ₽" in page  # 18,594 ₽: whole from 1 000 up
    assert f"{round(p.values['cac']):,} ₽" in page
    assert f"{p.values['ltv_cac']:.2f}" in page and "healthy" in page
    assert f"{p.values['crr'] * 100:.1f}%" in page and "below benchmark" in page


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_blank_on_page_1_has_its_footnote(sample_pdfs, lang):
    """Issue 14: a blank metric carries a reason. Every "—" on page 1 carries a footnote
    number, every number has its note, and there are as many marks as blank figures."""
    project, paths = sample_pdfs
    results = project.compute()
    lines = page_lines(paths[lang], 1)
    text = " ".join(lines).translate(_SUPERSCRIPT)
    marks = re.findall(r"—(\d+)", text)
    blanks = sum(
        results.value(i, key) is None and not (key == "payback_months" and results.never[i])
        for i in range(len(results))
        for key in TABLE_KEYS
    )
    blanks += sum(results.portfolio.values.get(key) is None for key in TABLE_KEYS)
    assert blanks and len(marks) == blanks
    notes_at = text.index("Примечания:" if lang == "ru" else "Notes:")
    notes = text[notes_at:]
    for number in set(marks):
        assert re.search(rf"(^|\s){number} \S", notes), number
    assert ("укажите маржинальность" if lang == "ru" else "needs gross margin") in notes


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_formula_block_spans_two_pages(sample_pdfs, lang):
    """Each segment's block (its name, then its 13 formulas down to ROI) is on one page."""
    project, paths = sample_pdfs
    pages = pages_of(paths[lang])
    names = project.segments.names
    last = schema.BY_KEY["roi"].label(lang)
    found = 0
    for number, page in enumerate(pages[2:], start=3):
        for i, name in enumerate(names):
            heading = f"{i + 1}. {name}"
            if heading not in page:
                continue
            found += 1
            block = page[page.index(heading) :]
            following = [f"{j + 1}. {names[j]}" for j in range(i + 1, len(names))]
            end = min([block.index(h) for h in following if h in block], default=len(block))
            assert f"{last} " in block[:end], f"{name}: block cut at the end of page {number}"
    assert found == len(names)


def _imported_workbook(tmp_path, n: int, long_names: bool) -> Project:
    """A Russian workbook as a person keeps one: a title above the table, long names, a typo."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Клиенты"
    ws.append(["Сводка по сегментам на 2026 год"])
    ws.append([])
    ws.append(
        [
            "Сегмент",
            "Клиентов",
            "Средний чек",
            "Покупок в год",
            "Маржа, %",
            "Расходы на привлечение",
            "Новых клиентов",
            "Срок удержания, лет",
        ]
    )
    rng = np.random.default_rng(7)
    for i in range(n):
        name = f"Сегмент {i + 1}"
        if long_names:
            name = f"Оптовые клиенты Северо-Западного федерального округа, канал {i + 1}"
            if i == 0:
                name = "ООО«РогаИКопытаИнтернационалЛимитедДистрибьюция»" * 2
        aov = "около 100" if i == 1 else round(float(rng.uniform(300, 90_000)), 2)
        ws.append(
            [
                name,
                int(rng.integers(5, 6000)),
                aov,
                round(float(rng.uniform(1, 40)), 1),
                f"{rng.uniform(10, 70):.0f}%",
                round(float(rng.uniform(1e4, 5e6))),
                int(rng.integers(1, 900)),
                round(float(rng.uniform(0.5, 6)), 1),
            ]
        )
    path = tmp_path / f"import-{n}.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("n, long_names", [(6, True), (30, False), (200, True)])
def test_nothing_clipped_at_any_width_and_problems_listed(qapp, poppler, tmp_path, n, long_names):
    """An imported table with long names, 30 and 200 segments: every word on its page; the
    unreadable cell listed with its place and its text (issue 14 item 1)."""
    opened = open_project(_imported_workbook(tmp_path, n, long_names), "ru")
    assert opened.problems  # "около 100" in a number column
    path = tmp_path / f"report-{n}.pdf"
    write_pdf(opened.project, path, lang="ru", problems=opened.problems)
    assert not words_outside_the_page(path)
    text = " ".join(pages_of(path))
    assert "Замечания к данным" in text and "около 100" in text
    assert "C5" in text  # the cell of the typo, as the reader found it
    if n == 200:
        assert "20 из 200 сегментов" in text  # the comparison says how many it shows
        assert "Результаты по сегментам (продолжение)" in text  # the table goes on, with header


def test_problems_of_a_project_are_listed_without_a_reader(qapp, poppler, tmp_path):
    """A project typed in the window keeps unread text; the report lists it by segment."""
    path = tmp_path / "cases.pdf"
    write_pdf(case_project("revenue", "en"), path)
    text = " ".join(pages_of(path))
    assert "Problems found in the data" in text
    assert "about 100" in text and "Unread text" in text
    assert "LTV = 1,000 ₽ × 6 × 5 = 30,000 ₽" in text  # worked example 1
    assert "LTV:CAC = 30,000 ₽ ÷ 40,000 ₽ = 0.75" in text and "loses money" in text
    assert "inconsistent counts" in text and "never" in text
    assert "Basis of LTV:CAC and payback: revenue" in text
    assert not words_outside_the_page(path)


def test_empty_project_and_many_segments(qapp, poppler, tmp_path):
    empty = Project(name="Пусто", settings=Settings(language="ru"))
    write_pdf(empty, tmp_path / "empty.pdf")
    assert "В проекте нет сегментов." in " ".join(pages_of(tmp_path / "empty.pdf"))
    n = 250
    cols = {k: np.full(n, 2.0) for k in schema.NUMERIC_INPUT_KEYS}
    cols["gross_margin"] = np.full(n, 0.5)
    cols["discount_rate"] = np.full(n, 0.1)
    big = Project(name="big", segments=SegmentTable([f"s{i}" for i in range(n)], cols))
    path = tmp_path / "big.pdf"
    write_pdf(big, path, lang="en")
    text = " ".join(pages_of(path))
    assert "The first 200 of 250 segments are explained here" in text
    assert "200. s199" in text and "201. s200" not in text
    assert "s249" in text  # the tables hold every segment


def test_missing_folder_and_old_file_kept(qapp, tmp_path, monkeypatch):
    project = case_project()
    with pytest.raises(SaveError):
        write_pdf(project, tmp_path / "no" / "out.pdf", lang="en")
    target = tmp_path / "old.pdf"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(SaveError, match="another program"):
        write_pdf(project, target, lang="en")
    assert target.read_bytes() == b"old"


def test_cancel_keeps_the_old_file(qapp, tmp_path):
    from core.export import Cancelled

    target = tmp_path / "old.pdf"
    target.write_bytes(b"old")
    seen = []
    with pytest.raises(Cancelled):
        write_pdf(
            load_project(SAMPLE),
            target,
            lang="en",
            progress=lambda d, t: seen.append((d, t)),
            cancelled=lambda: len(seen) > 3,
        )
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["old.pdf"]


def test_the_report_counts_its_explained_segments_in_russian_forms():
    """«первые 200 из 201 сегмента», «из 250 сегментов»: the genitive follows the count."""
    from ui.report.content import WORDS

    said = WORDS["explained_first"]
    assert said("ru", shown=200, n=201).startswith("Здесь разобраны первые 200 из 201 сегмента;")
    assert said("ru", shown=200, n=250).startswith("Здесь разобраны первые 200 из 250 сегментов;")
    assert said("en", shown=200, n=201).startswith("The first 200 of 201 segments are")
