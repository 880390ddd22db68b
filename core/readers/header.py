"""The one header matcher: which column key a header names, how sure, and which words said so.

DESIGN.md §4 and §8.1: headers as people write them, in Russian and English. A header is
folded (case, ё, Latin look-alikes inside Cyrillic words, punctuation), split into words
(``customer_id``, ``OrderDate`` and «Кол-во» too), and each word is stemmed with the Snowball
stemmer of its script (PyStemmer, imported on first use so the window starts without it).

1. **Exact**: the folded header, with or without a unit after it ("Средний чек, ₽"), equals a
   key, a label or a synonym of ``core.schema`` → score ``EXACT``.
2. **Words**: each key has concepts with weights and signatures (``core.readers.vocabulary``).
   A key is a candidate when one of its signatures is present; its score is the sum of the
   weights of its concepts present, less ``UNEXPLAINED`` for every word none of them explains
   (units, numbers and little words such as "per", «в», «на» are neutral), less the penalty of
   any negative concept present (a discount, a ship date), less ``WRONG_UNIT`` when the
   header's unit does not fit the key (a margin "in ₽"), less ``CONVERTED`` when the key is
   read from it by converting its values (a lifetime "in months": ``core.readers.periods``).
3. The best candidate wins when its score is at least ``THRESHOLD`` and ahead of the next by
   at least ``MARGIN``; otherwise the header is left unmapped as *ambiguous* (two keys close) or
   *weak*, and reported by cell. Across a row, a key goes to the column that names it best
   ("more specific wins": «Дата заказа» over «Дата отгрузки», «ID клиента» over «Клиент»); the
   other columns are reported with the column that won.

``Match.words`` are the header's own words that matched, for the preview's "why".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core import schema
from core.readers import vocabulary
from core.text import Text

EXACT = 10.0
THRESHOLD = 0.5
MARGIN = 0.25
UNEXPLAINED = 0.5
WRONG_UNIT = 3.0
#: a header in a unit its key is read from by conversion (a lifetime in months): below a column
#: in the key's own unit, which wins the key in a row that has both
CONVERTED = 0.25

EXACT_HOW, WORDS_HOW, AMBIGUOUS_HOW, WEAK_HOW, TAKEN_HOW, CHOSEN_HOW, NOT_INPUT_HOW = (
    "exact",
    "words",
    "ambiguous",
    "weak",
    "taken",
    "chosen",
    "not_input",
)


@dataclass(frozen=True)
class Match:
    """Why a header column got its key (or none).

    ``how``: "exact" (a label or synonym), "words" (concept words, listed in ``words``),
    "chosen" (a person chose it in the preview), or, for an unmapped column, "ambiguous"
    (``rivals`` are the keys too close to tell apart), "weak" (``rivals`` holds the key it
    looked a little like), "taken" (the key went to the column ``rivals[1]`` that names it
    better), "not_input" (it names ``rivals[0]``, a figure of the spec's ``not_inputs``: a price
    per lead), or "" (nothing known).
    """

    key: str | None
    score: float = 0.0
    how: str = ""
    words: tuple[str, ...] = ()
    rivals: tuple[str, ...] = ()

    def why(self, lang: str) -> str:
        """The reason in words, for the preview and the notices."""
        if self.how == EXACT_HOW:
            return _WHY_EXACT(lang)
        if self.how == WORDS_HOW:
            return _WHY_WORDS(lang, words=", ".join(self.words))
        if self.how == CHOSEN_HOW:
            return _WHY_CHOSEN(lang)
        if self.how == AMBIGUOUS_HOW:
            labels = _or(lang).join(_label(k, lang) for k in self.rivals)
            return _WHY_AMBIGUOUS(lang, keys=labels)
        if self.how == WEAK_HOW and self.rivals:
            return _WHY_WEAK(lang, key=_label(self.rivals[0], lang), words=", ".join(self.words))
        if self.how == TAKEN_HOW and len(self.rivals) == 2:
            return _WHY_TAKEN(lang, key=_label(self.rivals[0], lang), cell=self.rivals[1])
        if self.how == NOT_INPUT_HOW and self.rivals and self.rivals[0] in _WHY_NOT_INPUT:
            return _WHY_NOT_INPUT[self.rivals[0]](lang)
        return _WHY_UNKNOWN(lang)


_WHY_EXACT = Text("its name is known", "известное название")
_WHY_WORDS = Text("matched words: {words}", "совпали слова: {words}")
_WHY_CHOSEN = Text("chosen by you", "выбрано вами")
_WHY_AMBIGUOUS = Text(
    "not used: could be {keys} — choose which", "не использован: это {keys} — выберите"
)
_WHY_WEAK = Text(
    "not used: looks a little like {key} (matched: {words}) — choose it if it is",
    "не использован: немного похож на «{key}» (совпало: {words}) — выберите, если это он",
)
_WHY_TAKEN = Text(
    "not used: {key} is read from {cell}, which names it more exactly",
    "не использован: «{key}» берётся из {cell}, где он назван точнее",
)
#: why a figure recognised is no input of the table (``Spec.not_inputs``)
_WHY_NOT_INPUT = {
    "price_per_lead": Text(
        "not used: a price per lead or click is neither the acquisition spend (the total) nor "
        "CAC (the spend per new customer)",
        "не использован: цена лида или клика — это не расходы на привлечение (их сумма) и не "
        "CAC (расходы на одного нового клиента)",
    ),
}
_WHY_UNKNOWN = Text("not used: no known column", "не использован: столбец не распознан")


def _or(lang: str) -> str:
    return " или " if lang == "ru" else " or "


def _label(key: str, lang: str) -> str:
    col = schema.BY_KEY.get(key)
    return col.label(lang) if col else key


# Folding and words -----------------------------------------------------------------------------
_LATIN_TO_CYRILLIC = str.maketrans("aceopxykmhtbABCEHKMOPTXY", "асеорхукмнтвАВСЕНКМОРТХУ")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_CAMEL = re.compile(r"(?<=[a-zа-яё])(?=[A-ZА-ЯЁ])|(?<=[A-ZА-ЯЁ])(?=[A-ZА-ЯЁ][a-zа-яё])")
_WORD = re.compile(r"[^\W_]+|%|₽|\$|€|№", re.UNICODE)
_ABBREVIATIONS = (
    (re.compile(r"\bкол[-.\s]*во\b"), " количество "),
    # Words whose stems lead astray, made words of their own: a "Reference" is a code of
    # its order (PrestaShop, Xero), not the "referrer" it shares a stem with; a marketplace is
    # where an order was placed (Amazon, Ozon), not marketing; an "account code" is a ledger's
    # (Xero, QuickBooks, 1C's «Счёт учёта»), not a customer's account
    (re.compile(r"\b(?:reference|ref)(?:\s*(?:no|nr|number|#|№))?\.?(?!\w)"), " refno "),
    (re.compile(r"\b(?:marketplaces?|маркетплейс\w*)"), " mplace "),
    # «Компания» (a company: amoCRM's and Bitrix24's deals) is one letter from «кампания» (a
    # campaign, a channel), which a slip of the keyboard would otherwise make it
    (re.compile(r"\bкомпани(?:я|и|ю|ей|й|ям|ями|ях)?\b"), " company "),
    (
        re.compile(
            r"\b(?:account\s*code|gl\s*account|general\s+ledger|ledger\s*account|nominal\s*code"
            r"|сч[её]т\s+уч[её]та|субсч[её]т)\b"
        ),
        " ledger ",
    ),
    # a price per lead, per click (per install, per thousand impressions) is one word: no total
    # spend and no CAC (vocabulary "per_lead"); a lead alone («Лиды») is a count
    (
        re.compile(
            r"\b(?:cpl|cpc|cpm|cpi)\b"
            r"|\b(?:cost|price)\s+(?:per|for\s+(?:a|one|each)|of\s+(?:a|one))\s+"
            r"(?:lead|click|install|impression|mille)\b"
            r"|\b(?:lead|click)\s+(?:cost|price)\b"
            r"|\b(?:стоимость|цена|затраты|расходы)\s+(?:за\s+|на\s+|одного\s+|1\s+)?"
            r"(?:лида|лид|клика|клик|заявки|заявку)\b"
        ),
        " perlead ",
    ),
    # a cost per unit is one word: no line's cost, and no quantity ("Unit cost", "Cost per
    # item", «Себестоимость за шт.», «Закупочная цена»: a price is per unit); vocabulary
    # "cost_each"
    (
        re.compile(
            r"\b(?:unit|item|per[-\s]unit|per[-\s]item)\s+(?:cost|costs|cogs)\b"
            r"|\b(?:cost|cogs)\s+(?:per|of\s+(?:a|an|one|each))\s+(?:unit|item|piece|pc|pcs)\b"
            r"|\bcost\s+price\b"
            r"|\bсебестоимость\s+(?:за\s+|1\s+|одной\s+)?(?:шт|штуки|штуку|ед|единицы|единицу)"
            r"(?!\w)"
            r"|\b(?:закупочная|закупки|закупа)\s+цена\b|\bцена\s+(?:закупки|закупа)\b"
        ),
        " ucost ",
    ),
    # an acquisition cost averaged is over the customers won: for one, CAC ("Avg. customer
    # acquisition cost", «Средняя стоимость привлечения»); an average spend is not said so
    (
        re.compile(
            r"\b(?:average|avg|mean)\.?\s+(?:customer\s+|client\s+)?(?:acquisition|acquiring)"
            r"\s+costs?\b|\bсредн(?:яя|ей|юю)\s+(?:стоимость|цена)\s+привлечения\b"
        ),
        r" \g<0> per ",
    ),
    # the cost to acquire *a* customer is for one (vocabulary "per_one"): CAC, not the spend
    (
        re.compile(r"\b(?:a|an|one)\s+((?:new\s+)?(?:customer|client|buyer|user|subscriber))\b"),
        r" per \1 ",
    ),
    # "per year", "per month": a period, not "for one" (vocabulary "per_one")
    (re.compile(r"\b(?:per|each)\s+(year|annum|yr|month|mo|quarter|week|wk|day)\b"), r" \1 "),
    # "Number of orders", "No. of orders", "# of orders" are a count, not an order's number;
    # "Order #" is its number, as "Order №" is (NFKC has made that "No")
    (re.compile(r"(?:\b(?:number|num|no|nr)\.?|#)\s*of\b"), " how many "),
    (re.compile(r"#"), " no "),
    (re.compile(r"\bср\.\s*"), " средний "),
    (re.compile(r"\be-mail\b"), " email "),
    (re.compile(r"\bт\.\s*е\.?"), " "),
    # An amount with or without VAT, before or after a discount, is an amount, not the VAT or
    # the discount itself («Сумма НДС», "Discount"): the phrase becomes one word of its own
    # (core.readers.vocabulary: "vatincl", "vatexcl", "discafter", "discbefore").
    (
        re.compile(
            r"\b(?:с|со|включая|вкл\.?|в\s*т\.\s*ч\.?|с\s+учетом)\s*(?:ндс|налог\w*)"
            r"|\b(?:incl\.?|including|inc\.?|with)\s*(?:vat|tax(?:es)?|gst)\b"
        ),
        " vatincl ",
    ),
    (
        re.compile(
            r"\b(?:без|исключая|не\s+включая)\s*(?:ндс|налог\w*)"
            r"|\b(?:excl\.?|excluding|ex\.?|without|net\s+of|before)\s*(?:vat|tax(?:es)?|gst)\b"
        ),
        " vatexcl ",
    ),
    (
        re.compile(
            r"\b(?:со|с|после)\s+(?:учетом\s+)?скид\w*"
            r"|\b(?:after|with|less|net\s+of)\s+discounts?\b|\bdiscounted\b"
        ),
        " discafter ",
    ),
    # "Net sales" and "Gross sales" (Square) are the accounting terms: after discounts and
    # returns, and before them ("Net" alone is after fees: PayPal's, Etsy's "Order Net")
    (re.compile(r"\bnet\s+(sales|revenue)\b"), r" net discafter \1 "),
    (re.compile(r"\bgross\s+(sales|revenue)\b"), r" gross discbefore \1 "),
    (
        re.compile(
            r"\b(?:без|до)\s+(?:учета\s+)?скид\w*"
            r"|\b(?:before|without|excl\.?|excluding)\s+discounts?\b"
        ),
        " discbefore ",
    ),
)
#: Words that never count against a key: little words, and units (they give unit hints).
_NEUTRAL = frozenset(
    "a an the of per in on at for by to from and or with as is в во на за по для с со из от до "
    "и или к у при об о это шт pcs чел человек".split()
)
_UNITS = {
    "money": "₽ $ € руб рублей рубли рубль р rub rur usd eur долл доллар евро тыс тысяч млн "
    "thousand thousands k mln",
    "percent": "% pct percent percents процент процентов проц",
    "years": "лет years yrs",
    # a month is a unit of its own: a lifetime "in months" or purchases "a month" read as the
    # year's would be 12 times off (``core.readers.periods`` converts them; ``vocabulary``: a
    # wrong unit for the customers and the AOV, and weeks and days for every input)
    "months": "мес месяц месяца месяцев месяцы month months mo mos monthly ежемесячно "
    "ежемесячный ежемесячная ежемесячные ежемесячных помесячно",
    # … and so are a quarter, a week and a day (``core.readers.periods``)
    "quarters": "квартал квартала кварталов кварталы quarter quarters quarterly qtr "
    "ежеквартально ежеквартальный ежеквартальные",
    "weeks": "неделя недели недель неделю week weeks weekly wk wks еженедельно еженедельный "
    "еженедельные",
    "days": "день дня дней дни days day daily ежедневно ежедневный ежедневные суток",
    "count": "шт pcs чел человек",
}
_UNIT_OF = {word: unit for unit, words in _UNITS.items() for word in words.split()}


@functools.lru_cache(maxsize=4096)
def unit_hints(text: str) -> frozenset[str]:
    """The units a header's words name ("money", "percent", "years", "months", "count"): "Lifetime
    (months)" and «Покупок в месяц» say "months" (``core.readers.periods`` converts them)."""
    return frozenset(_UNIT_OF[w] for w in words(text) if w in _UNIT_OF)


