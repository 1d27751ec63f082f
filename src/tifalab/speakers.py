"""Structured speaker mentions: ``<area><organization><title><name>[代表|委员]`` -> Speaker.

Why rules and word lists rather than a tagger: official news names speakers in a rigid
bureaucratic order (郑州高新区沟赵办事处党工委书记弓书亮), and researchers need the parts
(area, organization, title, rank) kept apart and reproducible. jieba's person tags are noisy
(it tags 郑东新区 as a name), so a name is only accepted where a title, a surname from
``surnames.txt`` or an earlier mention vouches for it. Every list lives under ``data/lexicons``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from tifalab.lexicons import lexicon_file, load_table, load_terms
from tifalab.model import Affiliation, Speaker

__all__ = [
    "SpeakerLexicon",
    "estimate_rank",
    "is_transliterated",
    "is_valid_name",
    "jieba_words",
    "load_speaker_lexicon",
    "parse_speaker_mention",
    "short_form_surname",
    "split_area",
]

PARTY_ORGANS = ("党工委", "党总支", "党支部", "党委", "党组")
_COMMITTEES = ("党工委", "党委", "党组")  # the party organs that lead a unit (not its branches)
# Parts of a territory that are named units below the area (凤凰台街道办事处): they keep their
# own name as organization; everything else after an area is an organ of that area (管委会).
_SUBUNIT_RE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:街道办事处|街道|办事处|镇|乡|村|社区)")
_AREA_ORGAN_RE = re.compile(
    r"^(?:党工委|管委会|党委|党组|纪工委|纪委|监委|人大常委会|人大|政协|人民政府|政府|委员会|常委会|区委|县委|市委|省委)"
)
_BARE_UNITS = ("村", "镇", "乡", "社区", "街道")  # a generic unit word alone names no organization
_TERRITORIAL_END = ("街道", "办事处", "镇", "乡", "村", "社区", "区", "县", "市", "省", "州", "旗")
_CENTRAL_RE = re.compile(r"^(?:中共中央|中央|国务院|全国人大|全国政协|国家|最高人民)")
_DEPARTMENT_RE = re.compile(r"(?:局|委员会|办公室|厅|科|处|中心|部)")
_GOVERNING_RE = re.compile(r"^(?:党工委|管委会|党委|党组|区委|县委|市委|省委|人民政府|政府|人大|政协)")
# Characters that never occur in a name: function words, pronouns and punctuation. Characters of
# reporting verbs are not on it (王强, 贝绍克 hold 强 of 强调, 绍 of 介绍): a name is instead refused
# when it holds a whole reporting verb of two or more characters (陈华强调 is 陈华 + 强调), or 说/称.
_NAME_BAD = set("的了是在和与及等们这那其该我你他她它说称就也还都又则而将给、，。：；（）《》“”‘’0123456789")
_DOTTED_NAME_BAD = set("的了是在说称们则也还都就又曾将已并这此如、，。：；（）《》“”‘’0123456789")
_MIDDLE_OK = frozenset("其和又")  # function characters that are given-name characters after a title
_ROLE_SUFFIXES = ("代表", "委员")
_KIN_ENDS = ("之子", "之女", "之妻", "之夫", "之孙", "之母", "之父")
_PRONOUNS = {"他": "他", "她": "她"}


@dataclass(frozen=True)
class SpeakerLexicon:
    """All word lists the speaker and statement rules need, loaded once per lexicon folder."""

    titles: frozenset[str]
    max_title: int
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    area_suffixes: tuple[tuple[str, str], ...]  # (suffix, level), longest first
    area_excluded: tuple[str, ...]
    area_names: tuple[str, ...]
    groups: tuple[tuple[str, str], ...]  # (term, via), longest first
    institutions: tuple[tuple[str, str], ...]  # (term, kind), longest first
    org_suffixes: tuple[str, ...]
    ranks: tuple[tuple[str, str, str], ...]
    verbs: tuple[str, ...]  # longest first
    verb_lemmas: tuple[tuple[str, str], ...] = ()  # (form as written, reported lemma): 告诉记者 -> 告诉
    title_modifiers: frozenset[str] = frozenset()  # words that belong to the title (著名, 现场, 原)
    translit_chars: frozenset[str] = frozenset()  # characters of transliterated names (普京, 默克尔)
    # titles after a name (习近平总书记), longest first, and the forms of address among them (先生)
    post_titles: tuple[str, ...] = ()
    honorifics: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # names the rules cannot derive (文在寅)
    tibetan_parts: frozenset[str] = frozenset()  # parts of Tibetan names (尼玛 + 扎西)
    relations: tuple[str, ...] = ()  # kin and social relations before a name (妻子, 同事), longest first
    countries: frozenset[str] = frozenset()  # countries and regions, never a person (伊拉克)
    role_endings: frozenset[str] = frozenset()  # last characters of role nouns (维保员, 营员)

    def lemma(self, verb: str) -> str:
        """The reporting verb as reported: the form without adverbs or objects (告诉记者 -> 告诉)."""
        return self._lemma_map.get(verb, verb)

    @cached_property
    def _lemma_map(self) -> dict[str, str]:
        """``verb_lemmas`` as a dict, built once per lexicon (lemma is called for every verb)."""
        return dict(self.verb_lemmas)


@cache
def _load(lexicon_dir: str | None) -> SpeakerLexicon:
    def f(name: str) -> Path:
        return lexicon_file(name, lexicon_dir)

    title_terms = load_terms(f("titles.txt"))
    titles = frozenset(t for t in title_terms if not t.startswith("+"))
    modifiers = frozenset(t[1:] for t in title_terms if t.startswith("+") and len(t) > 1)
    verb_rows = load_table(f("speech_verbs.txt"))
    surn = load_terms(f("surnames.txt"))
    areas = load_table(f("areas.txt"))
    suffixes = [(r[0], r[1] if len(r) > 1 else "县") for r in areas if not r[0].startswith("!")]
    excluded = tuple(r[0][1:] for r in areas if r[0].startswith("!"))
    groups = [(r[0], r[1] if len(r) > 1 else "collective") for r in load_table(f("speaker_groups.txt"))]
    insts = [
        (r[0], r[1] if len(r) > 1 else "institution")
        for r in load_table(f("institution_speakers.txt"))
    ]
    ranks = tuple((r[0], r[1], r[2]) for r in load_table(f("ranks.tsv")) if len(r) >= 3)
    post_rows = load_table(f("post_name_titles.txt"))
    return SpeakerLexicon(
        titles=titles,
        max_title=max((len(t) for t in titles), default=1),
        surnames=frozenset(s for s in surn if len(s) == 1),
        compound_surnames=frozenset(s for s in surn if len(s) == 2),
        area_suffixes=tuple(sorted(suffixes, key=lambda x: -len(x[0]))),
        area_excluded=excluded,
        area_names=tuple(sorted(load_terms(f("area_names.txt")), key=len, reverse=True)),
        groups=tuple(sorted(groups, key=lambda x: -len(x[0]))),
        institutions=tuple(sorted(insts, key=lambda x: -len(x[0]))),
        org_suffixes=tuple(sorted(load_terms(f("org_suffixes.txt")), key=len, reverse=True)),
        ranks=ranks,
        verbs=tuple(sorted(load_terms(f("speech_verbs.txt")), key=len, reverse=True)),
        verb_lemmas=tuple((r[0], r[1]) for r in verb_rows if len(r) > 1 and r[1]),
        title_modifiers=modifiers,
        translit_chars=_load_chars(f("transliteration_chars.txt")),
        post_titles=tuple(sorted((r[0] for r in post_rows), key=len, reverse=True)),
        honorifics=frozenset(r[0] for r in post_rows if len(r) > 1 and r[1] == "honorific"),
        names=frozenset(load_terms(f("person_names.txt"))),
        tibetan_parts=frozenset(t for t in load_terms(f("tibetan_name_parts.txt")) if len(t) == 2),
        relations=tuple(sorted(load_terms(f("relation_nouns.txt")), key=len, reverse=True)),
        countries=frozenset(load_terms(f("country_names.txt"))),
        role_endings=frozenset(t for t in load_terms(f("role_noun_endings.txt")) if len(t) == 1),
    )


def _load_chars(path: Path) -> frozenset[str]:
    if not path.is_file():
        return frozenset()
    out: set[str] = set()
    for line in path.read_text("utf-8").splitlines():
        out.update(c for c in line.split("#", 1)[0] if "\u4e00" <= c <= "\u9fff")
    return frozenset(out)


def is_transliterated(name: str, lex: SpeakerLexicon) -> bool:
    """Whether ``name`` (2–6 characters, or parts joined by ·) is made only of the characters
    used to transliterate foreign names (``transliteration_chars.txt``): 普京, 默克尔, 贝绍克."""
    parts = re.split("[·•]", name)
    return (
        bool(lex.translit_chars) and all(parts) and 2 <= len(name.replace("·", "").replace("•", "")) <= 16
        and (len(parts) > 1 or len(name) <= 6)
        and all(c in lex.translit_chars for part in parts for c in part)
    )


def load_speaker_lexicon(lexicon_dir: Path | str | None = None) -> SpeakerLexicon:
    """The speaker word lists of ``lexicon_dir`` (bundled lists where it lacks one), cached."""
    return _load(str(lexicon_dir) if lexicon_dir is not None else None)


# ----------------------------------------------------------------------------- names


# Memoised answers per lexicon: id(lexicon) -> (lexicon, {key: answer}). The lexicon is held
# so its id is never reused. is_valid_name, split_area and estimate_rank depend only on their
# arguments, the lexicon and jieba's (fixed) dictionary, and the same few thousand strings
# recur in every text; their answers are immutable (bool, str, tuple of str), except
# _parse's Speaker, which is copied out on every call.
_LEX_MEMO: dict[int, tuple[SpeakerLexicon, dict[tuple[object, ...], object]]] = {}


def _lex_memo(lex: SpeakerLexicon) -> dict[tuple[object, ...], object]:
    entry = _LEX_MEMO.get(id(lex))
    if entry is None or entry[0] is not lex:
        entry = _LEX_MEMO[id(lex)] = (lex, {})
    memo = entry[1]
    if len(memo) > 300_000:  # bound the memo in long-lived processes
        memo.clear()
    return memo


def is_valid_name(name: str, lex: SpeakerLexicon, *, after_title: bool = False) -> bool:
    """Whether ``name`` can be a person's name.

    Chinese names need a known surname and 2–3 characters (4 with a compound surname);
    transliterated names are accepted with a middle dot, or (3–6 characters) right after a
    title, where the title vouches for them.
    """
    memo = _lex_memo(lex)
    key = ("valid", name, after_title)
    hit = memo.get(key)
    if hit is None:
        hit = memo[key] = _is_valid_name(name, lex, after_title)
    return hit  # type: ignore[return-value]


_DOTTED_TAIL_ADVERBS = ("多次", "再次", "曾经", "随即", "一再", "专门", "特意", "特地", "亲自", "也", "还", "曾", "都", "则", "又")
_REGNAL_RE = re.compile(r"[一二三四五六七八九十]{1,3}世$")


def _is_valid_name(name: str, lex: SpeakerLexicon, after_title: bool) -> bool:
    if name in lex.names:
        return True
    if name in lex.countries:
        return False  # 伊拉克要求美军撤离: a country, though its characters make a name
    regnal = _REGNAL_RE.search(name)
    if regnal and regnal.start() >= 2:
        name = name[: regnal.start()]  # 穆罕默德六世, 玛格丽特二世: a monarch's number
    # a ·-name is transliterated: 那, 其, 和 … are syllables there (何塞·那威), not function words
    bad = _DOTTED_NAME_BAD if ("·" in name or "•" in name) else _NAME_BAD
    checked = name
    if (
        after_title and len(name) == 3 and name[1] in _MIDDLE_OK and name[0] in lex.surnames
        and jieba_words().get(name[1:], "nr").startswith("nr")
    ):
        checked = name[0] + name[2]  # 院士薛其坤: a title vouches for 其 inside a name (not 其实, 其他)
    elif (
        after_title and len(name) == 3 and name[2] == "和" and name[0] in lex.surnames
        and jieba_words().get(name[1:], "nr").startswith("nr")
    ):
        checked = name[:2]  # 国防部长魏凤和: and 和 ending one
    if not name or any(c in bad for c in checked) or "记者" in name or "采访" in name:
        return False
    if any(v in name for v in _name_verbs(lex.verbs)):
        return False
    if not all("\u4e00" <= c <= "\u9fff" or c in "·•" for c in name):
        return False
    if "·" in name or "•" in name:
        parts = re.split("[·•]", name)
        if any(t in part[1:] for part in parts for t in lex.post_titles if len(t) >= 2):
            # 穆铁礼甫·哈斯木委员发言: a title after the name, not a part of it; 尼提乌代表阿库福·阿多:
            # a name, a role and the ·-name it acts for
            return False
        last = parts[-1]
        if lex.translit_chars and any(
            last[j] not in lex.translit_chars and last[j + 1] not in lex.translit_chars
            and last[j : j + 2] in jieba_words()
            for j in range(2, len(last) - 1)
        ):
            return False  # 阿齐兹·阿卜杜哈基莫夫致辞: a word of the sentence ran into the name
        if any(last.endswith(a) and len(last) - len(a) >= 2 for a in _DOTTED_TAIL_ADVERBS):
            return False  # 比尔·盖茨多次|表示: an adverb, though made of transliteration characters
        if len(last) >= 4 and jieba_words().get(last[-2:], "") == "d":
            return False  # 迪亚斯·卡内尔专门|表示: an adverb of the dictionary ran into the name
        return all(parts) and 3 <= len(name) <= 16
    n = len(name)
    if n == 3 and name[0] == name[2] and name[0] in "边又越一":
        return False  # 边走边|问, 一步一: a repeated-verb frame, no name
    if n == 2 and name[0] == "边" and name[1] in "看说走听想问做干聊唱写读":
        return False  # 边走边看, 边看边感慨: a frame of two actions, no name
    if n == 3 and name[2] in "地着" and not jieba_words().get(name[:2], "nr").startswith("nr"):
        return False  # 高兴地, 微笑着: an adverbial, no name
    if n == 3 and ((name[1] == "老" and name[2] in "曾也还都又已就亦便则") or name[1:] in lex.org_suffixes):
        return False  # 董老|曾嘱咐: a short form and an adverb; 巴政府: a unit, no name
    if n == 3 and name[2] in "局部厅署" and (
        jieba_words().get(name[1:], "")[:2] in ("n", "nt") or jieba_words().get(name, "")[:2] in ("n", "nt")
    ):
        return False  # 公安局长|宁分局, 公安部: a unit (a noun of the dictionary), no name
    if name[:2] in lex.compound_surnames and n in (3, 4):
        return True
    if n == 4 and name[:2] in lex.tibetan_parts and name[2:] in lex.tibetan_parts:
        return True  # 尼玛扎西: a Tibetan name, two listed parts and no family name
    if n in (2, 3) and name[0] in lex.surnames:
        return True
    if after_title and n == 2 and is_transliterated(name, lex):
        return True  # 俄罗斯总统普京: a title vouches for a short transliterated name
    if after_title and n in (4, 5, 6) and is_transliterated(name, lex):
        # 斯里兰卡总统戈塔巴雅, 阿塞拜疆副总理阿布塔利博夫: a transliteration splits into pieces
        # jieba files as names or places (塔巴, 巴雅); an ordinary word inside still rules it out
        words = jieba_words()
        if words.get(name, "")[:2] in ("ns", "nz", "nt"):
            return False  # 巴基斯坦 is a place
        return not any(
            name[i : i + 2] in words and words[name[i : i + 2]][:2] not in ("nr", "ns", "nz")
            for i in range(0, n - 1)
        )
    if after_title and n in (3, 4, 5):
        # a name a title vouches for may be transliterated (古特雷斯, 勒奇米), but not when it
        # holds an ordinary word: 陈华高兴地 is 陈华 + 高兴地, 老板就抱怨 is no name at all
        words = jieba_words()
        if name.endswith("地") or words.get(name[:2], "") in ("a", "ad", "d", "v", "vd"):
            return False  # 周义哲代表坦诚地说: an adverbial, not a name after the title 代表
        return not any(
            name[i : i + 2] in words and not words[name[i : i + 2]].startswith("nr")
            for i in range(1, n - 1)
        )
    return False


@cache
def _name_verbs(verbs: tuple[str, ...]) -> tuple[str, ...]:
    """Reporting verbs of 2–3 characters without an object (表示, 强调, 介绍): none is part of a name."""
    return tuple(v for v in verbs if 2 <= len(v) <= 3 and "记者" not in v and "我们" not in v)


@cache
def _jieba_dict() -> tuple[dict[str, str], frozenset[str]]:
    """jieba's bundled dictionary read once: (2–3-character word -> POS tag, 4-character words)."""
    from tifalab.jieba_shared import cached_dict_words

    # line.split() -> parts; kept when len(parts) >= 3 and 2 <= len(parts[0]) <= 3:
    # word -> parts[2], in one regex pass (a Python loop over 349k lines took twice as long);
    # the result is cached on disk, keyed by the dictionary's and the patterns' hash
    return cached_dict_words(_DICT_LINE_RE, _DICT_FOUR_RE)


