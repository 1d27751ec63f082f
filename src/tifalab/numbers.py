"""Counted numbers and numeric targets: 48个项目, 培育50家社会组织, 新签约项目15个以上, 增长5%左右.

Why this shape: political scientists count commitments ("how many targets, how big, how
hedged"), so each number carries its normalized value, the unit, the object counted, the
hedge (qualifier) and whether it is a commitment (``target``) or a description (``mention``).

Rules (documented in docs/schema_commitments.md):

* A number enters the table only with a unit or classifier from ``data/lexicons/units.txt``.
  Dates (2026年, 3月5日), durations (三年) and ordinals (第一, 第3个) have none and are left out.
* 万/亿 multiply the value and the base unit is kept: 1300亿斤 -> 1.3e11 斤, 110万人 -> 1.1e6 人.
  Percentages keep the figure as written (5% -> 5, unit %); shares written with 成 become a
  share of one (三成 -> 0.3, unit ``share``). Ranges (10—15家, 5%—5.5%) give ``value_max``.
* Small counts written in Chinese characters with a generic classifier (一个城市之芯, 两个民生
  关键, 一名基层工作者, 三个方面) are rhetoric, not data, and are left out: value < 10 and
  no 十/百/千/万/亿. Numbers inside numbered slogans (三大核心任务, 十四五) are left out too.
* ``kind`` is ``target`` when a target cue (target_cues.txt) stands before the number in its
  sentence, or a forward-looking marker (forward_markers.txt) stands earlier in its paragraph;
  a past marker (past_markers.txt) before the number in its sentence vetoes both. Counts of
  provinces or countries qualified by an area word (中部6省) are descriptive: ``mention``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tifalab.model import NumberMention, Slogan
from tifalab.numerals import NUMBER_RE, parse_number
from tifalab.paths import lexicon_path
from tifalab.slogans import find_slogans

_SENT_END = "。！？!?\n"
_SENT_END_IN_LINE = _SENT_END.replace("\n", "")
_CLAUSE_END = "。！？!?；;，,：:、\n"
_OBJ_BREAK = set("。！？!?；;，,：:、\n“”‘’\"'（）()《》【】「」『』—…·/ \t")
_RANGE_SEP = r"[—–\-~～至到]{1,2}"
_NUM_RX = re.compile(NUMBER_RE)
#: full-width spellings of a unit, stored under the half-width one (5％ -> unit %)
_UNIT_WIDTH = {"％": "%", "‰": "‰"}
_RANGE_RX = re.compile(_RANGE_SEP + "(" + NUMBER_RE + ")")
_BIG_UNIT_RX = re.compile("[十百千万亿]")
#: what may follow a number that has no unit right after it: a range separator (the first
#: character of _RANGE_SEP) or 余/多 before the unit (see find_numbers)
_AFTER_NUMBER = frozenset("—–-~～至到余多")


class _WordIndex:
    """A word list indexed for the three questions the extractor asks, answered without a
    Python loop over the list (they ran once per character of every number's context).

    ``prefix_at``/``suffix`` give the *longest* word found, which is what the first hit in a
    longest-first list is; ``any_in`` is the boolean "some word occurs in s".
    """

    __slots__ = ("_any", "_lens", "_words")

    def __init__(self, words: tuple[str, ...]) -> None:
        self._words = frozenset(words)
        self._lens = tuple(sorted({len(w) for w in words}, reverse=True))
        alts = "|".join(re.escape(w) for w in sorted(self._words, key=len, reverse=True))
        self._any = re.compile(alts).search if words else None

    def prefix_at(self, s: str, pos: int) -> str | None:
        """The longest word ``w`` with ``s.startswith(w, pos)``, else None."""
        words, n = self._words, len(s)
        if pos > n:  # str.startswith is False past the end, even for ""
            return None
        for ln in self._lens:
            if pos + ln <= n:
                w = s[pos : pos + ln]
                if w in words:
                    return w
        return None

    def suffix(self, s: str) -> str | None:
        """The longest word ``w`` with ``s.endswith(w)``, else None."""
        words, n = self._words, len(s)
        for ln in self._lens:
            if ln <= n:
                w = s[n - ln :]
                if w in words:
                    return w
        return None

    def any_in(self, s: str) -> bool:
        """True when some word occurs in ``s``."""
        return self._any is not None and self._any(s) is not None


@dataclass(frozen=True)
class NumberLexicon:
    """Word lists for number extraction, each read from one file under data/lexicons/."""

    units: tuple[tuple[str, str, str], ...]  # (unit, type, object suffix), longest first
    post_qualifiers: tuple[str, ...]
    pre_qualifiers: tuple[str, ...]
    target_cues: tuple[str, ...]
    forward: tuple[str, ...]
    forward_not: tuple[str, ...]
    past: tuple[str, ...]
    past_not: tuple[str, ...]
    starts: tuple[str, ...]
    stops: tuple[str, ...]
    measures: tuple[str, ...]
    drops: tuple[str, ...]
    areas: tuple[str, ...]
    splits: tuple[tuple[str, tuple[str, ...]], ...]
    regions: tuple[str, ...]
    # indexes derived from the lists above (built once per loaded lexicon, see _WordIndex)
    _idx: dict[str, _WordIndex] = field(default_factory=dict, init=False, repr=False, compare=False)
    _unit_of: dict[str, tuple[str, str, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _unit_idx: _WordIndex | None = field(default=None, init=False, repr=False, compare=False)
    _unit_firsts: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("post_qualifiers", "pre_qualifiers", "target_cues", "forward", "past",
                     "starts", "stops", "measures", "drops", "areas", "regions"):
            self._idx[name] = _WordIndex(getattr(self, name))
        for u in self.units:  # units are longest first: the first tuple of a spelling wins
            self._unit_of.setdefault(u[0], u)
        object.__setattr__(self, "_unit_idx", _WordIndex(tuple(self._unit_of)))
        object.__setattr__(self, "_unit_firsts", frozenset(u[:1] for u in self._unit_of if u))


def _lines(path: Path) -> list[list[str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.rstrip("\n").split("\t"))
    return out


def _by_len(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@cache
def load_number_lexicon(folder: str | None = None) -> NumberLexicon:
    """Read the number word lists once per folder (default: the bundled data/lexicons)."""

    def p(name: str) -> Path:
        # a researcher's folder may hold only some lists: the others come from the bundle
        own = Path(folder) / name if folder else None
        return own if own is not None and own.is_file() else lexicon_path(name)

    units = [(c[0], c[1], c[2] if len(c) > 2 else "") for c in _lines(p("units.txt"))]
    units.sort(key=lambda u: len(u[0]), reverse=True)
    quals = [c for c in _lines(p("number_qualifiers.tsv")) if c[0] != "term"]
    forward = [c[0] for c in _lines(p("forward_markers.txt"))]
    past = [c[0] for c in _lines(p("past_markers.txt"))]
    objs = _lines(p("number_objects.txt"))
    return NumberLexicon(
        units=tuple(units),
        post_qualifiers=_by_len([c[0] for c in quals if c[1] == "post"]),
        pre_qualifiers=_by_len([c[0] for c in quals if c[1] == "pre"]),
        target_cues=_by_len([c[0] for c in _lines(p("target_cues.txt"))]),
        forward=_by_len([w for w in forward if not w.startswith("!")]),
        forward_not=_by_len([w[1:] for w in forward if w.startswith("!")]),
        past=_by_len([w for w in past if not w.startswith("!")]),
        past_not=_by_len([w[1:] for w in past if w.startswith("!")]),
        starts=_by_len([c[1] for c in objs if c[0] == "start"]),
        stops=_by_len([c[1] for c in objs if c[0] == "stop"]),
        measures=_by_len([c[1] for c in objs if c[0] == "measure"]),
        drops=_by_len([c[1] for c in objs if c[0] == "drop"]),
        areas=_by_len([c[1] for c in objs if c[0] == "area"]),
        splits=tuple((c[1], tuple(c[2].split(";"))) for c in objs if c[0] == "split"),
        regions=_by_len([c[1] for c in objs if c[0] == "region"]),
    )


def _contains(s: str, words: _WordIndex, exclude: tuple[str, ...]) -> bool:
    """Whether ``s`` holds one of ``words`` outside the compounds in ``exclude`` (重要 ≠ 要)."""
    for w in exclude:  # in list order, as written: overlapping compounds mask first-come
        s = s.replace(w, "\u3000" * len(w))
    return words.any_in(s)


def _match_start(s: str, pos: int, words: _WordIndex) -> str | None:
    """The longest word starting at ``pos`` (the first hit of a longest-first list)."""
    return words.prefix_at(s, pos)


def _match_end(s: str, words: _WordIndex) -> str | None:
    """The longest word ending ``s``."""
    return words.suffix(s)


def _object_after(text: str, pos: int, lex: NumberLexicon, max_len: int = 10) -> str:
    """The noun phrase right after the unit: 50家|社会组织，-> 社会组织."""
    out = []
    i = pos
    while i < len(text) and len(out) < max_len + 4:
        ch = text[i]
        if ch in _OBJ_BREAK or ch.isdigit():
            break
        if _match_start(text, i, lex._idx["stops"]) and out:
            break
        if not out and _match_start(text, i, lex._idx["stops"]):
            return ""
        out.append(ch)
        i += 1
    return "".join(out)[:max_len]


def _clause_before(text: str, pos: int, limit: int = 40) -> str:
    """Text of the clause before ``pos`` (back to punctuation, a digit or %)."""
    i = pos
    while i > 0 and pos - i < limit:
        ch = text[i - 1]
        if ch in _OBJ_BREAK or ch.isdigit() or ch in "%％":
            break
        i -= 1
    return text[i:pos]


def _split_object(
    span: str, lex: NumberLexicon
) -> tuple[str, str | None, str | None, bool]:
    """Split the words before a number into (object, measure, pre-qualifier, distributive).

    地区生产总值增长 -> (地区生产总值, 增长); 城镇调查失业率控制在 -> (城镇调查失业率, 控制在);
    全年力争新签约项目 -> (新签约项目): the object starts after the last start word.
    """
    measure = qual = None
    distributive = False
    changed = True
    while changed and span:
        changed = False
        w = _match_end(span, lex._idx["drops"])
        if w:
            distributive = distributive or w == "分别"
            span, changed = span[: -len(w)], True
            continue
        w = _match_end(span, lex._idx["measures"])
        if w and measure is None:
            measure, span, changed = w, span[: -len(w)], True
            continue
        w = _match_end(span, lex._idx["pre_qualifiers"])
        if w and qual is None:
            qual, span, changed = w, span[: -len(w)], True
    cut = 0
    for w in lex.starts:
        j = span.rfind(w)
        if j != -1 and j + len(w) > cut:
            cut = j + len(w)
    obj = span[cut:]
    area = _match_start(obj, 0, lex._idx["areas"])
    if area and len(obj) > len(area):
        obj = obj[len(area) :]
    if not obj and span:
        # the start word closes the clause (地区生产总值按|增长5%安排): the object precedes it
        prev = _match_end(span, lex._idx["starts"]) or ""
        obj = _split_object(span[: len(span) - len(prev)], lex)[0] if prev else ""
    return obj[-24:], measure, qual, distributive


def _distribute(text: str, pos: int, obj: str, lex: NumberLexicon) -> list[str] | None:
    """Objects of a 分别 list: 一产、二产、三产增加值分别增长… -> 一产增加值, 二产增加值, 三产增加值.

    The items before 分别 are split at 、/和; the shared head is what the last item adds
    beyond the length of the first (增加值). None when the list has a single item.
    """
    j = pos
    while j > 0 and text[j - 1] not in "。！？!?；;，,：:\n":
        j -= 1
    head_span = text[j:pos]
    k = head_span.rfind("分别")
    if k == -1:
        return None
    items = [x for x in re.split("[、和及与]", head_span[:k]) if x]
    if len(items) == 1 and obj:
        for head, members in lex.splits:
            if obj.startswith(head):  # obj: the list head already cut at start words (其中)
                return [_split_object(m + obj[len(head) :], lex)[0] for m in members]
    if len(items) < 2:
        return None
    first_len = len(items[0]) if len(items[0]) <= 3 else 2
    shared = items[-1][first_len:]
    items = [x for x in items]
    items[-1] = items[-1][:first_len]
    return [_split_object(x + shared, lex)[0] for x in items]


def _kind(text: str, start: int, lex: NumberLexicon) -> str:
    """target or mention, from the words before the number (see module docstring)."""
    # Paragraph start, then the sentence start: after the last sentence end before ``start``
    # (rfind per end mark, in C). \n is a sentence end too, so the sentence never starts before
    # the paragraph and each rfind stops there (a rare mark such as ! is not searched for back
    # to the start of the article).
    p = text.rfind("\n", 0, start) + 1
    s = p
    for ch in _SENT_END_IN_LINE:
        j = text.rfind(ch, p, start)
        if j >= s:
            s = j + 1
    sentence_before = text[s:start]
    if _contains(sentence_before, lex._idx["past"], lex.past_not):
        return "mention"
    if _contains(sentence_before, lex._idx["target_cues"], ()):
        return "target"
    if _contains(text[p:start], lex._idx["forward"], lex.forward_not):
        return "target"
    return "mention"


def find_numbers(
    text: str, lexicon_dir: str | None = None, *, slogans: Sequence[Slogan] | None = None
) -> list[NumberMention]:
    """Counted numbers in ``text`` (text order), each with ``text[start:end] == item.text``.

    ``lexicon_dir`` points to an alternative folder of the word lists named in the module
    docstring (a researcher's extended copy); the default is the bundled ``data/lexicons``.
    ``slogans``: ``find_slogans(text, include_plans=True)`` when the caller already has it
    (the pipeline does), so the slogan pass is not run twice on the same text.
    """
    lex = load_number_lexicon(lexicon_dir)
    if slogans is None:
        slogans = find_slogans(text, include_plans=True)
    slogan_spans = [(s.start, s.end) for s in slogans]
    out: list[NumberMention] = []
    dist_objs: list[str] | None = None  # objects of the current 分别 list, if any
    dist_i = 0
    pos = 0
    while True:
        m = _NUM_RX.search(text, pos)
        if not m:
            break
        pos = m.end()
        start, num_s = m.start(), m.group(0)
        prev = text[start - 1] if start else ""
        if prev == "第" or (prev.isascii() and prev.isalnum()) or prev in ".．":
            continue
        i = m.end()
        # Most numeral runs (一些, 统一, 十分 …) have no unit after them: a unit, a range
        # separator or 余/多 must follow, which one set lookup tells before any parsing.
        nxt = text[i : i + 1]
        if nxt not in lex._unit_firsts and nxt not in _AFTER_NUMBER:
            continue
        unit_hit = _match_unit(text, i, lex)
        if unit_hit is None and nxt not in _AFTER_NUMBER:
            continue  # the range and 余/多 branches below need that next character
        if any(a < m.end() and start < b for a, b in slogan_spans):
            continue
        value = parse_number(num_s)
        if value is None:
            continue
        value_max = None
        # a range: 10—15家, 4.5-5%, 5%—5.5%
        after_first = i + (len(unit_hit[0]) if unit_hit else 0)
        rm = _RANGE_RX.match(text, after_first)
        if rm:
            v2 = parse_number(rm.group(1))
            u2 = _match_unit(text, rm.end(), lex)
            if v2 is not None and u2 and (unit_hit is None or unit_hit[0] == u2[0]) and v2 > value:
                value_max = v2
                i = rm.end()
                unit_hit = u2
        qualifier = None
        if unit_hit is None and text[i : i + 1] in ("余", "多"):
            u = _match_unit(text, i + 1, lex)
            if u:
                qualifier = text[i]
                i += 1
                unit_hit = u
        if unit_hit is None:
            continue
        unit, utype, suffix = unit_hit
        unit_written = unit
        unit = _UNIT_WIDTH.get(unit, unit)
        if i + 1 < len(text) and utype != "percent":
            nxt = text[i + len(unit_written) : i + len(unit_written) + 1]
            if nxt.isascii() and nxt.isalpha():
                continue
        i += len(unit_written)
        cn = not num_s[0].isdigit() and not ("０" <= num_s[0] <= "９")
        if (
            cn
            and utype in ("classifier", "people", "admin")
            and value < 10
            and not _BIG_UNIT_RX.search(num_s)
        ):
            continue
        post = _match_start(text, i, lex._idx["post_qualifiers"])
        if post:
            qualifier = post
            i += len(post)
        if qualifier is None:
            before = text[max(0, start - 4) : start]
            qualifier = _match_end(before, lex._idx["pre_qualifiers"])
        if utype == "share":
            value = value / 10
            value_max = value_max / 10 if value_max is not None else None
            unit = "share"
        # object
        obj: str | None
        measure = None
        kind = _kind(text, start, lex)
        if utype == "admin":
            area = _split_object(_clause_before(text, start), lex)[0]
            region = _match_end(area, lex._idx["regions"])
            obj = (region or area) + suffix if (region or area) else suffix
            if region:
                kind = "mention"
        else:
            obj = ""
            if utype in ("classifier", "people", "measure", "money"):
                obj = _object_after(text, i, lex)
            if not obj:
                span = _clause_before(text, start)
                if out and out[-1].end > start - len(span):
                    span = text[out[-1].end : start]  # 4%左右|和|6%左右
                obj, measure, pq, distributive = _split_object(span, lex)
                if pq and qualifier is None:
                    qualifier = pq
                if not distributive and span.strip("和及与"):
                    dist_objs = None
                gap = text[out[-1].end : start].strip() if out else None
                if distributive:
                    dist_objs = _distribute(text, start, obj, lex)
                    dist_i = 0
                    if dist_objs:
                        obj = dist_objs[0]
                elif (
                    out
                    and gap in ("、", ",", "，", "和", "及", "与")
                    and dist_objs
                    and dist_i + 1 < len(dist_objs)
                    and not span.strip("和及与")
                ):
                    dist_i += 1
                    obj, measure = dist_objs[dist_i], out[-1].measure
                elif not span.strip("和及与") and out and gap in ("、", ",", "，", "和", "及", "与"):
                    obj, measure = out[-1].object or "", out[-1].measure
        out.append(
            NumberMention(
                text=text[start:i],
                value=value,
                unit=unit,
                object=obj or None,
                start=start,
                end=i,
                qualifier=qualifier,
                kind=kind,
                value_max=value_max,
                measure=measure,
            )
        )
        pos = i
    return out


def _match_unit(text: str, i: int, lex: NumberLexicon) -> tuple[str, str, str] | None:
    """The longest unit written at ``i`` (the first hit of the longest-first unit list)."""
    assert lex._unit_idx is not None
    w = lex._unit_idx.prefix_at(text, i)
    return lex._unit_of[w] if w is not None else None


def main_targets(report_text: str, lexicon_dir: str | None = None) -> list[NumberMention]:
    """The numeric targets of a government work report's 主要预期目标 passage (all kind target).

    Why a passage finder: the targets of the year are stated once, in a paragraph that opens
    with 主要预期目标是/为 (Shanxi: 主要目标是) and ends at the sentence that comments on them
    (这样的目标…, 实现这些目标…) or at the paragraph end. Offsets index ``report_text``.
    """
    start, end = find_target_passage(report_text)
    if start < 0:
        return []
    nums = find_numbers(report_text[start:end], lexicon_dir)
    out = []
    for n in nums:
        n.start += start
        n.end += start
        n.kind = "target"
        out.append(n)
    return out


_PASSAGE_RE = re.compile(r"主要(?:预期)?目标\s*(?:是|为|：|:)")
_PASSAGE_END_RE = re.compile(
    r"这样的目标|这些目标|上述目标|实现这一目标|做好今年工作|重点(?:做好|抓好)"
)


def find_target_passage(report_text: str) -> tuple[int, int]:
    """(start, end) of the 主要预期目标 passage, (-1, -1) when the report has none.

    A heading split over lines (Guangdong: 的\\n主要预期目标\\n是：) is allowed by ``\\s*``.
    The passage runs to the end of its paragraph or the first comment on the targets.
    """
    best: tuple[int, re.Match[str]] | None = None
    for m in _PASSAGE_RE.finditer(report_text):
        before = report_text[max(0, m.start() - 120) : m.start()]
        after = report_text[m.end() : m.end() + 80]
        score = 0
        if re.search("今年|2026年|明年", before):
            score += 2
        if "预期" in m.group(0):
            score += 1
        if re.search("年均|到20[0-9]{2}年|二〇三五|未来五年", before[-60:] + after):
            score -= 3
        if best is None or score > best[0]:
            best = (score, m)
    if best is None:
        return (-1, -1)
    m = best[1]
    nl = report_text.find("\n", m.end())
    end = len(report_text) if nl == -1 else nl
    em = _PASSAGE_END_RE.search(report_text, m.end(), end)
    if em:
        end = em.start()
    return (m.end(), end)