def words(text: str) -> list[str]:
    """The header's words, folded: case, ё, Latin look-alikes in Cyrillic words, camelCase."""
    text = unicodedata.normalize("NFKC", str(text))
    text = _CAMEL.sub(" ", text).casefold().replace("ё", "е")
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    out = []
    for word in _WORD.findall(text):
        if _CYRILLIC.search(word):
            word = word.translate(_LATIN_TO_CYRILLIC)
        out.append(word)
    return out


@functools.cache
def _stemmers():
    import Stemmer  # PyStemmer: Snowball in C; imported when a header is first matched

    return Stemmer.Stemmer("russian"), Stemmer.Stemmer("english")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of one folded word, by its script (Russian or English)."""
    if not word.isalpha():
        return word
    ru, en = _stemmers()
    return (ru if _CYRILLIC.search(word) else en).stemWord(word)


def _related(a: str, b: str) -> bool:
    """Two stems of one word: equal, one a prefix (4+ letters) of the other, or sharing all
    but the last letter of the shorter (Snowball leaves «покупок» and «покупк»), or, 6+
    letters long, one slip of the keyboard apart («Сегмнет», "Segmnet")."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 4:
        return False
    if long_.startswith(short):
        return True
    if len(short) >= 5 and len(long_) - len(short) <= 2 and long_.startswith(short[:-1]):
        return True
    return len(short) >= 6 and _one_typo(a, b)


