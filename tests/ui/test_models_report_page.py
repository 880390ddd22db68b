"""The PDF's customer-models page (issue 11): present only with fitted models; each model's
parameters and convergence in words; every segment's model figures beside the formula's CLV
with the sentence; in both languages; nothing outside the page."""

from __future__ import annotations

from core.models.clv import SegmentFigures
from core.models.fitting import failed
from core.models.gamma_gamma import NO_SPENDERS
from core.models.report import ModelSummary
from tests.core.test_models_sheet import BGNBD, SPEND, project
from tests.ui.test_report_pdf import pages_of, poppler, words_outside_the_page  # noqa: F401
from ui.report import write_pdf


def summary(spend=SPEND) -> ModelSummary:
    months = tuple([180.0] * 12)
    return ModelSummary(
        BGNBD,
        spend,
        12,
        0.0,
        (
            SegmentFigures("Online", 2212, 0.737, 1.65, 2160.0, months),
            SegmentFigures("Shop", 1382, 0.672, 2.28, 3102.84),
        ),
    )


def test_no_models_no_page(app, poppler, tmp_path):  # noqa: F811
    path = tmp_path / "plain.pdf"
    write_pdf(project(), path, lang="en")
    assert not any("Customer models" in page for page in pages_of(path))


def test_the_models_page(app, poppler, tmp_path):  # noqa: F811
    path = tmp_path / "models.pdf"
    write_pdf(project(), path, lang="en", extras={"models": summary()})
    pages = pages_of(path)
    page = next(p for p in pages if p.startswith("Customer models") or " Customer models " in p)
    assert "Purchases (BG/NBD) r 0.5000, α 7.0000, a 0.9000, b 3.4000" in page
    assert "Spend (Gamma-Gamma) p 5.0000, q 4.0000, γ 850.0000" in page
    assert "the fit converged (17 iterations)" in page and "−57,052.1" in page
    # Online: 2 212 customers, 73.7 %, 1.65; 12 × 180 = 2 160 ₽ revenue × 35 % = 756 ₽
    assert "Online 2,212 73.7% 1.65 2,160 ₽ 35% 756 ₽" in page
    assert "the model expects" in page and "of these customers have probably left" in page
    assert "Typed later" in page and "not in the order log" in page
    assert words_outside_the_page(path) == []


def test_the_models_page_in_russian_with_a_fit_without_numbers(app, poppler, tmp_path):  # noqa: F811
    path = tmp_path / "models_ru.pdf"
    write_pdf(project(), path, lang="ru", extras={"models": summary(failed(NO_SPENDERS))})
    page = next(p for p in pages_of(path) if "Модели клиентов" in p)
    assert "Траты (Gamma-Gamma) — — расчёт не сошёлся" in page
    assert "модель трат не дала чисел" in page
    assert words_outside_the_page(path) == []
