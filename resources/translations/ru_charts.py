"""Russian texts of the chart panel (ui/chart_panel.py); merged by update.py."""

RU = {
    "LTV:CAC": "LTV:CAC",
    "Segments by LTV:CAC, with the lines of 1:1 and 3:1": (
        "Сегменты по LTV:CAC, с линиями 1:1 и 3:1"
    ),
    "{value} and CAC": "{value} и CAC",
    "The two sides of the ratio per segment: CLV (LTV on the revenue basis) and CAC": (
        "Обе стороны отношения по сегментам: CLV (LTV при расчёте по выручке) и CAC"
    ),
}