def jieba_words() -> dict[str, str]:
    """jieba's bundled dictionary, word -> POS tag (2–3 characters only), read once.

    Why: a cheap test of whether a string is an ordinary word (宣言, 抱怨) rather than a name,
    without running a tagger over the text.
    """
    return _jieba_dict()[0]


def jieba_four_char_words() -> frozenset[str]:
    """The 4-character words of jieba's bundled dictionary (idioms such as 纷至沓来, 语重心长).

    Why: a 3-character name candidate that is the head of such a word (纷至沓|来) is no name.
    """
    return _jieba_dict()[1]


_DICT_FOUR_RE = re.compile(r"^([\u4e00-\u9fff]{4}) ", re.M)
_DICT_LINE_RE = re.compile(r"^[^\S\n]*(\S{2,3})[^\S\n]+\S+[^\S\n]+(\S+)", re.M)


# an ordinal or rank word before a title is part of it (第一副总理, 常务副市长), never of the
# organization; so is 副 (副首相) when the lexicon lists only the full title
_TITLE_ORDINALS = frozenset({"第一", "第二", "常务", "临时", "执行"})


# titles of envoys, which carry the place they are posted to (驻巴基斯坦大使)
_POSTED_TITLES = frozenset({"大使", "总领事", "领事", "公使", "代表", "首席代表"})


