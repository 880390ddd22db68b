"""The ``"model"`` object of ``orders --json`` and its readable lines (DESIGN.md §8.4): the exact
keys, the figures per segment, and words instead of numbers where a fit or a margin is missing."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from core.models import clv, report, simulate

PURCHASES = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
SPEND = {"p": 6.25, "q": 3.74, "gamma": 15.44}


@pytest.fixture(scope="module")
def fitted():
    c = simulate.customers(PURCHASES, SPEND, 6000, np.random.default_rng(4), whole_days=True)
    index = (c.x >= 2).astype(int)
    return c, clv.fit_customers(c, 12, 0.1), index


def test_json_has_exactly_the_keys_of_design(fitted):
    c, result, index = fitted
    doc = report.model_json(result, ["Web", "Shop"], index, [0.4, 0.25], "en")
    assert set(doc) == {"bgnbd", "gamma_gamma", "horizon_months", "segments"}
    assert set(doc["bgnbd"]) == {"r", "alpha", "a", "b", "log_likelihood", "converged", "message"}
    assert set(doc["gamma_gamma"]) == {"p", "q", "gamma", "log_likelihood", "converged", "message"}
    assert doc["horizon_months"] == 12 and doc["bgnbd"]["converged"] is True
    assert doc["bgnbd"]["r"] == result.bgnbd["r"]
    assert doc["bgnbd"]["message"].startswith("the fit converged")
    assert list(doc["segments"]) == ["Web", "Shop"]
    for k, (name, margin) in enumerate((("Web", 0.4), ("Shop", 0.25))):
        item = doc["segments"][name]
        assert set(item) == {"p_alive", "expected_purchases", "predicted_clv"}
        mine = index == k
        assert item["p_alive"] == pytest.approx(result.p_alive[mine].mean(), rel=1e-12)
        assert item["expected_purchases"] == pytest.approx(
            result.expected_purchases[mine].mean(), rel=1e-12
        )
        assert item["predicted_clv"] == pytest.approx(
            margin * result.predicted_value[mine].mean(), rel=1e-12
        )


def test_missing_margin_gives_null_with_a_note(fitted):
    _, result, index = fitted
    doc = report.model_json(result, ["Web", "Shop"], index, [None, float("nan")], "ru")
    for item in doc["segments"].values():
        assert item["predicted_clv"] is None and item["p_alive"] is not None
        assert item["notes"] == {"predicted_clv": "укажите маржинальность"}


def test_a_fit_without_numbers_says_so_and_gives_none():
    c = clv.Customers(np.zeros(4), np.zeros(4), np.arange(1.0, 5.0), np.full(4, np.nan))
    result = clv.fit_customers(c)
    doc = report.model_json(result, ["All customers"], np.zeros(4, int), [0.3], "en")
    assert doc["bgnbd"]["converged"] is False and doc["bgnbd"]["r"] is None
    assert doc["bgnbd"]["log_likelihood"] is None
    assert "did not converge" in doc["bgnbd"]["message"]
    item = doc["segments"]["All customers"]
    assert item["p_alive"] is None and item["expected_purchases"] is None
    assert item["predicted_clv"] is None
    assert item["notes"]["predicted_clv"] == "the purchase model gave no numbers"
    lines = report.format_lines(result, ["All customers"], np.zeros(4, int), [0.3], "en")
    assert any("Purchases (BG/NBD): the fit did not converge" in line for line in lines)
    assert lines[-1] == "— the purchase model gave no numbers"


def test_readable_lines(fitted):
    _, result, index = fitted
    lines = report.format_lines(result, ["Web", "Shop"], index, [0.4, None], "en")
    assert lines[0] == "Customer models · the next 12 months"
    assert lines[1].startswith(f"Purchases (BG/NBD): r {result.bgnbd['r']:.3f}, α ")
    assert "the fit converged" in lines[1] and lines[2].startswith("Spend (Gamma-Gamma): p ")
    assert lines[4].split() == [
        "Segment",
        "Customers",
        "Still",
        "active",
        "Purchases",
        "Predicted",
        "CLV,",
        "₽",
    ]
    web = lines[5].split()
    assert web[0] == "Web" and web[1] == f"{(index == 0).sum():,}"
    assert web[2] == f"{100 * result.p_alive[index == 0].mean():.1f}%"
    assert lines[6].split()[-1] == "—" and lines[-1] == "— needs gross margin"
    ru = report.format_lines(result, ["Web", "Shop"], index, [0.4, None], "ru")
    assert ru[0] == "Модели клиентов · следующие 12 мес." and "расчёт сошёлся" in ru[1]


def test_fit_summary_reads_the_per_customer_summary():
    """The §10 summary's columns, as ``core.orders`` holds them, give the same fit as x, t_x, T."""
    rng = np.random.default_rng(6)
    n = 3000
    end = np.datetime64("2025-09-30")
    first = end - rng.integers(0, 700, n).astype("timedelta64[D]")
    T_days = (end - first).astype(int)
    x, t_x = simulate.bgnbd_customers(PURCHASES, T_days / 7, rng)
    last = first + np.floor(t_x * 7).astype("timedelta64[D]")
    zbar, _ = simulate.mean_spend(SPEND, x, rng)
    first_revenue = rng.uniform(5, 50, n)
    summary = SimpleNamespace(
        first_purchase=first,
        last_purchase=last,
        purchases=(x + 1).astype(np.int64),
        revenue=first_revenue + np.where(x > 0, zbar * x, 0.0),
        first_revenue=first_revenue,
    )
    result = report.fit_summary(summary, end, 6, 0.0)
    direct = clv.fit_customers(
        clv.Customers(x, (last - first).astype(int) / 7, T_days / 7, zbar), 6, 0.0
    )
    assert result.bgnbd.converged and result.horizon_months == 6
    for name in ("r", "alpha", "a", "b"):
        assert result.bgnbd[name] == pytest.approx(direct.bgnbd[name], rel=1e-9)
    assert result.gamma_gamma["p"] == pytest.approx(direct.gamma_gamma["p"], rel=1e-6)