def _one_typo(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one slip of the keyboard: two neighbouring letters swapped
    («Сегмнет»), one letter wrong, missing or extra (the first four letters agree, as the
    concept index has it, so a slip is looked for in long words only)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:  # one letter wrong
            return True
        return a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]  # swapped
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short[i:] == long_[i + 1 :]  # one letter missing


@functools.lru_cache(maxsize=65536)
def _spelled(word: str) -> str:
    """``word``, or the one vocabulary word it is a slip of the keyboard from («Кленты»,
    "Custmers", "Avrage"), when it is 6+ letters long and no concept's stem knows it.

    The stems are compared by their first four letters (``_concept_index``), so a slip among
    those letters went unseen; here the word as typed is compared with the vocabulary's own
    words of about its length. Two or more such words: the word as typed (never a guess).
    """
    if len(word) < 6 or not word.isalpha():
        return word
    s = stem(word)
    if any(_related(s, known) for _name, known in _concept_index().get(s[:4], ())):
        return word
    by_length = _vocabulary_words()
    near = {
        known
        for n in (len(word) - 1, len(word), len(word) + 1)
        for known in by_length.get(n, ())
        if _one_typo(word, known)
    }
    return near.pop() if len(near) == 1 else word


@functools.cache
def _vocabulary_words() -> dict[int, tuple[str, ...]]:
    """The vocabulary's single words of 5+ letters, folded as headers are, by length."""
    found: dict[int, set[str]] = {}
    for phrases in vocabulary.CONCEPTS.values():
        for phrase in phrases:
            folded = words(phrase)
            if len(folded) == 1 and len(folded[0]) >= 5 and folded[0].isalpha():
                found.setdefault(len(folded[0]), set()).add(folded[0])
    return {n: tuple(sorted(ws)) for n, ws in found.items()}


