"""Numbered slogans: 一区、两街、三园、四城; “一二二一” with its expansion; 三大核心任务; 双轮驱动.

Why regex on the text and not tokens: a slogan is held together by 、 and quotation marks,
which a tokenizer splits away; and its counted nouns (区, 街, 园) are single characters that
a tokenizer glues to their neighbours. So we read the text, parse each numeral with
``tifalab.numerals`` and keep only slogan-shaped hits:

* ``enumeration`` — two or more members NUM(+classifier)+noun, inside quotation marks
  (一区、两街、三园、四城; 六稳六保), or three or more separated by 、 outside them.
* ``code`` — a quoted digit code (一二二一, 1+2+4+N, 3815). When a quoted enumeration whose
  counts spell the code stands within ``EXPANSION_WINDOW`` characters, it becomes the code's
  ``expansion`` and gives the parts; that enumeration is not reported again.
* ``numbered_phrase`` — one counted noun: a quoted NUM+noun (“两重”, “四个意识”), X大+noun
  (三大核心任务), or a phrase listed as ``known`` in ``data/lexicons/slogan_nouns.txt``
  (双轮驱动, 两个维护) which is found with or without quotation marks.
* ``plan`` — five-year plan names (“十四五”, “九五”普法). Off by default (``include_plans``):
  they name a period, not a set of counted items.

Ordinary numbers in prose (一是, 一个地方, 三年, 第一, 统一) never qualify: they are not quoted,
not X大, not known, and not a run of 3+ separated members.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tifalab.model import Slogan
from tifalab.numerals import parse_cn_int
from tifalab.paths import lexicon_path

#: Longest counted noun in a member of a multi-member enumeration (一个商圈…一条经济带: 3).
MAX_MEMBER_NOUN = 4
#: Longest noun of a quoted one-member phrase with a classifier (“三个新的更大进展”: 6).
MAX_PHRASE_NOUN = 6
#: Longest noun of a quoted one-member phrase without a classifier (“三培养”: 2, “三治融合”: 3).
MAX_BARE_NOUN = 3
#: How far (characters) after a code to look for the quoted enumeration that spells it out.
EXPANSION_WINDOW = 120

QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "'": "'", "〝": "〞"}
_QUOTE_RE = re.compile(
    r"“([^“”\n]{1,40})”|‘([^‘’\n]{1,40})’|「([^「」\n]{1,40})」|『([^『』\n]{1,40})』"
    r'|"([^"\n]{1,40})"|〝([^〝〞\n]{1,40})〞'
)
_NUM_CHARS = "一二两三四五六七八九十双"
_NUM = r"(?:十[一二三四五六七八九]?|[一二两三四五六七八九双])"
_CLASSIFIERS = "个大条项张片类种件支套只家所座位本"
_SEPARATORS = "、，,；;"
_PUNCT = set("，,。、；;：:！!？?“”‘’\"'（）()《》【】「」『』〝〞—…·\n\r\t ")
_PLAN_RE = re.compile(r"十?[一二三四五六七八九]五")
_CN_CODE_RE = re.compile(r"[一二两三四五六七八九]{2,8}")
_AR_CODE_RE = re.compile(r"[0-9]+(?:[+＋][0-9NnXx]+)+|[1-9]{3,5}")
_MEMBER_RE = re.compile(rf"({_NUM})([{_CLASSIFIERS}]?)([^{_NUM_CHARS}零〇]+?)(?={_NUM}|$)")
_BIG_RE = re.compile(r"(?<![第0-9零〇一二两三四五六七八九十百千])(十[一二三四五六七八九]?|[两三四五六七八九])大")
_SEP_MEMBER = rf"{_NUM}[{_CLASSIFIERS}]?[^\s{_NUM_CHARS}零〇、，,；;。：:“”‘’]{{1,4}}"
_SEP_ENUM_RE = re.compile(rf"(?<![第0-9零〇一二两三四五六七八九十百千]){_SEP_MEMBER}(?:、{_SEP_MEMBER}){{2,}}")
# What every match of the two patterns above holds, without their leading lookbehind: a text
# without it has no match. Their lookbehind keeps the regex engine from jumping to candidate
# characters, so they try every position; these hints do jump, and most texts have neither.
_BIG_HINT = re.compile(r"(?:十[一二三四五六七八九]?|[两三四五六七八九])大")
_SEP_ENUM_HINT = re.compile(rf"、{_NUM}")


@dataclass(frozen=True)
class SloganLexicon:
    """Word lists for slogan shapes, read from ``slogan_nouns.txt`` (see its header)."""

    known: dict[str, tuple[tuple[int, str], ...]]
    ratings: frozenset[str]
    notnoun: tuple[str, ...]
    stops: tuple[str, ...]


@cache
def load_slogan_lexicon(path: str | None = None) -> SloganLexicon:
    """Read the slogan lexicon once per path (a researcher may pass an extended copy)."""
    p = Path(path) if path else lexicon_path("slogan_nouns.txt")
    known: dict[str, tuple[tuple[int, str], ...]] = {}
    ratings: set[str] = set()
    notnoun: list[str] = []
    stops: list[str] = []
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        tag = cols[0]
        if tag == "known" and len(cols) >= 3:
            parts = []
            for item in cols[2].split(";"):
                n, _, noun = item.partition(":")
                parts.append((int(n), noun))
            known[cols[1]] = tuple(parts)
        elif tag == "rating":
            ratings.add(cols[1])
        elif tag == "notnoun":
            notnoun.append(cols[1])
        elif tag == "stop":
            stops.append(cols[1])
    return SloganLexicon(known, frozenset(ratings), tuple(notnoun), tuple(stops))


def _num_value(s: str) -> int | None:
    """Count written by a slogan numeral (双 = 2)."""
    if s == "双":
        return 2
    return parse_cn_int(s)


def parse_members(s: str, lex: SloganLexicon) -> list[tuple[int, str]] | None:
    """Parse a whole string as NUM(+classifier)+noun members; None unless all of it parses.

    "一个商圈两个园区两条街区一条经济带" -> [(1,商圈),(2,园区),(2,街区),(1,经济带)];
    separators 、，; between members are allowed. A member whose noun is prose (一是, 三年)
    fails the whole string.
    """
    pieces = [p for p in re.split(f"[{_SEPARATORS}]", s) if p]
    if not pieces:
        return None
    parts: list[tuple[int, str]] = []
    for piece in pieces:
        pos = 0
        while pos < len(piece):
            m = _MEMBER_RE.match(piece, pos)
            if not m:
                return None
            n = _num_value(m.group(1))
            noun = m.group(3)
            if n is None or not noun or any(noun.startswith(w) for w in lex.notnoun):
                return None
            if any(ch in _PUNCT for ch in noun):
                return None
            parts.append((n, noun))
            pos = m.end()
    return parts


def _single_phrase_ok(content: str, member: tuple[int, str], lex: SloganLexicon) -> bool:
    """Whether a quoted one-member phrase is slogan-shaped (“两重”, “四个意识”, “一张图”).

    With a classifier (两个维护, 三大经济) the noun may run to ``MAX_PHRASE_NOUN`` characters;
    without one (三农, 三培养) to ``MAX_BARE_NOUN``, since longer bare strings are prose
    (“两梅共赏” aside). 一 without a classifier is a manner word (一站式, 一号工程), and
    ratings (“五星”) are grades, not counted sets.
    """
    _n, noun = member
    has_classifier = len(content) > 1 and content[1] in _CLASSIFIERS and content[0] != "十"
    if noun in lex.ratings:
        return False
    if content.startswith("一") and not has_classifier:
        return False
    if not has_classifier and _n > 10:
        return False  # “十八洞”: a place name, not a counted set
    limit = MAX_PHRASE_NOUN if has_classifier else MAX_BARE_NOUN
    return len(noun) <= limit


def _code_counts(code: str) -> list[int] | None:
    """Counts spelled by a code: 一二二一 -> [1,2,2,1]; 1+2+4+N -> [1,2,4,-1] (N: open)."""
    if _CN_CODE_RE.fullmatch(code):
        return [_num_value(ch) or 0 for ch in code]
    if _AR_CODE_RE.fullmatch(code):
        if "+" in code or "＋" in code:
            return [int(x) if x.isdigit() else -1 for x in re.split("[+＋]", code)]
        return [int(ch) for ch in code]
    return None


def _trim_noun(tail: str, lex: SloganLexicon, max_len: int = 6) -> str:
    """The counted noun after X大: up to punctuation, cut at the first stop word."""
    out = []
    for ch in tail:
        if ch in _PUNCT or ch.isdigit():
            break
        out.append(ch)
        if len(out) >= max_len + 2:
            break
    noun = "".join(out)
    cut = len(noun)
    for w in lex.stops:
        i = noun.find(w)
        if i != -1 and i < cut:
            cut = i
    noun = noun[:cut]
    return noun[:max_len]


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def find_slogans(
    text: str, include_plans: bool = False, lexicon: str | None = None
) -> list[Slogan]:
    """Numbered slogans in ``text``, in text order, with ``text[start:end] == slogan.text``.

    ``include_plans`` also returns five-year-plan names (kind ``plan``); ``lexicon`` is the
    path of an alternative ``slogan_nouns.txt``.
    """
    lex = load_slogan_lexicon(lexicon)
    found: list[Slogan] = []
    taken: list[tuple[int, int]] = []

    def add(s: Slogan) -> None:
        found.append(s)
        taken.append((s.start, s.end))

    quotes = []
    for m in _QUOTE_RE.finditer(text):
        gi = next(i for i in range(1, 7) if m.group(i) is not None)
        quotes.append((m.start(gi), m.end(gi), m.group(gi)))
    expansions_used: set[int] = set()

    # 1. quoted slogans: codes (with expansion), plans, known phrases, enumerations, phrases
    for qs, qe, content in quotes:
        if qs in expansions_used:
            continue
        if _PLAN_RE.fullmatch(content):
            if include_plans:
                add(Slogan(content, [], qs, qe, kind="plan"))
            else:
                taken.append((qs, qe))
            continue
        counts = _code_counts(content)
        if counts is not None:
            parts: list[tuple[int, str]] = [(c, "") for c in counts]
            expansion = None
            for xs, _xe, xc in quotes:
                if xs <= qe or xs - qe > EXPANSION_WINDOW or xs in expansions_used:
                    continue
                xp = parse_members(xc, lex)
                if xp and [n for n, _ in xp] == counts:
                    parts, expansion = xp, xc
                    expansions_used.add(xs)
                    taken.append((xs, xs + len(xc)))
                    break
            add(Slogan(content, parts, qs, qe, kind="code", expansion=expansion))
            continue
        if content in lex.known:
            parts = list(lex.known[content])
            kind = "enumeration" if len(parts) > 1 else "numbered_phrase"
            add(Slogan(content, parts, qs, qe, kind=kind))
            continue
        members = parse_members(content, lex)
        if not members:
            continue
        if len(members) >= 2:
            if all(len(noun) <= MAX_MEMBER_NOUN for _, noun in members):
                add(Slogan(content, members, qs, qe, kind="enumeration"))
        elif _single_phrase_ok(content, members[0], lex):
            add(Slogan(content, members, qs, qe, kind="numbered_phrase"))

    # 2. known phrases anywhere (双轮驱动 in or out of quotes)
    for phrase, kparts in lex.known.items():
        if phrase and phrase not in text:  # most phrases are absent: skip the regex (same result)
            continue
        for m in re.finditer(re.escape(phrase), text):
            if not _overlaps((m.start(), m.end()), taken):
                kind = "enumeration" if len(kparts) > 1 else "numbered_phrase"
                add(Slogan(phrase, list(kparts), m.start(), m.end(), kind=kind))

    # 3. unquoted enumerations of 3+ members separated by 、
    for m in _SEP_ENUM_RE.finditer(text) if _SEP_ENUM_HINT.search(text) else ():
        if _overlaps((m.start(), m.end()), taken):
            continue
        members = parse_members(m.group(0), lex)
        # 一只口罩、一支体温计、一张表 is a list of things, 二中、三中、四中全会 are plenums
        if text[max(0, m.start() - 1) : m.start()] == "届" or text.startswith("全会", m.end()):
            continue
        if members and len(members) >= 3 and any(n != 1 for n, _ in members):
            add(Slogan(m.group(0), members, m.start(), m.end(), kind="enumeration"))

    # 4. X大 + noun (三大核心任务, 十大工程), not 第三大 and not party congresses (党的十九大)
    for m in _BIG_RE.finditer(text) if _BIG_HINT.search(text) else ():
        if text[max(0, m.start() - 2) : m.start()] == "党的":
            continue
        noun = _trim_noun(text[m.end() : m.end() + 12], lex)
        if not noun or any(noun.startswith(w) for w in lex.notnoun):
            continue
        n = _num_value(m.group(1))
        end = m.end() + len(noun)
        if n is None or _overlaps((m.start(), end), taken):
            continue
        add(Slogan(text[m.start() : end], [(n, noun)], m.start(), end, kind="numbered_phrase"))

    found.sort(key=lambda s: s.start)
    return found