def _title_suffix(s: str, lex: SpeakerLexicon) -> str | None:
    """The longest title that ``s`` ends with."""
    for k in range(min(lex.max_title, len(s)), 0, -1):
        if s[-k:] in lex.titles:
            if len(s) > k + 1 and s[-k - 1] == "副":
                k += 1  # 柬埔寨副首相: 副 never ends an organization
            if k >= 2 and s[-k - 2 : -k] in _TITLE_ORDINALS and len(s) > k + 2:
                return s[-k - 2 :]  # 吉尔吉斯斯坦第一副总理: the ordinal belongs to the title
            if s[-k:] in _POSTED_TITLES:
                j = s.rfind("驻", max(0, len(s) - k - 7), len(s) - k)
                between = s[j + 1 : len(s) - k] if j >= 0 else ""
                if j > 0 and between and not any(c in "馆处团部局会" for c in between):
                    return s[j:]  # 中国驻巴基斯坦大使, 法国驻武汉总领事: the post is part of the title
            return s[-k:]
    return None


# nouns in 家/人 that are no role (大家, 国家, 家人 …): 家 and 人 end roles only in dictionary nouns
_NOT_ROLE_NOUNS = frozenset({"大家", "国家", "老家", "人家", "家人", "全家", "自家", "本家", "他人", "别人", "众人", "个人", "每人", "本人", "主人", "亲人", "家里人"})