@functools.cache
def _concept_index() -> dict[str, list[tuple[str, str]]]:
    """Single-word concept stems by their first four letters (the whole stem when shorter):
    ``_related`` stems always share those, so a header word is compared with a few only."""
    index: dict[str, list[tuple[str, str]]] = {}
    for name, phrases in _concept_stems().items():
        for phrase in phrases:
            if len(phrase) == 1:
                index.setdefault(phrase[0][:4], []).append((name, phrase[0]))
    return index


@functools.cache
def _concept_stems() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each concept's words as stem sequences (a phrase such as "cost of goods" is several)."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for name, phrases in vocabulary.CONCEPTS.items():
        out[name] = tuple(
            tuple(stem(w) for w in words(p) if w not in _NEUTRAL) or (p.casefold(),)
            for p in phrases
        )
    return out


@functools.lru_cache(maxsize=65536)
def _concepts_of(stems: tuple[str, ...]) -> tuple[tuple[str, frozenset[int]], ...]:
    """The concepts present in a header's stems, each with the positions it explains
    (a phrase such as "cost of goods" matches its words in a row, little words skipped)."""
    hits: dict[str, set[int]] = {}
    index = _concept_index()
    for i, s in enumerate(stems):
        for name, word in index.get(s[:4], ()):
            if _related(s, word):
                hits.setdefault(name, set()).add(i)
    content = [i for i, s in enumerate(stems) if s not in _NEUTRAL]
    found = []
    for name, phrases in _concept_stems().items():
        hit: set[int] = hits.get(name, set())
        for phrase in phrases:
            if len(phrase) == 1 or len(phrase) > len(content):
                continue
            for k0 in range(len(content) - len(phrase) + 1):
                at = content[k0 : k0 + len(phrase)]
                if all(_related(stems[i], w) for i, w in zip(at, phrase)):
                    hit.update(at)
        if hit:
            found.append((name, frozenset(hit)))
    return tuple(found)


