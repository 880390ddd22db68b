"""The problems as a person reads them on the command line: many of a kind are summed up."""

from __future__ import annotations

from core.problems import Problem, lines
from core.text import Text

NO_CUSTOMER = Text("no customer in this order; the row is left out", "в заказе нет клиента; …")
NOT_A_DATE = Text("not a date", "не дата")


def _no_customer(n: int, start: int = 2) -> list[Problem]:
    return [Problem("log.csv", "", f"G{start + i}", "", NO_CUSTOMER) for i in range(n)]


def test_ten_of_a_kind_are_all_listed():
    assert len(lines(_no_customer(10))) == 10


def test_more_of_a_kind_give_the_first_five_and_how_many_more():
    bad_date = Problem("log.csv", "", "E7", "вчера", NOT_A_DATE)
    out = lines(_no_customer(3) + [bad_date] + _no_customer(125_606, start=5), "en")
    assert out[:3] == [f"log.csv, G{r}: — {NO_CUSTOMER.en}" for r in (2, 3, 4)]
    assert out[3] == 'log.csv, E7: "вчера" — not a date'
    assert out[4:6] == [f"log.csv, G{r}: — {NO_CUSTOMER.en}" for r in (5, 6)]
    assert out[6] == f"… and 125,604 more rows in column G: {NO_CUSTOMER.en}"
    assert len(out) == 7
    ru = lines(_no_customer(6), "ru", shown=5, most=5)
    assert ru[-1] == "… и ещё 1 строка в столбце G: в заказе нет клиента; …"
    assert lines(_no_customer(16), "ru")[-1].startswith("… и ещё 11 строк в столбце G")