def test_fit_summary_means_count_last_years_buyers():
    """With ``purchases_y`` in the summary, a segment's means count its §8.2 customers; a
    segment nobody bought from in the last 365 days has null figures with the reason."""
    rng = np.random.default_rng(9)
    n = 2000
    end = np.datetime64("2025-09-30")
    first = end - rng.integers(0, 700, n).astype("timedelta64[D]")
    x, t_x = simulate.bgnbd_customers(PURCHASES, (end - first).astype(int) / 7, rng)
    last = first + np.floor(t_x * 7).astype("timedelta64[D]")
    zbar, _ = simulate.mean_spend(SPEND, x, rng)
    recent = (end - last).astype(int) < 365
    summary = SimpleNamespace(
        first_purchase=first,
        last_purchase=last,
        purchases=(x + 1).astype(np.int64),
        revenue=20.0 + np.where(x > 0, zbar * x, 0.0),
        first_revenue=np.full(n, 20.0),
        purchases_y=recent.astype(np.int64),
    )
    result = report.fit_summary(summary, end)
    index = np.where(recent, 0, 1)  # "Lapsed": nobody in it bought in the last year
    doc = report.model_json(result, ["Recent", "Lapsed"], index, [0.3, 0.3], "en")
    recent_doc = doc["segments"]["Recent"]
    assert recent_doc["p_alive"] == pytest.approx(result.p_alive[recent].mean(), rel=1e-12)
    lapsed = doc["segments"]["Lapsed"]
    assert lapsed["p_alive"] is None and lapsed["predicted_clv"] is None
    reason = "no customer of this segment bought in the last 365 days"
    assert lapsed["notes"] == {
        "p_alive": reason,
        "expected_purchases": reason,
        "predicted_clv": reason,
    }


def test_a_model_summary_goes_into_a_project_file_and_back(fitted):
    """What the window keeps of a fit goes into the project file (strict JSON: no NaN) and comes
    back the same: a saved project from an order log showed its predicted CLV only until it was
    closed."""
    import json

    c, result, index = fitted
    summary = report.summarize(result, ["Once", "Repeat"], index)
    text = json.dumps(summary.as_dict(), allow_nan=False)
    again = report.ModelSummary.from_dict(json.loads(text))
    assert again == summary
    assert again.bgnbd.message("ru") == summary.bgnbd.message("ru")
    failed = report.summarize(
        clv.fit_customers(
            clv.Customers(np.zeros(4), np.zeros(4), np.arange(1.0, 5.0), np.full(4, np.nan))
        ),
        ["All customers"],
        np.zeros(4, int),
    )
    back = report.ModelSummary.from_dict(json.loads(json.dumps(failed.as_dict(), allow_nan=False)))
    assert not back.bgnbd.converged and back.bgnbd.params is None
    assert back.bgnbd.message("en") == failed.bgnbd.message("en")
    seg, old = back.segments[0], failed.segments[0]
    assert seg.name == old.name and np.isnan(seg.p_alive) and np.isnan(old.p_alive)
    assert report.ModelSummary.from_dict({"bgnbd": "damaged"}) is None


def test_a_saved_projects_models_go_into_its_report(fitted, tmp_path):
    """`export project.ltv.json -o OUT.xlsx` of a project made from an order log: the window's
    export had its Models sheet, the command line's (the same project file) had none."""
    import openpyxl

    from core.export import write_workbook
    from core.project import Project, SegmentTable

    c, result, index = fitted
    summary = report.summarize(result, ["Once", "Repeat"], index)
    project = Project(
        segments=SegmentTable(["Once", "Repeat"], {"avg_order_value": np.array([10.0, 20.0])}),
        orders={"file": "log.csv", "end": "2025-06-30", report.MODEL_KEY: summary.as_dict()},
    )
    path = tmp_path / "p.xlsx"
    write_workbook(project, path, "en")
    assert "Models" in openpyxl.load_workbook(path).sheetnames