# Exact names ------------------------------------------------------------------------------------
def fold(text: str) -> str:
    """A header folded to compare with labels and synonyms: letters and digits only."""
    return "".join(w for w in words(text) if w not in ("%", "₽", "$", "€"))


@functools.cache
def _exact_names(keys: tuple[str, ...]) -> dict[str, str]:
    """Each key's exact names: the key, its labels and synonyms, and then — where no label or
    synonym of another key says the same — the grid's short headers («Привлечение», "At
    start"), so that a table headed as the program heads its columns reads back."""
    names: dict[str, str] = {}
    for key in keys:
        col = schema.BY_KEY.get(key)
        phrases = [key] + ([col.label_en, col.label_ru, *col.synonyms] if col else [])
        for phrase in phrases:
            names.setdefault(fold(phrase), key)
    for key in keys:
        col = schema.BY_KEY.get(key)
        for phrase in (col.short("en"), col.short("ru")) if col else ():
            names.setdefault(fold(phrase), key)
    names.pop("", None)
    return names


def _exact(text: str, keys: tuple[str, ...]) -> str | None:
    names = _exact_names(keys)
    ws = words(text)
    tried = ["".join(w for w in ws if w not in ("%", "₽", "$", "€"))]
    while ws and ws[-1] in _UNIT_OF:  # "Средний чек, руб." and "Retention (years)"
        ws = ws[:-1]
        tried.append("".join(ws))
    for folded in tried:
        if folded in names:
            return names[folded]
    return None


