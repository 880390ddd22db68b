"""Write ``shop_orders.csv``: the example order log of an online shop that File ▸ Examples opens.

A made-up Russian shop over two and a half years (1 March 2023 to 31 August 2025), exported as
people export from a shop or 1C: semicolons, dates as ``dd.mm.yyyy``, amounts as ``1 234,50``,
a «Канал» column to split the segments by, a cost column, and a few returns (negative amounts)
and free orders. Customers buy and leave as the BG/NBD model assumes (a purchase rate from a
gamma distribution, a chance to leave after each purchase from a beta one) and spend as the
Gamma-Gamma model does, so the customer models of File ▸ Open fit it.

Run ``python resources/examples/make_shop_orders.py`` to write it again: the same seed gives
the same file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "shop_orders.csv"
START, END = dt.date(2023, 3, 1), dt.date(2025, 8, 31)
CUSTOMERS = 1500
SEED = 2025

#: channel: (share of customers, purchases a year on average, average order, cost share)
CHANNELS = {
    "Сайт": (0.45, 3.5, 2400.0, 0.55),
    "Маркетплейс": (0.35, 2.0, 1900.0, 0.68),
    "Магазин": (0.20, 5.0, 1300.0, 0.50),
}


def _amount(cents: int) -> str:
    """1234.5 as "1 234,50" (a narrow no-break space would be what Excel writes; a space is
    what a person types)."""
    whole, frac = divmod(abs(cents), 100)
    text = f"{whole:,}".replace(",", " ") + f",{frac:02d}"
    return ("-" if cents < 0 else "") + text


def rows(seed: int = SEED) -> list[tuple[str, dt.date, int, str, int | None]]:
    """(customer, date, amount in kopecks, channel, cost in kopecks or None) per order."""
    rng = np.random.default_rng(seed)
    names = list(CHANNELS)
    shares = np.array([CHANNELS[n][0] for n in names])
    days = (END - START).days
    out = []
    for c in range(CUSTOMERS):
        channel = names[int(rng.choice(len(names), p=shares))]
        _share, per_year, order, cost_share = CHANNELS[channel]
        rate = rng.gamma(0.8, per_year / 0.8) / 365.0  # purchases a day while active
        leave = rng.beta(0.9, 4.0)  # the chance to leave after each purchase
        spend = order * rng.gamma(6.0, 1.0 / 6.0)  # this customer's average order
        day = int(rng.integers(0, int(days * 0.85)))
        customer = f"К-{10001 + c}"
        while day <= days:
            when = START + dt.timedelta(days=day)
            cents = int(round(rng.gamma(8.0, spend / 8.0) * 100))
            cost = int(round(cents * cost_share * rng.uniform(0.9, 1.1)))
            if rng.random() < 0.02:
                cents, cost = 0, 0  # a free order: a gift, a replacement
            out.append((customer, when, cents, channel, cost))
            if cents and rng.random() < 0.04:  # a return of part of it, a few days later
                back = min(days, day + int(rng.integers(1, 15)))
                out.append((customer, START + dt.timedelta(days=back), -cents // 2, channel, None))
            if rng.random() < leave:
                break
            day += max(1, int(rng.exponential(1.0 / max(rate, 1e-4))))
    out.sort(key=lambda r: (r[1], r[0]))
    return out


def write(path: Path = OUT) -> Path:
    lines = ["Клиент;Дата заказа;Сумма;Канал;Себестоимость"]
    for customer, when, cents, channel, cost in rows():
        cost_text = "" if cost is None else _amount(cost)
        lines.append(f"{customer};{when:%d.%m.%Y};{_amount(cents)};{channel};{cost_text}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write())