def _role_noun_end(desc: str, lex: SpeakerLexicon) -> bool:
    """Whether ``desc`` ends in a role noun no title list holds: a last character of
    ``role_noun_endings.txt`` (维保员), or a dictionary noun in 家/人 (演奏家, 带头人)."""
    if desc[-1:] in lex.role_endings:
        return True
    if desc[-1:] not in ("家", "人"):
        return False
    words = jieba_words()
    return any(
        len(desc) >= k and words.get(desc[-k:], "") == "n" and desc[-k:] not in _NOT_ROLE_NOUNS and desc[-2:] not in _NOT_ROLE_NOUNS
        for k in (3, 2)
    )


def _split_name(part: str, lex: SpeakerLexicon) -> tuple[str, str] | None:
    """Split ``<descriptor><name>`` into (descriptor, name); the descriptor must end in a title."""
    if "·" in part or "•" in part:
        m = re.search(r"[\u4e00-\u9fff]+(?:[·•][\u4e00-\u9fff]+)+$", part)
        if m:
            # the title before the name may be glued to its first characters: try every cut,
            # first those whose first part is all transliteration characters (主席|尼尔·佩里曼,
            # not 委员|会主席尼尔·佩里曼); of those the shortest name first, so that a title ends
            # where the name starts (副委员长|艾力更·依明巴海, not 副委员|长艾力更…)
            last_dot = max(part.rfind("·"), part.rfind("•"))
            cuts = [i for i in range(last_dot - 1, m.start() - 1, -1) if part[i - 1] not in "·•"]
            first_ok = [i for i in cuts if is_transliterated(re.split("[·•]", part[i:])[0], lex)]
            for i in first_ok + cuts:
                desc, name = part[:i], part[i:]
                if desc and is_valid_name(name, lex) and (
                    _title_suffix(desc, lex) or desc.endswith(_KIN_ENDS)
                    or (  # 首席刑事调查官|达科玛·贝特科: a role noun no title list holds
                        desc[-1] in lex.role_endings and desc[-1] not in lex.translit_chars and i in first_ok
                        and len(re.split("[·•]", name)[0]) >= 2
                    )
                ):
                    return desc, name  # (前总统老布什之子|尼尔·布什: a kinship descriptor, no title)
            # 学者艾琳·索雷尔, 柏林艺术家劳尔·瓦尔希: a role noun of the dictionary ends the descriptor
            words = jieba_words()
            first = re.split("[·•]", part[m.start() :])[0]
            for i in range(m.start() + len(first) - 2, m.start(), -1):
                head = part[m.start() : i]
                if any(words.get(head[-n:], "").startswith("n") and not words[head[-n:]].startswith(("nr", "ns"))
                       for n in (3, 2) if len(head) >= n) and is_valid_name(part[i:], lex):
                    return part[:i], part[i:]
            if is_valid_name(part[m.start() :], lex) and (m.start() == 0 or _title_suffix(part[: m.start()], lex)):
                # 白宫顾问凯文·哈塞特: a title ends the descriptor; else the whole run is the name
                return part[: m.start()], part[m.start() :]
    for n in (3, 2, 4, 5, 6):
        if len(part) <= n:
            continue
        desc, name = part[:-n], part[-n:]
        # a 2-character transliterated name a title vouches for (尼泊尔总理奥利) when jieba
        # does not file it as an ordinary word
        vouched = n >= 3 or (
            is_transliterated(name, lex) and jieba_words().get(name, "nr")[:2] in ("nr", "ns", "nz")
        )
        if _title_suffix(desc, lex) and is_valid_name(name, lex, after_title=vouched):
            if n >= 3 and not is_valid_name(name, lex) and any(
                is_valid_name(part[-k:], lex) and _title_suffix(part[:-k], lex) for k in range(2, n)
            ):
                # a title ending the descriptor and a Chinese name are likelier than a long one
                continue
            return desc, name
    # 电梯维保员马先生, 营员斯仁道力玛: a role noun no title list holds (role_noun_endings.txt)
    # ends the descriptor when a valid Chinese name follows that is no dictionary word
    words = jieba_words()
    for n in (3, 2):
        desc, name = part[:-n], part[-n:]
        if (
            len(desc) >= 2 and _role_noun_end(desc, lex) and "\u4e00" <= desc[-2] <= "\u9fff"
            and is_valid_name(name, lex) and words.get(name, "nr").startswith("nr") and not desc.endswith("记者")
            and desc[-1] + name[0] not in words and desc[-2:] + name[0] not in words  # 主|席多次, 工|商联
            and not (n == 3 and words.get(name[:2], "nr")[:2] != "nr")  # 厚生|劳动省
            and not (n == 2 and name[0] == name[1])  # 列车员|齐齐回答: an adverb
            and not any(name.endswith(t) for t in lex.post_titles if t not in lex.honorifics)  # 周汉|华教授
        ):
            return desc, name
    for n in (6, 5, 4):
        desc, name = part[:-n], part[-n:]
        if (
            len(desc) >= 2 and desc[-1] in lex.role_endings and desc[-1] not in lex.translit_chars
            and "\u4e00" <= desc[-2] <= "\u9fff" and is_transliterated(name, lex) and is_valid_name(name, lex, after_title=True)
            and desc[-1] + name[0] not in words and name not in words
        ):
            return desc, name  # 营员斯仁道力玛: a transliterated name of 4-6 characters
    return None


