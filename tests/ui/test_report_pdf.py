"""The PDF report (DESIGN.md §5): text in both languages, Cyrillic fonts embedded, atomic."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from core.errors import SaveError
from core.project import load_project
from tests.conftest import ROOT
from tests.core.export_cases import case_project
from ui.report_pdf import write_pdf

pdftotext = shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(pdftotext is None, reason="pdftotext (poppler) not installed")


def text_of(path) -> str:
    done = subprocess.run(
        [pdftotext, "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return " ".join(done.stdout.replace("\u00a0", " ").split())


@needs_poppler
def test_russian_report_of_the_sample(qapp, tmp_path):
    project = load_project(ROOT / "resources" / "sample.ltv.json")
    path = tmp_path / "sample.pdf"
    assert write_pdf(project, path, lang="ru") == []
    text = text_of(path)
    assert "Кофейня «Зерно»" in text and "Итоги по портфелю" in text
    assert "Сегменты: показатели" in text and "Клуб лояльности" in text
    assert "Формулы с числами каждого сегмента" in text
    assert "здоровое" in text and "убыточно" in text  # verdicts in words
    assert "LTV = 420 ₽ × 48 × 2,8 = 56 448 ₽" in text  # the Explain panel's formula
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts and " yes " in fonts  # embedded


@needs_poppler
def test_english_report_with_worked_examples_and_many_pages(qapp, tmp_path):
    path = tmp_path / "cases.pdf"
    write_pdf(case_project("revenue", "en"), path)
    text = text_of(path)
    assert "Portfolio summary" in text and "LTV and CLV against CAC" not in text
    assert "LTV = 1,000 ₽ × 6 × 5 = 30,000 ₽" in text  # worked example 1
    assert "LTV:CAC = 30,000 ₽ ÷ 40,000 ₽ = 0.75" in text and "loses money" in text
    assert "inconsistent counts" in text and "never" in text
    assert "Basis of LTV:CAC and payback: revenue" in text
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert int(pages.split("Pages:")[1].split()[0]) > 5


def test_missing_folder_and_old_file_kept(qapp, tmp_path, monkeypatch):
    project = case_project()
    with pytest.raises(SaveError):
        write_pdf(project, tmp_path / "no" / "out.pdf", lang="en")
    target = tmp_path / "old.pdf"
    target.write_bytes(b"old")
    import os

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(SaveError, match="another program"):
        write_pdf(project, target, lang="en")
    assert target.read_bytes() == b"old"