# Scoring ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Spec:
    """What a kind of table calls its columns: its keys and their words."""

    keys: tuple[str, ...]
    words: dict[str, vocabulary.Words] = field(compare=False, hash=False)
    #: (key, instead): a header naming ``key`` reads as ``instead`` when no other column does
    #: (a segment table's "Lifetime, years" is its retention in years, DESIGN.md §2).
    aliases: tuple[tuple[str, str], ...] = ()
    #: (key, (a, b)): without a column naming ``key``, columns naming ``a`` and ``b`` give it as
    #: their product (an order line's amount: quantity × unit price); ``b`` alone reads as
    #: ``key`` (a price column is the order's amount); otherwise ``a`` and ``b`` are not read.
    products: tuple[tuple[str, tuple[str, str]], ...] = ()
    #: keys that name a figure which is no input of the table, said so when a header names one
    #: (a price per lead: ``Match.why``); such a header is left unused, never read
    not_inputs: tuple[str, ...] = ()
    #: concepts that make a header matched by words outrank the exact names of its key: an
    #: order line's amount ("LineAmount", "Line Total") over the order's "Total", which a log of
    #: order lines repeats on each line of an order (Xero's invoices)
    outrank: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash(self.keys)


@functools.lru_cache(maxsize=65536)
def match(text: str, spec: Spec) -> Match:
    """The key that header ``text`` names best under ``spec``, with why; never a guess."""
    if not isinstance(text, str) or not text.strip():
        return Match(None)
    raw = words(text)
    units = {_UNIT_OF[w] for w in raw if w in _UNIT_OF}
    key = _exact(text, spec.keys)
    vocab = spec.words.get(key) if key is not None else None
    if key is not None and not (vocab is not None and _wrong_unit(units, vocab)):
        off = CONVERTED if vocab is not None and units & set(vocab.converted) else 0.0
        return Match(key, EXACT - off, EXACT_HOW, (text.strip(),))  # not "Margin, ₽"
    content = [w for w in raw if not any(ch.isdigit() for ch in w)]  # years, codes, ids
    if not any(len(w) > 1 or w in ("№",) for w in content):
        return Match(None)
    stems = tuple(stem(_spelled(w)) for w in content)
    present = dict(_concepts_of(stems))
    neutral = {i for i, w in enumerate(content) if w in _NEUTRAL or w in _UNIT_OF}
    scored: list[tuple[float, str, tuple[str, ...]]] = []
    for key in spec.keys:
        vocab = spec.words.get(key)
        if vocab is None:
            continue
        if not any(all(c in present for c in sig) for sig in vocab.signatures):
            continue
        score = 0.0
        explained: set[int] = set()
        for concept, weight in vocab.weights.items():
            if concept in present:
                score += weight
                explained |= present[concept]
        for concept, penalty in vocabulary.NEGATIVE.items():
            if concept in present and concept not in vocab.weights:
                if not present[concept] <= explained:  # its words are not the key's own
                    score -= penalty
                explained |= present[concept]
        score -= UNEXPLAINED * len(set(range(len(stems))) - explained - neutral)
        if _wrong_unit(units, vocab):
            score -= WRONG_UNIT
        elif units & set(vocab.converted):
            score -= CONVERTED
        if any(c in present and c in vocab.weights for c in spec.outrank):
            score += EXACT
        matched = tuple(content[i] for i in sorted(explained) if i not in neutral)
        scored.append((score, key, matched))
    if not scored:
        return Match(None)
    scored.sort(key=lambda s: -s[0])
    best, key, matched = scored[0]
    second = scored[1][0] if len(scored) > 1 else float("-inf")
    if best < THRESHOLD:
        return Match(None, best, WEAK_HOW if best > 0 else "", matched, (key,))
    if best - second < MARGIN:
        rivals = tuple(k for s, k, _ in scored if best - s < MARGIN)
        return Match(None, best, AMBIGUOUS_HOW, matched, rivals)
    if key in spec.not_inputs:
        return Match(None, best, NOT_INPUT_HOW, matched, (key,))
    return Match(key, best, WORDS_HOW, matched)