# ----------------------------------------------------------------------------- areas


def split_area(org: str, lex: SpeakerLexicon) -> tuple[str | None, str]:
    """Split the leading chain of administrative areas off an organization string.

    ``金水区凤凰台街道办事处`` -> (``金水区``, ``凤凰台街道办事处``);
    ``湖北武汉市江岸区`` -> (``湖北武汉市江岸区``, ``""``). A bare province name (湖北) is taken
    only when a suffixed area follows it, so 上海体育学院 keeps its name.
    """
    memo = _lex_memo(lex)
    key = ("area", org)
    hit = memo.get(key)
    if hit is None:
        hit = memo[key] = _split_area(org, lex)
    return hit  # type: ignore[return-value]


def _split_area(org: str, lex: SpeakerLexicon) -> tuple[str | None, str]:
    pos = 0
    units: list[str] = []
    while pos < len(org):
        unit = _area_unit(org, pos, lex)
        if unit is None and not units:
            for bare in lex.area_names:
                if org.startswith(bare, pos):
                    nxt = _area_unit(org, pos + len(bare), lex)
                    if nxt:
                        unit = bare + nxt
                    break
        if unit is None:
            break
        units.append(unit)
        pos += len(unit)
    if not units:
        return None, org
    return "".join(units), org[pos:]


def _area_unit(s: str, pos: int, lex: SpeakerLexicon) -> str | None:
    for name_len in range(2, 9):
        end_name = pos + name_len
        if end_name >= len(s):
            return None
        if s[end_name - 1] in "、，,的（(·" or not ("\u4e00" <= s[end_name - 1] <= "\u9fff"):
            return None
        for suffix, _level in lex.area_suffixes:
            if s.startswith(suffix, end_name):
                unit = s[pos : end_name + len(suffix)]
                if any(unit.endswith(x) for x in lex.area_excluded):
                    continue
                if re.search(r"[委局院部厅司处所校会社园馆站队组办团]", unit[:-len(suffix)]):
                    return None
                return unit
    return None


def _area_level(area: str, lex: SpeakerLexicon) -> str | None:
    for suffix, level in lex.area_suffixes:
        if area.endswith(suffix):
            if level == "市" and area.endswith(("北京市", "天津市", "上海市", "重庆市")):
                return "省"
            return level
    return None


# ----------------------------------------------------------------------------- affiliations


def _territorial(org: str | None, lex: SpeakerLexicon) -> bool:
    if not org:
        return True
    area, rest = split_area(org, lex)
    if area and not rest:
        return True
    return org.endswith(_TERRITORIAL_END) and not org.endswith(("小区", "园区", "校区", "景区"))


def _title_modifier(org: str, lex: SpeakerLexicon) -> str | None:
    """The end of ``org`` that belongs to the title rather than to an organization.

    中国著名|指挥家 -> 著名, 现场|观众 -> 现场, 拾荒|阿婆 -> 拾荒, …学院原|教授 -> 原. A word listed
    with ``+`` in titles.txt counts anywhere; an adjective or verb (jieba's dictionary tag) only
    when nothing or a place name (中国) stands before it, so that an organization such as
    华为 or 监理公司 is never cut.
    """
    for k in (4, 3):
        suf, rest = org[-k:], org[:-k]
        if (
            len(org) > k and suf.endswith("学") and suf[-2:] not in ("大学", "中学", "小学")
            and jieba_words().get(suf, "") == "n" and rest.endswith(("院", "系", "所", "校", "学", "中心"))
        ):
            return suf  # 医学院|病毒学教授: a discipline belongs to the title
    for k in (3, 2, 1):
        if len(org) < k:
            continue
        suf, rest = org[-k:], org[:-k]
        if rest and len(suf) < 3 and rest[-1] + suf in jieba_words():
            continue  # 太原|市长: the character belongs to the word before it
        if suf in lex.title_modifiers:
            return suf
        if k >= 2:
            tag = jieba_words().get(suf, "")
            if tag in ("a", "v", "ad", "vn") and (
                not rest or jieba_words().get(rest, "") == "ns" or (len(rest) >= 3 and is_transliterated(rest, lex))
            ):  # 巴基斯坦|年轻 医生: a transliterated place the dictionary lacks
                return suf
    return None


