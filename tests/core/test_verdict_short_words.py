"""A badge's short word is a faithful short form of its verdict's full words (DESIGN.md §2), in
English as in Russian: a new user read "room" on a blue badge (room for what?) beside "room to
spend more on growth", and "no payback" beside "does not pay back"."""

from __future__ import annotations

import pytest

from core.metrics.verdicts import VERDICTS

#: each English badge against its full words: the words themselves, their first words, a
#: contraction, or one word for the judgment against the rule ("low" below 3:1 or the benchmark)
EXPECTED_EN = {
    "loses_money": ("loses money", "loses money"),
    "below_target": ("below 3:1", "low"),
    "healthy": ("healthy", "healthy"),
    "room_to_grow": ("room to spend more on growth", "room to grow"),
    "fast": ("fast", "fast"),
    "slow": ("slow", "slow"),
    "no_payback": ("does not pay back", "doesn't pay back"),
    "above_benchmark": ("at or above benchmark", "good"),
    "below_benchmark": ("below benchmark", "low"),
}


def _all():
    return [v for verdicts in VERDICTS.values() for v in verdicts]


@pytest.mark.parametrize("verdict", _all(), ids=lambda v: v.key)
def test_an_english_badge_says_its_full_words_in_short(verdict):
    assert (verdict.words("en"), verdict.short("en")) == EXPECTED_EN[verdict.key]


@pytest.mark.parametrize("verdict", _all(), ids=lambda v: v.key)
def test_a_badge_of_several_words_is_the_full_words_begun_or_contracted(verdict):
    """A badge of more than one word never says something the full words do not: its words,
    with "n't" read as " not", come in the full words in the same order."""
    for lang in ("en", "ru"):
        short = verdict.short(lang).replace("n't", " not").split()
        if len(short) < 2:
            continue
        words = verdict.words(lang).replace(":", "").split()
        it = iter(words)
        assert all(w in it for w in short[:2]), (lang, verdict.short(lang), verdict.words(lang))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_one_metrics_badges_differ(lang):
    for verdicts in VERDICTS.values():
        shorts = [v.short(lang) for v in verdicts]
        assert len(set(shorts)) == len(shorts), shorts


def test_a_badge_says_all_when_it_is_the_words_or_their_contraction():
    by_key = {v.key: v for verdicts in VERDICTS.values() for v in verdicts}
    assert by_key["no_payback"].short_says_all("en")  # doesn't pay back
    assert by_key["no_payback"].short_says_all("ru")  # не окупается
    assert by_key["fast"].short_says_all("ru")
    assert not by_key["room_to_grow"].short_says_all("en")  # the words say more
    assert not by_key["below_target"].short_says_all("ru")  # низко / ниже 3:1