def _wrong_unit(units: set[str], vocab: vocabulary.Words) -> bool:
    """The header's unit is one its key never has, or says months and years at once for a key
    read from months by conversion ("Срок жизни, мес/лет": which of them, nobody knows)."""
    if units & set(vocab.wrong_units):
        return True
    return bool(units & set(vocab.converted)) and "years" in units


def match_row(
    cells: Sequence[object],
    spec: Spec,
    group: Sequence[object] | None = None,
    row: int = 0,
    first_col: int = 0,
) -> tuple[list[Match], list[str]]:
    """The match of every cell of a header row, and each header's text.

    With ``group`` (the row above a two-row header whose group cells are merged), a cell may
    be read as "group sub". A key goes to the column that names it best; the others get a
    "taken" match naming the winner's cell (``row`` and ``first_col`` make the A1 address).
    """
    matches: list[Match] = []
    headers: list[str] = []
    for j, cell in enumerate(cells):
        sub = cell.strip() if isinstance(cell, str) else ""
        top = ""
        if group is not None and j < len(group) and isinstance(group[j], str):
            top = group[j].strip()
        if group is None or not top or top == sub:
            m, text = match(sub, spec), sub if sub else _text(cell)
        else:
            joined = f"{top} {sub}" if sub else top
            m, text = match(joined, spec), joined
            if m.key is None and sub:
                alone = match(sub, spec)
                if alone.key is not None:
                    m, text = alone, sub
        matches.append(m)
        headers.append(text)
    for key, instead in spec.aliases:
        if not any(m.key == instead for m in matches):
            matches = [
                Match(instead, m.score, m.how, m.words, m.rivals) if m.key == key else m
                for m in matches
            ]
    best: dict[str, int] = {}
    for j, m in enumerate(matches):
        if m.key is not None and (m.key not in best or m.score > matches[best[m.key]].score):
            best[m.key] = j
    for j, m in enumerate(matches):
        if m.key is not None and best[m.key] != j:
            from core.problems import a1

            winner = a1(row, first_col + best[m.key])
            matches[j] = Match(None, m.score, TAKEN_HOW, m.words, (m.key, winner))
    named = {m.key for m in matches}
    made = [p for p in spec.products if p[0] not in named and all(f in named for f in p[1])]
    needed = {f for _key, factors in made for f in factors}  # a quantity for two products
    for key, (a, b) in spec.products:
        if (key, (a, b)) in made:
            continue  # the product: both factors read
        named = {m.key for m in matches}
        matches = [
            Match(key, m.score, m.how, m.words, m.rivals)
            if m.key == b and key not in named
            else Match(None, m.score, "", m.words)
            if m.key in (a, b) and m.key not in needed
            else m
            for m in matches
        ]
    return matches, headers


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def looks_like_header(cells: Iterable[object], spec: Spec, at_least: int = 2) -> bool:
    """True when ``cells`` name at least ``at_least`` distinct keys: a header row (a pasted
    block that starts with the spreadsheet's header, for instance)."""
    keys = {match(c, spec).key for c in cells if isinstance(c, str)}
    keys.discard(None)
    return len(keys) >= at_least