# ends of organization names beyond org_suffixes.txt, for cutting a title's qualifier off an
# organization (…轧钢厂|机修工程师, 长岭村|萝卜种植大户)
_UNIT_CHARS = frozenset("会组室区学院校站所部处科局队社团村厂馆办委司厅中心岛州市县镇乡省党小划园点街")
_ORG_ENDS = ("村", "厂", "系", "队", "机构", "站", "店", "馆", "社", "台", "党中央", "联盟", "署", "团", "行", "中学", "小学")


def _org_tail(org: str, lex: SpeakerLexicon) -> str | None:
    """The words after the last organization suffix of ``org`` (at most 8 characters, no place),
    which qualify the title: 1250轧钢厂|机修 工程师, 巴西里约联邦大学|公共政策学 教授,
    国际原子能机构|代理 总干事. None when ``org`` has no such end or nothing follows it."""
    words = jieba_words()
    ends = sorted(
        {j + len(suf) for suf in (*lex.org_suffixes, *_ORG_ENDS) if (j := org.rfind(suf)) > 0}, reverse=True
    )
    best = -1
    for k, end in enumerate(ends):
        if end >= len(org):
            break  # the organization's own suffix ends it: no tail
        if (
            org[end - 1 : end + 1] in words or org[end] in "和与及"
            or (words.get(org[end - 2 : end], "")[:1] in ("f", "s") and not words.get(org[end - 3 : end], "").startswith("nt"))
            or words.get(org[end - 3 : end], "").startswith("ns")
        ):
            # 有米科|技…, 西部|战区, 北京中关村|…: the suffix is part of another word; the suffix
            # right before that word ends the organization (…榆次分局|办案, not …分局办|案)
            if k + 1 < len(ends) and ends[k + 1] == end - 1:
                continue
            return None
        best = end
        break
    tail = org[best:] if 0 < best < len(org) else ""
    if (
        not tail or len(tail) > 8 or not all("\u4e00" <= c <= "\u9fff" for c in tail)
        or tail[0] in "会员" or tail[-1] in _UNIT_CHARS
    ):
        return None  # 国际奥委|会, …村|小学, 反诈中心|接警组: the tail is a unit of its own
    if split_area(tail, lex)[0] or jieba_words().get(tail, "").startswith(("ns", "nt", "nr")):
        return None  # 中国驻|美国 大使, …|华为 : a place or a name is no qualifier
    return tail


def _affiliation(part: str, lex: SpeakerLexicon) -> Affiliation:
    title = _title_suffix(part, lex)
    if title is None:
        # 学者, 柏林艺术家: a role noun of the dictionary (…者, …家, …员, …师) is the title
        words = jieba_words()
        for n in (3, 2):
            tail = part[-n:]
            if len(part) >= n and tail[-1] in "者家员师" and words.get(tail, "").startswith("n"):
                title = tail
                break
    if title is None and part[-1:] in lex.role_endings:
        # 电梯维保员 (role_noun_endings.txt): the descriptor after its last unit is the role
        # (巴伐利亚州警察局|首席刑事调查官); with no unit, a short descriptor is the role
        cut = max((j for j in range(2, len(part) - 1) if part[:j].endswith(lex.org_suffixes)), default=0)
        area, rest = split_area(part, lex)
        if not cut and area and rest and len(rest) <= 6:
            cut = len(part) - len(rest)  # 北京市|电梯维保员
        if cut or len(part) <= 6:
            title = part[cut:]
    org = part[: -len(title)] if title else part
    if title and org:
        mod = _title_modifier(org, lex) or _org_tail(org, lex)
        if mod:
            org, title = org[: -len(mod)], mod + title
    if title and org in _BARE_UNITS:
        return Affiliation(organization=None, title=org + title)  # 村党支部书记: no unit is named
    if title:
        for organ in PARTY_ORGANS:
            if title.startswith(organ) and len(title) > len(organ) and (
                _territorial(org, lex) or (org and organ in _COMMITTEES)
            ):
                # 街道党工委书记: the committee is the organization, 书记 the title; a party
                # committee or leading group of any unit too (浙商银行党委|副书记, …检察院党组|书记),
                # but a branch only of a territory (…研究院|党支部书记, the sample's gold)
                org, title = org + organ, title[len(organ) :]
                break
    return Affiliation(organization=org or None, title=title)


def _affiliations(desc: str, lex: SpeakerLexicon) -> tuple[list[Affiliation], str | None]:
    """Affiliations and area of a descriptor such as ``A党工委书记、管委会主任``."""
    raw_parts = [p for p in re.split(r"([、兼])", desc) if p]
    parts: list[str] = []
    pending = ""
    for piece in raw_parts:
        if piece in "、兼":
            if pending and _title_suffix(pending, lex) is None and piece == "、":
                pending += piece  # 尼泊尔文化、旅游和民航部…: a part without a title is inside a name
            elif pending:
                parts.append(pending)
                pending = ""
            continue
        pending += piece
    if pending:
        parts.append(pending)
    affs: list[Affiliation] = []
    area: str | None = None
    prev_org: str | None = None
    for i, part in enumerate(parts):
        aff = _affiliation(part, lex)
        org = aff.organization
        if org:
            a, rest = split_area(org, lex)
            if a:
                area = area or a
                org = rest if rest and _SUBUNIT_RE.match(rest) and not rest.startswith(("乡村", "农业农村")) else org
            elif area and _AREA_ORGAN_RE.match(org) and len(org) <= 6:
                org = area + org  # 管委会主任 after 开发区党工委书记 belongs to the same area
        elif prev_org and aff.title and i > 0 and "兼" in desc and _title_suffix(parts[i - 1], lex) is not None:
            org = prev_org  # 董事长兼总经理: the second title shares the organization
            # (not after 、: 中心主任、高级工程师 lists a rank of its own)
        affs.append(Affiliation(organization=org, title=aff.title))
        prev_org = org
    return affs, area


# ----------------------------------------------------------------------------- rank


def _org_level(area: str | None, org: str | None, lex: SpeakerLexicon) -> str | None:
    full = (org or "") if (org and area and org.startswith(area)) else (area or "") + (org or "")
    if not full:
        return None
    if not area and _CENTRAL_RE.match(full):
        return "国家"
    if re.search(r"(?:街道|办事处|镇|乡)", org or ""):
        return "乡"
    level = _area_level(area, lex) if area else None
    if level is None:
        a, _ = split_area(full, lex)
        level = _area_level(a, lex) if a else None
    if level is None:
        return None
    rest = full[len(area) :] if area and full.startswith(area) else (org or "")
    if rest and _DEPARTMENT_RE.search(rest) and not _GOVERNING_RE.match(rest):
        return level + "部门"
    return level


def estimate_rank(
    title: str | None, area: str | None, org: str | None, lex: SpeakerLexicon
) -> str:
    """Rank band (省部级 … 乡科级) of a post from ``ranks.tsv``; 'unknown' when no row fits."""
    if not title:
        return "unknown"
    memo = _lex_memo(lex)
    key = ("rank", title, area, org)
    hit = memo.get(key)
    if hit is None:
        hit = memo[key] = _estimate_rank(title, area, org, lex)
    return hit  # type: ignore[return-value]


def _estimate_rank(title: str, area: str | None, org: str | None, lex: SpeakerLexicon) -> str:
    level = _org_level(area, org, lex)
    for lv, t, rank in lex.ranks:
        if t == title and (lv == level or lv == "*"):
            return rank
    return "unknown"


def _best_rank(affs: list[Affiliation], area: str | None, lex: SpeakerLexicon) -> str:
    order = ["省部级", "厅局级", "县处级", "乡科级"]
    found = [estimate_rank(a.title, area, a.organization, lex) for a in affs]
    known = [r for r in found if r in order]
    return min(known, key=order.index) if known else "unknown"


# ----------------------------------------------------------------------------- mentions


def _match_end(mention: str, table: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    for term, val in table:
        if mention.endswith(term):
            return term, val
    return None


def parse_speaker_mention(mention: str, *, lexicon_dir: Path | str | None = None) -> Speaker:
    """Parse a speaker mention into name, affiliations, area, role suffix, kind and rank.

    ``二七经济技术开发区党工委书记、管委会主任陈卫东`` ->
    name 陈卫东, area 二七经济技术开发区, affiliations [(二七经济技术开发区党工委, 书记),
    (二七经济技术开发区管委会, 主任)]. Collective mentions (大家, 与会同志) come back as kind
    'group', 全会 / 政府工作报告 as 'institution' / 'document', 陈书记 as a person without a
    name (the caller links it to the full mention), anything else as kind 'unknown'.
    """
    return _parse(mention.strip(), load_speaker_lexicon(lexicon_dir))


def _parse(m: str, lex: SpeakerLexicon) -> Speaker:
    """:func:`_parse_uncached`, memoised per lexicon; every call gets its own copy (callers
    may set fields on it), down to the affiliations."""
    memo = _lex_memo(lex)
    key = ("parse", m)
    sp = memo.get(key)
    if sp is None:
        sp = memo[key] = _parse_uncached(m, lex)
    out = Speaker.__new__(Speaker)  # a shallow copy without copy.copy's generic protocol
    out.__dict__.update(sp.__dict__)  # type: ignore[union-attr]
    out.affiliations = [Affiliation(a.organization, a.title) for a in sp.affiliations]  # type: ignore[union-attr]
    return out


def _parse_uncached(m: str, lex: SpeakerLexicon) -> Speaker:
    if not m:
        return Speaker(name=None, mention=m, kind="unknown")
    if m in _PRONOUNS:
        return Speaker(name=None, mention=m, kind="person")
    if any(m == term for term, _via in lex.groups):
        return Speaker(name=None, mention=m, kind="group")
    for term, kind in lex.institutions:
        if m == term:
            return Speaker(name=m, mention=m, kind=kind)
    person = _parse_person(m, lex)
    if person is not None:
        return person
    hit = _match_end(m, lex.groups)
    if hit:
        org = m[: -len(hit[0])] or None
        affs = [Affiliation(organization=org, title=None)] if org else []
        return Speaker(name=None, mention=m, kind="group", affiliations=affs)
    if re.fullmatch(r"《[^》]+》", m):
        return Speaker(name=m, mention=m, kind="document")
    hit = _match_end(m, lex.institutions)
    if hit:
        return Speaker(name=m, mention=m, kind=hit[1])
    title = _title_suffix(m, lex)
    if title and len(m) > len(title):
        affs, area = _affiliations(m, lex)
        return Speaker(
            name=None, mention=m, kind="person", affiliations=affs, area=area,
            rank=_best_rank(affs, area, lex),
        )
    if any(m.endswith(s) for s in lex.org_suffixes) and len(m) >= 3:
        return Speaker(name=m, mention=m, kind="institution")
    return Speaker(name=None, mention=m, kind="unknown")


def _parse_person(m: str, lex: SpeakerLexicon) -> Speaker | None:
    role = None
    core = m
    for suf in _ROLE_SUFFIXES:
        if m.endswith(suf) and len(m) > len(suf) + 1:
            inner = _parse_person_core(m[: -len(suf)], lex)
            if inner is not None and inner.name:
                inner.mention, inner.role_suffix = m, suf
                return inner
    sp = _parse_person_core(core, lex)
    if sp is not None:
        sp.mention = m
        sp.role_suffix = sp.role_suffix or role
    return sp


def short_form_surname(mention: str, lex: SpeakerLexicon) -> str | None:
    """The surname of a short form that names no one in full (老王, 汪老, 陈书记), else None."""
    m = mention
    if len(m) == 2 and m[0] in "老小" and m[1] in lex.surnames:
        return m[1]
    if len(m) == 2 and m[1] == "老" and m[0] in lex.surnames:
        return m[0]
    if len(m) >= 2 and m[0] in lex.surnames and _title_suffix(m[1:], lex) == m[1:]:
        return m[0]
    if len(m) >= 3 and m[:2] in lex.compound_surnames and _title_suffix(m[2:], lex) == m[2:]:
        return m[:2]
    return None


def _parse_person_core(m: str, lex: SpeakerLexicon) -> Speaker | None:
    for t in lex.post_titles if ("·" in m or "•" in m) else ():
        head = m[: -len(t)]
        if m.endswith(t) and "·" in head and re.search(r"·[\u4e00-\u9fff]{2,}$", head):
            # 英国前外交大臣威廉·黑格勋爵: a ·-name runs on into the title after it
            inner = _parse_person_core(head, lex)
            if inner is not None and inner.name and inner.name.endswith(head.rsplit("·", 1)[1]):
                inner.mention = m
                if t not in lex.honorifics and t not in _ROLE_SUFFIXES:
                    inner.affiliations = [*inner.affiliations, Affiliation(organization=None, title=t)]
                return inner
    for rel in lex.relations:
        j = m.rfind(rel)
        if j < 0 or not 2 <= len(m) - j - len(rel) <= 4:
            continue
        head, name = m[:j], m[j + len(rel) :]
        if (not head or head.endswith("的") or head in _PRONOUNS) and is_valid_name(name, lex):
            # 老晏的妻子徐德美, 同事陈国兴: a relation, no title; the name after it is a person's
            return Speaker(name=name, mention=m, kind="person")
    parts = re.split(r"[、兼]", m)
    last = parts[-1]
    split = _split_name(last, lex)
    if split is not None:
        name = split[1]
        desc = m[: len(m) - len(name)]
        affs, area = ([], None) if desc.endswith(_KIN_ENDS) else _affiliations(desc, lex)
        return Speaker(
            name=name, mention=m, kind="person", affiliations=affs, area=area,
            rank=_best_rank(affs, area, lex),
        )
    if len(parts) > 1:
        # 新环保法立法亲历者之一、中国人民大学法学院周珂教授: the last part alone names the person
        inner = _parse_person_core(last, lex) if len(last) >= 4 else None
        if inner is not None and inner.name and inner.affiliations:
            inner.mention = m
            return inner
        return None
    # name + post-name title: 习近平总书记, 李涛代表; surname + title: 陈书记
    for t in lex.post_titles:
        if m.endswith(t) and len(m) > len(t):
            head = m[: -len(t)]
            for k in (3, 2):
                org, name = head[:-k], head[-k:]
                if (
                    t not in _ROLE_SUFFIXES and t not in lex.honorifics and len(org) >= 2
                    and is_valid_name(name, lex) and any(org.endswith(x) for x in lex.org_suffixes)
                ):
                    # 中国人民大学法学院周珂教授: organization, name, then the title
                    affs, area = _affiliations(org + t, lex)
                    return Speaker(
                        name=name, mention=m, kind="person", affiliations=affs, area=area,
                        rank=_best_rank(affs, area, lex),
                    )
            if is_valid_name(head, lex) and not (
                t not in lex.honorifics and t not in _ROLE_SUFFIXES
                and (jieba_words().get(head, "nr")[:2] in ("ns", "nt") or head.endswith("国"))
            ):
                # (韩国总统 is a country and its title, not a person 韩国)
                sp = Speaker(name=head, mention=m, kind="person")
                if t in _ROLE_SUFFIXES:
                    sp.role_suffix = t
                elif t not in lex.honorifics:
                    sp.affiliations = [Affiliation(organization=None, title=t)]
                    sp.rank = estimate_rank(t, None, None, lex)
                return sp
            if len(head) >= 4 and t not in _ROLE_SUFFIXES:
                # 网龙网络公司首席执行官熊立博士: a full mention, then a title after the name
                inner = _parse_person_core(head, lex)
                if inner is not None and inner.name and inner.affiliations and head.endswith(inner.name):
                    inner.mention = m
                    if t not in lex.honorifics:
                        inner.affiliations = [*inner.affiliations, Affiliation(organization=None, title=t)]
                        inner.rank = _best_rank(inner.affiliations, inner.area, lex)
                    return inner
    if len(m) >= 2 and m[0] in lex.surnames:
        title = _title_suffix(m[1:], lex)
        if title and len(title) == len(m) - 1:
            return Speaker(
                name=None, mention=m, kind="person",
                affiliations=[Affiliation(organization=None, title=title)],
            )
    if (re.fullmatch(r"[老小][\u4e00-\u9fff]", m) and m[1] in lex.surnames) or (
        re.fullmatch(r"[\u4e00-\u9fff]老", m) and m[0] in lex.surnames
    ):
        # 老王, 小李, 汪老: a familiar short form; the caller links it to the full name
        return Speaker(name=None, mention=m, kind="person")
    if is_valid_name(m, lex):
        return Speaker(name=m, mention=m, kind="person")
    return None
