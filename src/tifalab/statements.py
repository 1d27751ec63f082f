"""Who said what: direct and indirect statements, their speakers, and quoted terms.

Why this shape: in official news a quotation mark does two jobs. It marks speech
(“……”某某表示) and it marks names and slogans (“一区、两街、三园、四城”). Political scientists
need the first as statements with structured speakers and the second as term quotes, never
mixed. A quote therefore counts as speech only when a reporting verb or a colon next to it
attributes it to a speaker, or when it is sentence-like text in a paragraph whose speaker is
known; everything else is a term quote.

Speakers are resolved across the article (one record per person): a later bare name,
surname + title (陈书记), name + suffix (李涛代表) or pronoun (他说) links to the person
introduced earlier, so that researchers can count statements per person.

All offsets index into the normalized article text; ``text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from tifalab.model import Affiliation, Paragraph, Speaker, Statement, TermQuote
from tifalab.speakers import (
    SpeakerLexicon,
    _parse,
    is_transliterated,
    is_valid_name,
    jieba_four_char_words,
    jieba_words,
    load_speaker_lexicon,
    short_form_surname,
    split_area,
)

__all__ = ["StatementResult", "extract_statements", "find_quotes"]

SEARCHED_KINDS = ("body", "heading")
_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"', "'": "'"}
_TOP_OPEN = "“「『‘\""
# Every character find_quotes acts on (all opening and closing marks); it skips the rest.
_QUOTE_MARK_RE = re.compile("[" + re.escape("".join(sorted(set(_PAIRS) | set(_PAIRS.values())))) + "]")
_CLOSERS = set("”」』’")
_BOUNDARY = set("。！？!?；;，,：:“”「」『』\"()（）【】\n\r\t 　…—")
_AFTER_VERB_OK = set("，,：:。！!？?；;“「『\"")
_SENT_END = set("。！？!?…")
# a verb-led time clause: 参加政协经济界委员联组会时 (never part of the speaker mention)
_VERB_TIME = r"(?:参加|出席|主持|考察|视察|会见|看望|听取|接见|调研)[^，。“”：:,]{1,25}?(?:时|期间|之际)"
_VERB_TIME_END_RE = re.compile(_VERB_TIME + "$")
# 习近平总书记参加政协经济界委员联组会|指出: the meeting attended, no speaker of its own
_MEETING = (
    r"(?:参加|出席|主持|列席)[^，。“”：:,]{1,25}?"
    r"(?:联组会|座谈会|会议|大会|论坛|审议|典礼|仪式|开幕式|闭幕式|活动)并?"
)
_MEETING_END_RE = re.compile(_MEETING + "$")
_OCCASION_INSIDE_RE = re.compile(r"在(?:参加|出席|主持|考察|视察|调研|会见|接见|听取)")
# the act of issuing a text (发表声明, 致贺电): between the issuer and the verb, never a speaker itself
_WRITING = ("撰文", "著文", "发文")  # 斯巴修撰文表示: 修撰 is a word, but 撰文 follows the name
_ISSUED = (
    r"(?:发表(?:书面|视频|电视|公开|主旨|重要|新年|专题)?(?:声明|讲话|谈话|演讲|致辞|署名文章)|致(?:贺电|贺信|信|函|电)|"
    r"在[^，。“”：:,]{1,8}(?:撰文|发文)|" + "|".join(_WRITING) + ")"
)
_ISSUED_END_RE = re.compile(_ISSUED + "$")
_ADV_TOKEN = (
    r"(?:一致|也|还|都|则|就|又|再次|同时|进一步|更是|纷纷|均|曾|已|仍|亦|便|随即|当即|当场|首先|最后"
    r"|一度|接着|继而|耐心|坦诚|动情|激动|兴奋|高兴|自豪|感慨|深情|笑着|笑|一再|反复|多次|曾经|不止一次|早就"
    r"|特别|专门|特意|特地|亲自|一边|一面|明确|公开|首次|正式|坦率|由衷|深有感触|语重心长|应询|应约|应邀|答问时|[\u4e00-\u9fff]{1,4}地"
    r"|完全|充分|始终|一直|十分|非常|坚定|衷心|真诚|深深|更加|仍然|依然|致辞时?|发言时?|讲话时?"
    r"|郑重|严肃|认真|诚恳|详细|逐一|再三|热情|亲切|幽默|风趣|再一次|又一次|近期|坚持(?=认为)|赛后|赛前|会前|课后|事后|[\u4e00-\u9fff]{1,2}着(?!急|想|手|力|眼|重)"
    r"|代表[^，。“”：:,]{2,12}?(?:发言|讲话|致辞|作[^，。“”：:,]{0,6}报告)时?|代表[^，。“”：:,]{0,8}?(?:政府|人民)"  # …库雷希代表巴政府|强调
    r"|" + _ISSUED +
    r"|在(?:[^，。“”：:,]|“[^“”，。：]{1,20}”){1,30}?(?:时|上|中|里|后|前|期间|之际|之时|间)"
    r"|在[^，。“”：:,《》]{0,12}《[^》，。]{1,20}》(?:的?[\u4e00-\u9fff]{0,3}?(?:中|上|里))?"  # 白达宁在意大利《宣言报》撰文说, 在题为《…》的信中写道
    r"|(?:听|看|读|参观|考察|调研|了解|得知|听说|获悉|视察|回国|返回)(?:完|罢)?后"  # 周鹏盛参观后感慨道
    r"|" + _MEETING +
    r"|" + _VERB_TIME +
    r"|(?:对|向|跟|给)(?:本报|新华社)?(?:记者|我们|笔者|大家|媒体)|(?:接受)?(?:本报|新华社)?(?:记者)?(?:采访|专访)时?"
    r"|日前|近日|当天|昨天|今天|此前|最近|近来|不久前|前不久|随后|会上|会后|并|并且|(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:晚|上午|下午)?)"
)
_ADV_RE = re.compile(f"(?:{_ADV_TOKEN})*")
# listed four-character adverbs: 柯俊|语重心长地说, never 柯俊语 + 重心长地
_FOUR_CHAR_ADVERBS = frozenset(re.findall(r"(?<=[(|])([\u4e00-\u9fff]{4})(?=[|)])", _ADV_TOKEN))
_LEAD_RE = re.compile(
    r"^(?:据|正如|正像|就像|对此|对于此|会上|随后|其中|同时|此外|另外|当天|日前|近日|如今|现在|最后|为此|其间|期间|而|但|可|并|也"
    r"|请|就是|是|这是|这就是|正是|[他她]就是|[他她]正是|来到|根据|一边|一面|在(?=[\u4e00-\u9fff\d]{2,}(?:厂|公司|医院|学校|大学|村|社区|街道|镇|乡|县|市|省)))+"
)
# a person cited through a medium: …援引X的话 / …刊发X的评论 (+ 报道) right before the verb
_CITED_RE = re.compile(
    r"(?:援引|引述|引用|刊发|刊登|发表)([^，。“”：:,]{2,40}?)的(?:话|发言|表态|评论|文章|讲话|观点|署名文章)(?:报道)?$"
)
_CITE_VERB_RE = re.compile(r".*(?:援引|引述|引用|刊发|刊登|邀请|见到|遇到|采访了?|结识|得知|获悉|听说|同意)")
_NARRATIVE_STOP = re.compile(r"(?<=[。！？!?])(?:据了解|据悉|据介绍|据统计|记者(?:了解到|看到|注意到|获悉|发现))")
# a reporting verb + 了 + a short object before a colon: 他道出了实情：…, 道出“秘诀”：…, and a longer
# object that names an opinion: 分享了他100多天战“疫”的感想：…
_VERB_OBJECT_RE = re.compile(
    r"了[\u4e00-\u9fff]{1,4}[：:]|了?“[^”“\n]{1,6}”[：:]"
    r"|了?(?:[^，。：:“”\n]|“[^“”\n]{1,6}”){0,24}?的?(?:感想|体会|心得|看法|观点|感受|想法|经验)[：:]"
    # 感慨良多：…, 提出3点关键请求：…, 提出三点主张：…
    r"|(?:良多|万千|不已|连连)[：:，,]"
    r"|了?(?:[\d一二三四五六七八九十两几]+[点条项个])?[\u4e00-\u9fff]{0,4}?(?:请求|主张|建议|意见|要求|倡议|希望|期望)[：:]"
    # the ones addressed, then a quote: 郑重提醒大家，“针尖大的窟窿能漏过斗大的风”
    r"|(?:大家|大伙儿?|我们|同志们|全党|全体[\u4e00-\u9fff]{1,6}|[\u4e00-\u9fff]{1,6}?们)[：:，,](?=[ \u3000]*“)"
)
# any short object before a colon and a quote (告诉总书记：“…”, 说到今天的湖北景象：“…”): not for
# the verbs that report only before a colon (…谭德塞在大会发言|中指出：“…” is 指出's)
_VERB_OBJECT_ANY_RE = re.compile(r"(?![的地得])[^，。：:“”！？；\n]{1,10}[：:](?=[ \u3000]*“)")
# the one addressed by a verb of telling, then 说 or a colon before the words: 叮嘱有关部门和地方
# 负责人说，各地要…; 嘱咐身边的工作人员：不许…
_ADDRESSED_RE = re.compile(r"(?![的地得])[^，。：:“”！？；\n]{1,14}?(?:(?<!时)说|(?<![知难])道)[：:，,]|(?![的地得])[^，。：:“”！？；\n]{1,12}[：:]")
_WEN_WORDS = frozenset({"问责", "问题", "问候", "问卷", "问世", "问津", "问诊", "问鼎", "问路", "问安", "问政"})
_TELLING = frozenset({"叮嘱", "嘱咐", "告诉", "提醒", "告诫", "问", "回答", "答复", "交代", "叮咛"})
# verbs that report words only when a colon (or an opinion named as their object) follows them
_COLON_ONLY = frozenset({"分享", "发言", "致辞"})
# 该团团长 / 本院院长: a demonstrative organization that stands for one named just before
_DEMONSTRATIVE_ORG_RE = re.compile(r"^[该本]([\u4e00-\u9fff]{1,2})$")
# before a name, words that make it an object, not the subject (说服了…郭璐萍, 对郭璐萍, 让他)
_OBJECT_CUE_RE = re.compile(r"说服|让|请|叫|劝|派|要求|告诉|给|对|向|把|被|和|与|同|跟|为|替|见到|看望|问")
# verbs whose object a person is (输给了…科内特, 会见…): that person is no subject of the clause
_CONTEXT_OBJECT_RE = re.compile(
    r"输给|战胜|击败|会见|会晤|接见|看望|慰问|采访|授予|表彰|邀请|陪同|欢迎|感谢|告诉|问|对|向|给|让|请|把|被|跟"
)
_TO_OBJECT_RE = re.compile(r"(?<=[\u4e00-\u9fff])[对向跟给][\u4e00-\u9fff]{1,6}$")
_TO_PERSON_RE = re.compile(
    r"[对向跟给](?:[\u4e00-\u9fff]{2,3}|(?:现场|在场|与会|来访|前来[\u4e00-\u9fff]{0,2}的?)[\u4e00-\u9fff]{2,3})"
    r"(?=说|讲|表示|介绍|解释|坦言|感慨|回忆|强调|$)"
)  # 张雁彬向现场嘉宾|介绍
_HEADING_NAME_RE = re.compile(r"[ \u3000]*([\u4e00-\u9fff]{2,5}(?:·[\u4e00-\u9fff]{2,8})?)(代表|委员)")
_SUBJECT_FOLLOW = set("说表认介指强告是在也还都就带已曾将从坦直感透回解提要希建呼宣率主出接问答笑忙连赶")
_PERSON_FOLLOW = set("说表认介指强告是在的对和与也还都就带等为已曾将从把被向跟给所看坦直感透回解提要希建呼宣率主出接")


@dataclass
class StatementResult:
    """What :func:`extract_statements` finds in one article."""

    statements: list[Statement] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    term_quotes: list[TermQuote] = field(default_factory=list)


@dataclass
class _Quote:
    para: int  # position in the searched paragraph list
    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when it runs to the paragraph end
    cstart: int
    cend: int
    mark: str
    inner: list[tuple[int, int]] = field(default_factory=list)  # nested quotes' content spans
    prev: _Quote | None = None  # previous piece of a multi-paragraph quote
    next: _Quote | None = None
    anchor: _Trigger | None = None  # the trigger that attributes it
    continuation_of: _Trigger | None = None
    # “A”X说：“B”: the trigger after A introduces B; A is X's too unless something else claims it
    split_of: _Trigger | None = None


@dataclass
class _Trigger:
    para: int
    clause_start: int  # start of the clause holding subject + verb
    mstart: int  # mention span
    mend: int
    verb: str
    vstart: int
    vend: int
    parsed: Speaker
    indirect_start: int | None = None
    resolved: Speaker | None = None
    via: str = "name"
    co: list[str] = field(default_factory=list)  # 二阶俊博、…齐藤铁夫…等…认为: the others of a joint subject


# ----------------------------------------------------------------------------- quotes


def find_quotes(text: str, start: int, end: int) -> list[tuple[int, int | None, str, list[tuple[int, int]]]]:
    """Top-level quotes in ``text[start:end]``: (open offset, close offset or None, mark, inner spans).

    Full-width and straight marks are treated alike; an opening mark without its closing one
    runs to the end of the span (multi-paragraph quotes repeat only the opening mark).
    """
    out: list[tuple[int, int | None, str, list[tuple[int, int]]]] = []
    top: tuple[str, int] | None = None
    inner_stack: list[tuple[str, int]] = []
    inner: list[tuple[int, int]] = []
    # Only quotation marks change the state below, so the loop visits just their positions
    # (found by a regex in C) instead of every character of the paragraph.
    for mark_m in _QUOTE_MARK_RE.finditer(text, start, end):
        i = mark_m.start()
        ch = text[i]
        if top is None:
            if ch in _TOP_OPEN:
                if ch == "'" and not _straight_single_ok(text, i, start, end):
                    continue
                top, inner_stack, inner = (ch, i), [], []
        else:
            mark, pos = top
            closer = _PAIRS[mark]
            if inner_stack and ch == _PAIRS[inner_stack[-1][0]]:
                _m2, p2 = inner_stack.pop()
                inner.append((p2 + 1, i))
            elif ch == closer and not inner_stack:
                out.append((pos, i, mark, inner))
                top = None
            elif ch in _PAIRS and ch not in ("'",) and ch != closer:
                inner_stack.append((ch, i))
            elif ch == closer and inner_stack:
                # a closer while an inner quote is open: the inner one was never closed
                inner_stack.clear()
                out.append((pos, i, mark, inner))
                top = None
    if top is not None:
        out.append((top[1], None, top[0], inner))
    return out


def _straight_single_ok(text: str, i: int, start: int, end: int) -> bool:
    # an apostrophe between Latin letters (Xi'an, don't) is not a quote
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum())


_SENT_END_RE = re.compile("[。！？!?…]")
_CLAUSE_PUNCT_RE = re.compile("[，,；;：:]")


def _is_sentence_like(s: str) -> bool:
    s = s.strip()
    if _SENT_END_RE.search(s):
        return True
    return len(s) >= 12 and _CLAUSE_PUNCT_RE.search(s) is not None


# ----------------------------------------------------------------------------- lexicon helpers


def _trie_pattern(words: Sequence[str]) -> str:
    """A regex that matches the same strings as the alternation of ``words`` longest first, but
    factored as a trie (副(?:主席|总理)…): Python's ``re`` tries an alternation's branches one by
    one at every position, and with some 700 titles that scan was the slowest step of the module.
    Greedy optional tails keep the longest-match-first order, backtracking included."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return ("(?:" + body + ")?") if len(branches) == 1 and len(branches[0]) > 1 else body + "?"
        return body

    return "(?:" + build(trie) + ")"


@cache
def _verb_re(verbs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_trie_pattern(verbs))


@cache
def _title_name_re(titles: frozenset[str]) -> re.Pattern[str]:
    return re.compile(_trie_pattern([t for t in titles if len(t) >= 2]) + r"(?=[\u4e00-\u9fff])")


@cache
def _jieba_tagger():  # type: ignore[no-untyped-def]
    """A private rjieba instance (never the global one), used only to resolve pronouns."""
    from tifalab.jieba_shared import shared_rjieba  # one instance per process, never given words

    return shared_rjieba()


# ----------------------------------------------------------------------------- speakers in clauses


def _clause_start(text: str, pos: int, lo: int) -> int:
    """Where the clause ending at ``pos`` starts. A short parenthesis glued to the words on both
    sides is inside the clause: 中译语通科技（陕西）有限公司…总监吴军说."""
    i = pos
    while True:
        while i > lo and text[i - 1] not in _BOUNDARY:
            i -= 1
        if i - 1 > lo and i < pos and text[i - 1] in "）)":
            j = max(text.rfind("（", max(lo, i - 14), i - 1), text.rfind("(", max(lo, i - 14), i - 1))
            if (
                j > lo and text[j - 1] not in _BOUNDARY and not any(c in _BOUNDARY for c in text[j + 1 : i - 1])
                and text[j + 1 : i - 1] != "化名"  # 阿B（化名）: the pseudonym rules read the mark
            ):
                i = j
                continue
        return i


def _find_speaker(
    text: str, s0: int, s1: int, verb: str, lex: SpeakerLexicon, known: frozenset[str] = frozenset()
) -> tuple[Speaker, int, int] | None:
    """The speaker mention inside clause ``text[s0:s1]`` that ends before the verb.

    Leading connectives (据, 对此) and trailing adverbials (一致, 在接受采访时, 激动地对记者)
    are stripped; a narrative prefix ending in 的 (62岁的…居民陈华) is dropped.
    """
    clause = text[s0:s1]
    if not clause or len(clause) > 80:
        return None
    caused = _CAUSED_RE.search(clause)
    if caused and (caused.group(1) in ("他", "她") or caused.group(1) in known):
        # 形势的不断变化让他|感慨：“…” / …让王丰华|感慨: the one made to speak speaks
        sp = Speaker(name=None if caused.group(1) in ("他", "她") else caused.group(1), mention=caused.group(1), kind="person")
        return sp, s0 + caused.start(1), s1
    cited = _CITED_RE.search(clause)
    if cited:
        # 《联合早报》援引新加坡总理李显龙的话表示 / 俄新社刊发…主任X的评论指出: the cited person
        return _find_speaker(text, s0 + cited.start(1), s0 + cited.end(1), verb, lex, known)
    lead = _LEAD_RE.match(clause)
    off = lead.end() if lead else 0
    if s0 >= 5 and text[s0 - 1] in "）)" and _ADV_RE.fullmatch(clause[off:]):
        mark = _PSEUDONYM_MARK_RE.search(text, s0 - 4, s0)
        for name in known if mark and mark.end() == s0 else ():
            if text.endswith(name, 0, mark.start()):  # type: ignore[union-attr]
                a = mark.start() - len(name)  # type: ignore[union-attr]
                return Speaker(name=name, mention=name, kind="person"), a, s1  # 阿B（化名）向媒体|表示
    if lead and lead.group().startswith(("正如", "正像", "就像")) and clause.endswith("所"):
        return _find_speaker(text, s0, s1 - 1, verb, lex, known)  # 正如X所评价: 所 is no part of X
    if verb == "看来" and clause[off:].startswith("在"):
        off += 1
    for k in range(len(clause), off, -1):
        tail = clause[k:]
        if tail and not _adverbial(tail):
            continue
        head = clause[off:k]
        starts = [off]
        if "的" in head:
            # an apposition is cut after its last 的 (研究新发传染病的学者X): that reading first
            starts.insert(0, off + head.rindex("的") + 1)
        for st in starts:
            cand = clause[st:k]
            if not cand or _VERB_TIME_END_RE.search(cand) or _MEETING_END_RE.search(cand, 2):
                continue
            if _OCCASION_INSIDE_RE.search(cand, 1):
                continue  # 习近平总书记在参加他所|在的…审议时强调: an occasion cut in two, no speaker
            if cand[0] in "对向跟给" and _ADV_RE.fullmatch(cand):
                continue  # …，一边|向我们|介绍着: the ones spoken to, the subject is before
            sp = _parse(cand, lex)
            if cand in known and not (sp.kind == "person" and sp.name == cand):
                sp = Speaker(name=cand, mention=cand, kind="person")  # 勒奇米, introduced earlier
            elif sp.kind == "unknown" and cand not in lex.countries and (
                _bare_translit_name(cand, lex) or _tagged_as_name(cand)
            ):
                sp = Speaker(name=cand, mention=cand, kind="person")  # 约翰逊则表示, 图阿劳勒雷说
            if sp.kind == "unknown" or (sp.kind in ("document", "institution") and _ISSUED_END_RE.search(cand)):
                continue  # 行政长官林郑月娥发表声明|表示: the issuer speaks, not 声明
            if sp.kind in ("document", "institution", "group") and _ADDRESSEE_INSIDE_RE.search(cand):
                continue  # …每天傍晚还要向保护区管理局|汇报: the one reported to, not the speaker
            j = cand.find("代表", 1)
            if sp.kind in ("document", "institution", "group") and j > 0 and _ADV_RE.fullmatch(cand[j:] + tail):
                continue  # 葛均波委员|代表九三学社中央发言时|说: the member speaks for the party
            if (
                sp.kind == "person" and sp.name is None and cand not in ("他", "她")
                and not sp.affiliations and short_form_surname(cand, lex) is None
            ):
                continue
            if sp.kind == "person" and sp.name is None and (to := _TO_OBJECT_RE.search(cand)) and (
                (head_sp := _parse(cand[: to.start()], lex)).kind == "person" and head_sp.name
            ):
                continue  # 谭德塞|向成员提出: the one spoken to is no part of the speaker
            if sp.kind == "person" and sp.name and sp.name == cand and cand not in known and not _bare_name_ok(cand):
                continue
            if (
                sp.kind == "person" and sp.name and sp.name not in known
                and any(sp.name.startswith(n) and _ADV_RE.fullmatch(sp.name[len(n):] + tail) for n in known)
            ):
                continue  # 拉夫罗夫|曾一度表示: a known name followed by adverbs

            if (
                sp.kind == "person" and sp.name and tail and sp.name not in known
                and (len(sp.name) == 3 or (len(sp.name) == 4 and sp.name[0] in lex.surnames and not is_transliterated(sp.name, lex)))
                and cand.endswith(sp.name) and not tail.startswith(_WRITING)
                and (sp.name[-1] + tail[0] in _jieba_words() or (sp.name[-1] + tail)[:4] in _FOUR_CHAR_ADVERBS)
            ):
                continue  # 陈华高兴地说: 高 starts 高兴, the name is 陈华
            return sp, s0 + st, s0 + k
    return None


_jieba_words = jieba_words
# the one a cause makes speak, right before the verb: …让他|感慨, …令她|感叹, …使王丰华|说
_CAUSED_RE = re.compile(r"(?:让|令|使)(他|她|[\u4e00-\u9fff]{2,4})(?:不禁|不由得|不住|再次|深有感触地)?$")
# a preposition of the one addressed inside a candidate, after adverbs (还要向, 每天都向): no speaker
_ADDRESSEE_INSIDE_RE = re.compile(r"(?:^|还要|还|也|都|要|就|又|将|每天)[向对跟给](?=[\u4e00-\u9fff]{2})|把")  # (回家把决定|告诉)


def _bare_translit_name(cand: str, lex: SpeakerLexicon) -> bool:
    """A run of 4–6 transliteration characters that is no word and no area (图阿劳勒雷说): longer
    than Chinese names and place names jieba does not list are rare as a clause's subject."""
    return (
        4 <= len(cand) <= 6 and is_transliterated(cand, lex) and cand not in _jieba_words()
        and split_area(cand, lex)[0] is None
    )


def _adverbial(s: str) -> bool:
    """Adverbials between a subject and its verb: the listed ones (_ADV_RE), or one adverb of
    jieba's dictionary before them (王新云逐一介绍, 他再三强调)."""
    if _ADV_RE.fullmatch(s):
        return True
    words = _jieba_words()
    m = _TO_PERSON_RE.match(s)
    if m and _adverbial(s[m.end() :]):
        return True  # 金波对郑勇说: the person spoken to
    for n in (2, 3):
        if len(s) >= n and words.get(s[:n], "")[:2] in ("d", "ad") and _ADV_RE.fullmatch(s[n:]):
            return True
    return False


def _tagged_as_name(cand: str) -> bool:
    """A short clause subject the tagger reads as one person name (POS only where it adds)."""
    if not (2 <= len(cand) <= 6) or not all("\u4e00" <= c <= "\u9fff" or c == "·" for c in cand):
        return False
    toks = _jieba_tagger().tag(cand)
    return len(toks) == 1 and toks[0][1] in ("nr", "nrfg", "nrt")


def _bare_name_ok(name: str) -> bool:
    """A name standing alone (no title vouches for it) is no dictionary word other than a name,
    nor a noun and a localizer (信中), and a 3-character one does not open with such a word
    (文章中, 纷至沓 of 纷至沓来)."""
    if "·" in name:
        return True
    if len(name) == 2 and name[1] in "中里上内":
        return False  # …的信中写道: a noun and a localizer, no name
    words = _jieba_words()
    if name[0] in _LINK_AFTER_NAME and name[1:] in words:
        return False  # 阿B（化名）向媒体表示: a preposition and a word
    tag = words.get(name)
    if tag is not None and not tag.startswith("nr"):
        return False
    head = words.get(name[:2]) if len(name) == 3 else None
    return head is None or head.startswith("nr")


# ----------------------------------------------------------------------------- narrative persons


def _narrative_persons(
    text: str, paras: Sequence[Paragraph], lex: SpeakerLexicon
) -> list[tuple[int, Speaker]]:
    """Persons introduced with a title anywhere in the searched paragraphs: (name end, speaker)."""
    out: list[tuple[int, Speaker]] = []
    rx = _title_name_re(lex.titles)
    for p in paras:
        ends: set[int] = set()  # where earlier persons' names end in this paragraph
        for m in rx.finditer(text, p.start, p.end):
            name = _name_at(text, m.end(), p.end, lex)
            if not name or (m.group() == "代表" and _ON_BEHALF_RE.match(text, m.end() + len(name))):
                continue  # 费萨尔代表沙特政府和人民: 代表 is a verb there, 沙特 a country
            if _unit_before_title(text, m.end() + len(name), p.end, rx, lex):
                continue  # 上海市公安局长|宁分局法制支队副支队长侯晓燕: the "name" is part of a unit
            c0 = _clause_start(text, m.start(), p.start)
            # 第一副总理博罗诺夫、阿塞拜疆副总理阿布塔利博夫: a list of persons, not one long title
            c0 = max([c0] + [j + 1 for j in ends if c0 <= j < m.start() and text[j] == "、"])
            ends.add(m.end() + len(name))
            lead = _LEAD_RE.match(text[c0 : m.start()])
            c0 = c0 + lead.end() if lead else c0
            mention = text[c0 : m.end() + len(name)]
            if "的" in mention:
                mention = mention[mention.rindex("的") + 1 :]
            cite = _CITE_VERB_RE.search(mention)
            if cite:
                mention = mention[cite.end() :]  # 《联合早报》援引|新加坡总理李显龙
            mention = _cut_after_other_person(mention, m.start() - (m.end() + len(name) - len(mention)), rx, lex)
            sp = _parse(mention, lex)
            if sp.kind != "person" or sp.name != name:
                sp = _parse(text[m.start() : m.end() + len(name)], lex)
            if sp.kind == "person" and sp.name == name:
                out.append((m.end() + len(name), _resolve_demonstrative_org(text, sp, c0, p.start)))
    return out


_UNIT_TAILS = ("队", "所", "站", "科", "组")  # units below an office (法制支队, 派出所)


def _unit_before_title(text: str, i: int, end: int, rx: re.Pattern[str], lex: SpeakerLexicon) -> bool:
    """Whether a unit, a title and a valid name follow within 12 characters of ``i`` with nothing
    between that breaks a clause or joins a list: then what stood at ``i`` is a unit's name
    (…公安局长宁分局|法制支队副支队长侯晓燕), not a person's, for persons are listed with 、/和."""
    nxt = rx.search(text, i, min(end, i + 16))
    if nxt is None or nxt.start() - i > 12 or nxt.start() == i:
        return False
    gap = text[i : nxt.start()]
    tails = lex.org_suffixes + _UNIT_TAILS
    if len(gap) < 2 or not any(gap[:j].endswith(tails) for j in range(2, len(gap) + 1)) or any(c in _BOUNDARY or c in "、和与及同在于向对为被由从把将" for c in gap):
        return False  # (the words between must hold a unit: 法制支队|副)
    words = _jieba_words()
    if any(words.get(gap[j : j + 2], "").startswith("v") for j in range(len(gap) - 1)):
        return False  # 陈垚|匆匆找到医疗队…书记陈时洪: a verb, so a clause, no unit name
    return bool(_name_at(text, nxt.end(), end, lex))


# a person a feature story introduces by age or origin, with no title: 50多岁的钟红生, 来自黑龙江的谢方明
_INTRODUCED_RE = re.compile(
    r"(?:\d+岁|[一二三四五六七八九十]+岁|多岁|出头|\d0后|来自[^，。！？“”：]{1,12}|年过[^，。！？“”]{1,4})的"
    r"([\u4e00-\u9fff]{2,3})"
)


_INTRODUCED_MARKS = ("岁的", "后的", "出头的", "来自", "年过")


def _introduced_persons(text: str, paras: Sequence[Paragraph], lex: SpeakerLexicon) -> list[tuple[int, Speaker]]:
    """Persons introduced with no title, by age or origin (50多岁的钟红生经营着…): (name end,
    speaker). The name must stand alone: a valid Chinese name, no dictionary word, and no word
    running across its end."""
    words = _jieba_words()
    out: list[tuple[int, Speaker]] = []
    for p in paras:
        seg = text[p.start : p.end]
        if not any(mark in seg for mark in _INTRODUCED_MARKS):
            continue  # the pattern's alternation is slow to scan: only where it can match
        for m in _INTRODUCED_RE.finditer(text, p.start, p.end):
            i = m.start(1)
            for k in (3, 2):
                name = text[i : i + k]
                if (
                    len(name) == k and is_valid_name(name, lex) and _bare_name_ok(name) and name not in words
                    and text[i + k - 1 : i + k + 1] not in words  # (a given name may be a word: 谢方明)
                    and (k == 3 or not "\u4e00" <= text[i + 2 : i + 3] <= "\u9fff")  # 王伏强: no 王伏
                ):
                    out.append((i + k, Speaker(name=name, mention=name, kind="person")))
                    break
    return out


# a deputy or member named by name and role suffix at a clause start (，禹诚代表转述了…)
_ROLE_SUFFIX_NAME_RE = re.compile(r"(代表|委员)(?![团性作处会队长室])")
_CLAUSE_OPENERS = frozenset("，。！？；：、“”\u3000 \n")


def _role_suffix_persons(text: str, paras: Sequence[Paragraph], lex: SpeakerLexicon) -> list[tuple[int, Speaker]]:
    """Persons a clause opens with name + 代表/委员 (应勇代表说, 禹诚代表转述了…): in reports of the
    NPC and CPPCC sessions the title is often never written before the name, so pronouns and
    verbless quotes after such a mention must be able to link to it. (name end, speaker)."""
    out: list[tuple[int, Speaker]] = []
    for p in paras:
        for m in _ROLE_SUFFIX_NAME_RE.finditer(text, p.start, p.end):
            for k in (2, 3):
                a = m.start() - k
                if a < p.start or not all("\u4e00" <= c <= "\u9fff" for c in text[a : m.start()]):
                    break
                if a > p.start and text[a - 1] not in _CLAUSE_OPENERS:
                    continue  # (全国人大代表: no clause opens at 人大)
                name = text[a : m.start()]
                if is_valid_name(name, lex) and _bare_name_ok(name) and name not in lex.countries:
                    out.append((m.start(), Speaker(name=name, mention=name + m.group(1), kind="person", role_suffix=m.group(1))))
                break
    return out


_PSEUDONYM_MARK_RE = re.compile(r"[（(]化名[）)]")
_PSEUDONYM_LATIN_RE = re.compile(r"(?:[A-Z](?:先生|女士|小姐|某)|[阿小老][A-Z])$")


def _pseudonyms(text: str, paras: Sequence[Paragraph], lex: SpeakerLexicon) -> list[tuple[int, Speaker]]:
    """Persons the article names by a pseudonym it marks (A先生（化名）, 阿B（化名）, 小李（化名）):
    the mark vouches for a name no surname rule would accept. (name end, speaker)."""
    out: list[tuple[int, Speaker]] = []
    for p in paras:
        for m in _PSEUDONYM_MARK_RE.finditer(text, p.start, p.end):
            e = m.start()
            latin = _PSEUDONYM_LATIN_RE.search(text, max(p.start, e - 3), e)
            name = latin.group() if latin else next(
                (text[e - n : e] for n in (3, 2) if e - n >= p.start and (
                    is_valid_name(text[e - n : e], lex) or re.fullmatch("[阿小老][\u4e00-\u9fff]", text[e - n : e])
                )), None,
            )
            if name:
                out.append((e, Speaker(name=name, mention=name, kind="person")))
    return out


_LINK_CHARS = "同与和跟向对在"
_ON_BEHALF_RE = re.compile(r"政府|人民|方面|国家|全体|党和|各界|全国|党中央|国务院|中央|全党|组织|单位|学校|公司|家乡")
# a third character that links to what follows, never the end of a two-character name's reading
_LINK_AFTER_NAME = frozenset("同与和跟向对在将把被从")
_ADVERB_AFTER_NAME = frozenset("曾也还都又已就亦便")
_ROLE_AFTER_NAME = ("代表", "委员")  # 黄望明代表: 明代 is a word, but 代表 follows the name


def _cut_after_other_person(mention: str, tpos: int, rx: re.Pattern[str], lex: SpeakerLexicon) -> str:
    """国家主席习近平在内比都同缅甸总统温敏 -> 缅甸总统温敏: when another titled person stands
    earlier in the clause, the mention starts after the last linking word (同, 与, 向, 在 …)
    that follows that person; an organization never holds a verb clause."""
    head = mention[: max(tpos, 0)]
    cut = max((head.rfind(c) for c in _LINK_CHARS), default=-1)
    if cut <= 0:
        return mention
    other = rx.search(head)
    if other is not None and cut > other.end():
        return mention[cut + 1 :]
    # 默克尔与俄罗斯总统普京: a bare name (a person tag of jieba's, or 3+ transliteration
    # characters) right before the linking word
    for k in (4, 3, 2):
        before = head[max(cut - k, 0) : cut]
        if len(before) == k and (
            _jieba_words().get(before, "").startswith("nr") or (k >= 3 and is_transliterated(before, lex))
        ):
            return mention[cut + 1 :]
    return mention


def _resolve_demonstrative_org(text: str, sp: Speaker, pos: int, lo: int) -> Speaker:
    """该团团长 -> the orchestra named just before: the last organization ending in 团 in the
    paragraph before ``pos`` (after its last 的 or clause break). Left as written when none is
    found, or when it would be longer than 20 characters."""
    if not sp.affiliations:
        return sp
    affs = list(sp.affiliations)
    changed = False
    for i, a in enumerate(affs):
        m = _DEMONSTRATIVE_ORG_RE.match(a.organization or "")
        if not m:
            continue
        suffix = m.group(1)
        j = text.rfind(suffix, lo, pos)
        while j >= 0 and text[j - 1 : j + len(suffix)] == a.organization:
            j = text.rfind(suffix, lo, j - 1)  # skip 该团 itself
        if j < 0:
            continue
        end = j + len(suffix)
        c0 = _clause_start(text, j, lo)
        cand = text[c0:end]
        if "的" in cand:
            cand = cand[cand.rindex("的") + 1 :]
        lead = _LEAD_RE.match(cand)
        cand = cand[lead.end() :] if lead else cand
        if len(suffix) < len(cand) <= 20 and all("\u4e00" <= c <= "\u9fff" for c in cand):
            affs[i] = replace(a, organization=cand)
            changed = True
    return replace(sp, affiliations=affs) if changed else sp


_DOTTED_RUN_RE = re.compile(r"[\u4e00-\u9fff]+(?:[·•][\u4e00-\u9fff]+)+")


_REGNAL_AFTER_RE = re.compile(r"[一二三四五六七八九十]{1,3}世(?![纪界代])")


def _name_at(text: str, i: int, end: int, lex: SpeakerLexicon) -> str | None:
    """The person name starting at ``i`` (after a title), with a monarch's number (六世) if any."""
    name = _name_at_base(text, i, end, lex)
    if name:
        regnal = _REGNAL_AFTER_RE.match(text, i + len(name), end)
        if regnal:
            return name + regnal.group()  # 摩洛哥国王穆罕默德六世
    return name


def _name_at_base(text: str, i: int, end: int, lex: SpeakerLexicon) -> str | None:
    words = _jieba_words()
    listed = max((n for n in lex.names if text.startswith(n, i, end)), key=len, default=None)
    if listed:
        return listed  # 韩国总统文在寅: a name of person_names.txt
    m = _DOTTED_RUN_RE.match(text, i, end)
    if m:
        # the run may reach into a later ·-name (艾合买提江·马木提也深深怀念着艾热提·马木提): the
        # longest chain of parts that cuts to a valid name wins
        parts = re.split("([·•])", m.group())
        for j in range(len(parts), 2, -2):
            dotted = _cut_dotted_name("".join(parts[:j]), lex, words)
            if dotted and is_valid_name(dotted, lex):
                return dotted
    three, two = text[i : i + 3], text[i : i + 2]
    four = text[i : i + 4]
    if text[i : i + 1] in _LINK_AFTER_NAME and text[i + 1 : i + 3] in words:
        return None  # 栗战书委员长向大会报告: a preposition and a word, no name
    if (
        two in lex.compound_surnames and len(four) == 4
        and (text[i + 3 : i + 5] not in words or text[i + 4 : i + 6] in words)
        and text[i + 2 : i + 4] not in words and is_valid_name(four, lex)
    ):
        # 二阶俊博, 欧阳明高: a compound surname and a two-character given name; 近藤昭一|多年: a
        # word may run across the name's end when another word starts right after it
        return four
    if len(four) == 4 and two in lex.tibetan_parts and four[2:] in lex.tibetan_parts:
        return four  # 尼玛扎西: a Tibetan name (tibetan_name_parts.txt)
    run = _translit_run(text, i, end, lex)
    if not run and text[i : i + 1] in lex.surnames:
        tail = _translit_run(text, i + 1, end, lex)
        if 3 <= len(tail) <= 5 and is_valid_name(text[i : i + 1] + tail, lex, after_title=True):
            return text[i : i + 1] + tail  # 欧盟委员会主席冯德莱恩: a surname-like first syllable
    if len(run) >= 4 and is_valid_name(run, lex, after_title=True):
        return run  # 联合国秘书长古特雷斯: all transliteration characters, longer than a Chinese name
    if three.endswith("党") and text.startswith(("委", "组", "总支", "支部", "工委"), i + 3):
        return None  # 庙坝镇长|乐村党总支书记: a village's party branch, no name after 镇长
    if (
        len(three) == 3 and three[2] == "和"
        and (words.get(text[i + 3 : i + 5], "").startswith("v") or text[i + 3 : i + 5] in ("会见", "会谈", "会晤"))
        and is_valid_name(three, lex, after_title=True)
    ):
        return three  # 国防部长魏凤和|会见: a verb after 和, so 和 ends the name and links nothing
    if len(three) == 3 and (three[2] in _LINK_AFTER_NAME or three[2] in _ADVERB_AFTER_NAME) and is_valid_name(two, lex):
        three = ""  # 王毅同沙特外交大臣…通电话, 郭雷曾撰文: 同 links on, 曾 is an adverb; neither ends a name
    if len(three) == 3:
        # 郭磊介绍: 介 starts the next word; but not 黄坤明主持, where 主持 starts right after
        # the third character (明主 is a word too, but a noun where 主持 is a verb)
        glued = (text[i + 2 : i + 4] in words and text[i + 3 : i + 5] not in _ROLE_AFTER_NAME and not (
            words.get(text[i + 3 : i + 5], "").startswith("v") and not words[text[i + 2 : i + 4]].startswith("v")
        )) or text[i + 2 : i + 6] in _FOUR_CHAR_ADVERBS  # 柯俊|语重心长地
        if text[i : i + 4] in jieba_four_char_words():
            return None  # 游客纷至沓来: an idiom, no name
        if not glued and is_valid_name(three, lex):
            return three
        if glued and is_valid_name(three, lex) and two not in words and _written_alone(text, three, i):
            return three  # 何明军乐开了花 … 何明军说: written elsewhere with no word across its end
        if (not glued and is_valid_name(three, lex, after_title=True)
                and two not in words and text[i + 1 : i + 3] not in words):
            return three  # 雕刻师勒奇米: a transliterated name right after a title
    if len(run) == 3 and is_valid_name(run, lex, after_title=True):
        return run  # 德国总理默克尔
    if is_valid_name(two, lex) and two not in words:
        return two
    if is_valid_name(two, lex) and words.get(two, "").startswith("nr"):
        return two
    if (
        is_valid_name(two, lex, after_title=True) and is_transliterated(two, lex)
        and words.get(two, "nr")[:2] in ("nr", "ns", "nz")
    ):
        return two  # 俄罗斯总统普京 (jieba files 普京 as a place, 奥利 as a proper noun)
    return None


def _written_alone(text: str, name: str, i: int) -> bool:
    """Whether ``name`` occurs elsewhere near ``i`` (within 20,000 characters, at most 50 times)
    followed by punctuation or a reporting or linking character, so that a word running across
    its end at ``i`` is a coincidence. The window keeps a huge article linear."""
    lo, hi = max(0, i - 20000), min(len(text), i + 20000)
    j = text.find(name, lo, hi)
    for _ in range(50):
        if j < 0:
            break
        nxt = text[j + len(name) : j + len(name) + 1]
        if j != i and (nxt in _BOUNDARY or nxt in _PERSON_FOLLOW) and text[j + len(name) - 1 : j + len(name) + 1] not in _jieba_words():
            return True
        j = text.find(name, j + 1, hi)
    return False


def _translit_run(text: str, i: int, end: int, lex: SpeakerLexicon) -> str:
    """The transliteration characters (at most 6) from ``i``: 默克尔 of 默克尔对俄罗斯进行…"""
    k = i
    while k < min(end, i + 6) and text[k] in lex.translit_chars:
        k += 1
    if k < end and text[k] in lex.translit_chars and not (k - i == 6 and text[k : k + 2] in _jieba_words()):
        return ""  # a run longer than 6 characters is not one name (米尔济约耶夫|通电话 is)
    words = _jieba_words()
    while (
        k - i > 2 and k < end and text[k - 1 : k + 1] in words and text[k - 2 : k] not in words
        and text[k : k + 2] not in _WRITING
    ):
        k -= 1  # 扎里夫|通电话: the last character starts the next word (not 斯巴修|撰文)
    return text[i:k]


def _cut_dotted_name(run: str, lex: SpeakerLexicon, words: dict[str, str]) -> str | None:
    """莉达·克鲁森 out of 莉达·克鲁森一行到访南京…: the last part of a ·-name runs on into the
    sentence, so it ends after its transliteration characters (at most 6), else before the next
    dictionary word."""
    head, _, last = run.rpartition("·") if "·" in run else run.rpartition("•")
    n = 0
    while n < min(8, len(last)) and last[n] in lex.translit_chars:
        n += 1  # up to 8: 阿卜杜哈基莫夫
    while n > 2 and n < len(last) and last[n - 1 : n + 1] in words and last[n - 2 : n] not in words:
        n -= 1  # 阿卜杜勒·迈赫迪|通电话: the last character starts the next word
    if n < 2:
        # 伊姆兰·汗祝贺…: a one-character last part when a dictionary word starts right after it
        order = (1, 2, 3)
        n = next((k for k in order if k < len(last) and last[k : k + 2] in words), min(len(last), 3))
    return f"{head}{run[len(head)]}{last[:n]}" if n >= 1 else None


# ----------------------------------------------------------------------------- registry


# 老X / 小X words that are roles or kin, never a person's short form, though jieba files some as names
_ROLE_WORDS = frozenset({"老公", "老婆", "小姐", "小伙", "老师", "老乡", "老人", "老板", "老总", "老兵", "老伴", "老汉", "老表"})


class _Registry:
    """Persons and other speakers of one article, in order of first appearance."""

    def __init__(self, text: str, lex: SpeakerLexicon, narrative: list[tuple[int, Speaker]]):
        self.text = text
        self.lex = lex
        self.known: dict[str, Speaker] = {}
        self.timeline: list[tuple[int, str]] = []
        self.pronoun_only: list[tuple[int, str]] = []  # bare mentions of later speakers, for 他/她
        for pos, sp in narrative:
            self._learn(sp)
            self.timeline.append((pos, sp.name or ""))
        self.records: dict[tuple[str, str], Speaker] = {}
        self.first = 0  # start of the first searched paragraph

    def _learn(self, sp: Speaker) -> None:
        assert sp.name
        old = self.known.get(sp.name)
        if old is None or len(sp.affiliations) > len(old.affiliations):
            self.known[sp.name] = replace(sp, affiliations=list(sp.affiliations))

    def add_bare_mentions(self, paras: Sequence[Paragraph]) -> None:
        """Bare occurrences of known names, so that 他 after 刘洪坤… resolves to him; the last
        part of a ·-name (克鲁森 for 莉达·克鲁森) counts as a mention of the full name."""
        for full in list(self.known):
            forms = [full]
            short = self.short_of(full)
            if short:
                forms.append(short)
            for name in forms:
                for p in paras:
                    i = self.text.find(name, p.start, p.end)
                    while i >= 0:
                        self.timeline.append((i + len(name), full))
                        i = self.text.find(name, i + 1, p.end)
        self.timeline = sorted(set(self.timeline))

    def add_mentions_of(self, names: set[str], paras: Sequence[Paragraph]) -> None:
        """Occurrences of ``names`` (persons no title introduced), kept apart from the timeline:
        only pronouns read them (the timeline also decides which persons a paragraph names)."""
        for name in names:
            for p in paras:
                i = self.text.find(name, p.start, p.end)
                while i >= 0:
                    if i == p.start or self.text[i - 1] in _BOUNDARY:
                        # only as a clause's first word, a subject (not 对习近平主席…: an object)
                        self.pronoun_only.append((i + len(name), name))
                    i = self.text.find(name, i + 1, p.end)
        self.pronoun_only.sort()

    @staticmethod
    def short_of(full: str) -> str | None:
        """贝绍克 for 斯坦尼斯拉夫·贝绍克: the last part of a ·-name, when it has 2+ characters."""
        parts = re.split("[·•]", full)
        return parts[-1] if len(parts) > 1 and len(parts[-1]) >= 2 else None

    @staticmethod
    def first_of(full: str) -> str | None:
        """艾合买提江 for 艾合买提江·马木提: Uyghur names are shortened to their first part; only
        first parts of 3+ characters count (a 2-character one is too often another word)."""
        parts = re.split("[·•]", full)
        return parts[0] if len(parts) > 1 and len(parts[0]) >= 3 else None

    def full_name(self, name: str) -> str | None:
        """The one known ·-name whose last (or first) part is ``name``, else None."""
        if "·" in name or "•" in name:
            return None
        fulls = {n for n in self.known if self.short_of(n) == name}
        if not fulls:
            fulls = {n for n in self.known if self.first_of(n) == name}
        return fulls.pop() if len(fulls) == 1 else None

    def last_person_before(self, pos: int, para_start: int) -> str | None:
        """Latest person before ``pos``: a known mention, or a name tag in the same paragraph."""
        best, best_pos = None, -1
        i = bisect.bisect_right(self.timeline, (pos, "\U0010ffff"))
        while i > 0:
            i -= 1
            p, name = self.timeline[i]
            if name:
                best, best_pos = name, p
                break
        j = bisect.bisect_right(self.pronoun_only, (pos, "\U0010ffff"))
        if j > 0 and best_pos < para_start <= self.pronoun_only[j - 1][0]:
            # 今年除夕，王雷可以回家过年了。他说: a later speaker's bare name opens a clause of the
            # pronoun's own paragraph, and no known person stands in that paragraph before it
            best, best_pos = self.pronoun_only[j - 1][1], self.pronoun_only[j - 1][0]
        if best_pos < para_start:
            # POS only where it adds: tag the paragraph text before the pronoun
            tagged = self._tagged_names(para_start, pos)
            if tagged:
                return tagged[-1][1]
        return best

    def _tagged_names(self, a: int, b: int, surname: str | None = None) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        pos = a
        tagged = _jieba_tagger().tag(self.text[a:b])
        for k, (word, tag) in enumerate(tagged):
            if (
                surname is not None and word == surname and tag.startswith("nr") and k + 1 < len(tagged)
                and 1 <= len(tagged[k + 1][0]) <= 2 and tagged[k + 1][1][:1] == "n"
                and self.text[pos - 1 : pos] not in ("老", "小")
                and is_valid_name(word + tagged[k + 1][0], self.lex)
            ):
                # 晏|昌平手握剪刀 … 老晏感慨道: the tagger cuts the surname off the given name
                out.append((pos, word + tagged[k + 1][0]))
            elif tag.startswith("nr") and len(word) == 4 and is_valid_name(word[:3], self.lex):
                if surname is None or word.startswith(surname):
                    out.append((pos, word[:3]))
            elif (
                tag.startswith("nr") and len(word) >= 3 and is_valid_name(word, self.lex)
                and (surname is None or word.startswith(surname))
            ):
                out.append((pos, word))
            pos += len(word)
        return out

    def resolve(self, parsed: Speaker, pos: int, lo: int) -> tuple[Speaker, str]:
        """The article-level speaker for a parsed mention, and how it was linked (``via``)."""
        lex = self.lex
        if parsed.kind == "person" and parsed.name is None and parsed.mention in ("他", "她"):
            name = self.last_person_before(pos, lo)
            if name:
                return self._person(name, None), "pronoun"
            return Speaker(name=None, mention=parsed.mention, kind="person"), "pronoun"
        if parsed.kind == "person" and parsed.name and not parsed.affiliations:
            long_name = self.full_name(parsed.name)
            if long_name and parsed.name not in self.known:
                return self._person(long_name, None), "short_form"  # 贝绍克 -> 斯坦尼斯拉夫·贝绍克
        if parsed.kind == "person" and parsed.name:
            full = bool(parsed.affiliations) or parsed.mention != parsed.name
            known = self.known.get(parsed.name)
            via = "name" if (known is None or parsed.affiliations) else "short_form"
            if known is None and not full:
                via = "name"
            self._learn(parsed)
            return self._person(parsed.name, parsed), via
        if parsed.kind == "person" and parsed.name is None:
            m = parsed.mention
            sur = short_form_surname(m, lex)
            if sur:
                cands = [n for _, n in self.timeline if n.startswith(sur)]
                for _p, n in reversed([(p, n) for p, n in self.timeline if p <= pos]):
                    if n.startswith(sur):
                        return self._person(n, None), "short_form"
                if cands:
                    return self._person(cands[0], None), "short_form"
                tagged = self._tagged_names(self.first, pos, sur)
                if tagged:
                    return self._person(tagged[-1][1], None), "short_form"
                if len(m) <= 4 and m not in _ROLE_WORDS and _jieba_words().get(m, "nr").startswith("nr"):
                    # (老师, 老乡, 小伙 are words, no names; jieba files 老王 as a name)
                    # 老王, 田大妈, 俞医师 with no full name in the article: the short form is
                    # the only name the person has, and the annotators record it so
                    return self._person(m, Speaker(name=m, mention=m, kind="person")), "name"
            return self._other(parsed), "unnamed_role"
        if parsed.kind == "group":
            via = "collective"
            for term, v in lex.groups:
                if parsed.mention.endswith(term):
                    via = v
                    break
            return self._other(parsed), via
        if parsed.kind in ("institution", "document"):
            return self._other(parsed), parsed.kind
        return self._other(parsed), "unknown"

    def _person(self, name: str, parsed: Speaker | None) -> Speaker:
        key = ("person", name)
        rec = self.records.get(key)
        base = self.known.get(name) or parsed or Speaker(name=name, mention=name)
        if rec is None:
            rec = replace(base, affiliations=list(base.affiliations), speaker_id=None)
            self.records[key] = rec
        elif len(base.affiliations) > len(rec.affiliations):
            rec.affiliations, rec.area, rec.rank, rec.mention = (
                list(base.affiliations), base.area, base.rank, base.mention,
            )
        if parsed is not None and parsed.role_suffix and not rec.role_suffix:
            rec.role_suffix = parsed.role_suffix
        return rec

    def _other(self, parsed: Speaker) -> Speaker:
        key = (parsed.kind, parsed.mention)
        rec = self.records.get(key)
        if rec is None:
            rec = replace(parsed, affiliations=list(parsed.affiliations))
            self.records[key] = rec
        return rec


# ----------------------------------------------------------------------------- main


# 洛佩斯—加特尔, 阿卜杜勒—迈赫迪: a transliterated name whose parts a dash joins instead of ·
# (one dash, never the double dash that punctuates, 中国—东盟 has no transliterated ends)
_DASH_IN_NAME_RE = re.compile(r"(?<=[\u4e00-\u9fff])—(?=[\u4e00-\u9fff])")


def extract_statements(
    text: str,
    paragraphs: Sequence[Paragraph],
    *,
    lexicon_dir: Path | None = None,
    article_id: str | None = None,
) -> StatementResult:
    """Statements, one speaker record per speaker, and term quotes of one article.

    ``paragraphs`` index into ``text``; only kinds body and heading are searched.
    ``article_id`` prefixes the speaker ids (``<id>#s1``); without it they are ``s1`` …

    A dash that joins the parts of a transliterated name (迪亚斯—卡内尔) is read as the · it
    stands for, so that every ·-name rule applies; names, mentions and texts are reported as
    written. The swap keeps every offset, as one character replaces one.
    """
    lex = load_speaker_lexicon(lexicon_dir)
    dashes = [
        m.start() for m in _DASH_IN_NAME_RE.finditer(text) if text[m.start() - 1] in lex.translit_chars
        and text[m.start() + 1] in lex.translit_chars
    ] if "—" in text else []
    if not dashes:
        return _extract(text, paragraphs, lex, article_id)
    chars = list(text)
    for i in dashes:
        chars[i] = "·"
    work = "".join(chars)
    res = _extract(work, paragraphs, lex, article_id)
    at = frozenset(dashes)

    def written(s: str | None) -> str | None:
        """``s`` as the article writes it, where it covers a swapped dash."""
        if not s or "·" not in s:
            return s
        k = work.find(s)
        while k >= 0:
            if any(k <= i < k + len(s) for i in at):
                return text[k : k + len(s)]
            k = work.find(s, k + 1)
        return s

    done: set[int] = set()
    for st in res.statements:
        st.text = text[st.start : st.end]
        sp = st.speaker
        if id(sp) not in done:
            done.add(id(sp))
            sp.name, sp.mention = written(sp.name), written(sp.mention) or ""
            sp.affiliations = [Affiliation(written(a.organization), a.title) for a in sp.affiliations]
    for tq in res.term_quotes:
        tq.text = text[tq.start : tq.end]
    return res


def _extract(
    text: str, paragraphs: Sequence[Paragraph], lex: SpeakerLexicon, article_id: str | None
) -> StatementResult:
    """:func:`extract_statements` on a text whose name dashes are already dots."""
    paras = [p for p in paragraphs if p.kind in SEARCHED_KINDS and 0 <= p.start <= p.end <= len(text)]
    registry = _Registry(text, lex, _narrative_persons(text, paras, lex))
    # a headline kicker in apposition (武展方舱医院医生卢静静——) supplies the affiliation of a
    # person whom the body names without one; it never adds statements (titles are not searched)
    titles = [p for p in paragraphs if p.kind == "title" and 0 <= p.start <= p.end <= len(text)]
    for _pos, sp in _narrative_persons(text, titles, lex):
        registry._learn(sp)
    for pos, sp in _pseudonyms(text, paras, lex):
        registry._learn(sp)
        registry.timeline.append((pos, sp.name or ""))
    for pos, sp in _introduced_persons(text, paras, lex) if "的" in text else ():
        if sp.name not in registry.known:
            registry._learn(sp)
            registry.timeline.append((pos, sp.name or ""))
    for pos, sp in _role_suffix_persons(text, paras, lex) if ("代表" in text or "委员" in text) else ():
        if sp.name not in registry.known:
            registry._learn(sp)
        registry.timeline.append((pos, sp.name or ""))
    # a heading that is only a name and a role suffix (格桑德吉代表, 王树国委员) introduces that
    # person, whatever the name's origin: NPC and CPPCC profiles head each section so
    for p in paras:
        if p.kind == "heading":
            hm = _HEADING_NAME_RE.fullmatch(text, p.start, _rstrip(text, p.start, p.end))
            if hm and (
                is_valid_name(hm.group(1), lex, after_title=True) or hm.group(1) not in _jieba_words()
                or _tagged_as_name(hm.group(1))  # the POS tagger last: it is the slow check
            ):
                registry._learn(Speaker(name=hm.group(1), mention=hm.group(0), kind="person", role_suffix=hm.group(2)))
    # 西尔维亚·施罗德是…教师: a ·-name of transliteration characters is a person even with no
    # title before it, so that its last part (施罗德说) links to it
    for p in paras if ("·" in text or "•" in text) else ():
        if text.find("·", p.start, p.end) < 0 and text.find("•", p.start, p.end) < 0:
            continue  # the run pattern backtracks over every CJK run: search only where a dot is
        for m in _DOTTED_RUN_RE.finditer(text, p.start, p.end):
            dotted = _cut_dotted_name(m.group(), lex, _jieba_words())
            if dotted and dotted not in registry.known and is_transliterated(dotted, lex) and is_valid_name(dotted, lex):
                registry._learn(Speaker(name=dotted, mention=dotted, kind="person"))
    registry.add_bare_mentions(paras)
    registry.first = paras[0].start if paras else 0
    profiled = _profiled_person(text, titles, paras, registry)
    vre = _verb_re(lex.verbs)
    known_forms = frozenset(registry.known) | {
        short for n in registry.known if (short := registry.short_of(n))
    } | {first for n in registry.known if (first := registry.first_of(n))}

    quotes: list[_Quote] = []
    triggers: list[_Trigger] = []
    per_para_q: list[list[_Quote]] = []
    per_para_t: list[list[_Trigger]] = []
    for pi, p in enumerate(paras):
        qs = [
            _Quote(pi, o, c, o + 1, c if c is not None else _rstrip(text, o + 1, p.end), mk, inner)
            for o, c, mk, inner in find_quotes(text, p.start, p.end)
        ]
        ts = _triggers(text, p, pi, qs, vre, lex, known_forms)
        per_para_q.append(qs)
        per_para_t.append(ts)
        quotes.extend(qs)
        triggers.extend(ts)

    # multi-paragraph quotes: an unclosed quote continues where the next paragraph opens one
    for pi in range(len(paras) - 1):
        if per_para_q[pi] and per_para_q[pi][-1].close is None:
            nxt = per_para_q[pi + 1]
            first = nxt[0] if nxt else None
            if first is not None and first.open == _lstrip(text, paras[pi + 1].start, paras[pi + 1].end):
                per_para_q[pi][-1].next, first.prev = first, per_para_q[pi][-1]

    for pi, p in enumerate(paras):
        _attribute(text, p, per_para_q[pi], per_para_t[pi], per_para_q, pi, known_forms)

    # chains share one attribution
    for q in quotes:
        if q.prev is None and q.next is not None:
            chain = [q]
            while chain[-1].next is not None:
                chain.append(chain[-1].next)  # type: ignore[arg-type]
            anchor = next((c.anchor for c in reversed(chain) if c.anchor), None)
            if anchor is not None:
                for c in chain:
                    c.anchor = c.anchor or anchor

    # bare mentions of persons a later trigger names with no title (今年除夕，王雷可以回家过年了。他说：
    # … 王雷说): so that 他 before that trigger links to the nearest of them, not to an earlier
    # titled person; only names written at least twice, so that a trigger's misreading stays out
    extra = {
        t.parsed.name for t in triggers
        if t.parsed.kind == "person" and t.parsed.name and t.parsed.name not in registry.known
        and is_valid_name(t.parsed.name, lex) and text.count(t.parsed.name) >= 2
    }
    if extra:
        registry.add_mentions_of(extra, paras)
    # resolve speakers in document order
    last_pair: tuple[int, list[str]] | None = None  # where a plural pronoun was last resolved, to whom
    for t in sorted(triggers, key=lambda t: t.mstart):
        lo = paras[t.para].start
        t.resolved, t.via = registry.resolve(t.parsed, t.mstart, lo)
        if t.parsed.kind == "group" and t.parsed.mention in _PAIR_PRONOUNS:
            pair = _pair_before(text, t.mstart, lo, registry)
            if pair is None and last_pair is not None and t.mstart - last_pair[0] <= 600:
                # …他们在…文章中说，…。他们表示，…: the same pair again, if nobody else came between
                lo_i = bisect.bisect_left(registry.timeline, (last_pair[0], ""))
                hi_i = bisect.bisect_left(registry.timeline, (t.mstart, ""))
                between = {n for _e, n in registry.timeline[lo_i:hi_i] if n}
                pair = last_pair[1] if between <= set(last_pair[1]) else None
            if pair:
                t.resolved, t.via, t.co = registry._person(pair[0], None), "pronoun", pair[1:]
                last_pair = (t.mend, pair)
        if t.resolved.kind == "person" and t.resolved.name:
            bisect.insort(registry.timeline, (t.mend, t.resolved.name))

    statements: list[Statement] = []
    term_quotes: list[TermQuote] = []
    for pi, p in enumerate(paras):
        statements.extend(_indirect_statements(text, p, per_para_q[pi], per_para_t[pi], registry))
        after_subject: tuple[int | None, Speaker] | None = None  # a verbless quote's subject after it
        for q in per_para_q[pi]:
            anchor = q.anchor or q.continuation_of
            if anchor is None and q.prev is None and q.next is None:
                if _is_sentence_like(text[q.cstart : q.cend]) and (q.close is None or _quote_ends_sentence(text, q)):
                    # speech with no verb: the person named as subject right after it, or the
                    # one person the paragraph names, else unknown
                    lo_i = bisect.bisect_left(registry.timeline, (p.start, ""))
                    hi_i = bisect.bisect_right(registry.timeline, (p.end, "\U0010ffff"))
                    names = {n for _pos, n in registry.timeline[lo_i:hi_i] if n}
                    intro = _noun_intro(text, q, p, registry)
                    split = q.split_of
                    if intro is None and split is not None and split.resolved is not None and split.resolved.kind == "person":
                        # “每次面对选择…”朱勇说：“他身上…”: the first half of a split quote
                        statements.append(
                            _statement(text, q.para, paras, q.cstart, q.cend, "direct", split.via, split.verb, split.resolved)
                        )
                        for a, b in q.inner:
                            _term(text, p, pi, a, b, term_quotes)
                        continue
                    subject = _subject_after(text, q, p, registry) if intro is None else None
                    if intro is not None:
                        who, via = intro
                    elif subject is not None:
                        who, via = registry._person(subject, None), "name"
                        after_subject = (q.close, who)
                    elif (
                        after_subject is not None and after_subject[0] is not None
                        and _split_by_scene(text, after_subject[0], q.open)
                        and not _names_person(text[q.cstart : q.cend], after_subject[1].name or "", lex)
                    ):
                        # “早几年哪敢想…。”老晏眉开眼笑，“新年新气象…”: the second half of a
                        # quote split by its speaker's gesture
                        who, via = after_subject[1], "name"
                    elif (scene := _scene_subject(text, q, per_para_q[pi], registry)) is not None:
                        # “…”乌塔对古典舞蹈《踏春》印象深刻，“…”: a person named between two quotes
                        who, via = registry._person(scene, None), "name"
                    elif len(names) == 1 and not per_para_t[pi] and _context_ok(text, q, p, next(iter(names)), lex):
                        who, via = registry._person(names.pop(), None), "context"
                    elif (before_subject := _subject_before(text, q, p, registry)) is not None:
                        who, via = registry._person(before_subject, None), "context"
                    elif (owner := _indirect_owner(text, q, p, per_para_t[pi])) is not None:
                        who, via = owner.resolved, owner.via  # type: ignore[assignment]
                    elif (
                        profiled is not None and not names - {profiled} and not per_para_t[pi]
                        and not _THIRD_PERSON_RE.search(text[q.cstart : q.cend])
                        and not (_YOU_RE.search(text, q.cstart, q.cend) and "我" not in text[q.cstart : q.cend])
                        and not any(
                            a.title and a.title in text[q.cstart : q.cend]
                            for a in (registry.known[profiled].affiliations if profiled in registry.known else ())
                        )  # …可是我们院长再也回不来了: the person's title, spoken of by others
                        and _context_ok(text, q, p, profiled, lex, named=False)
                    ):
                        # a profile (the person its title names): a verbless quote is the
                        # profiled person's unless the text gives it to someone else
                        who, via = registry._person(profiled, None), "context"
                    else:
                        who, via = Speaker(name=None, mention="", kind="unknown"), "unknown"
                    statements.append(_statement(text, q.para, paras, q.cstart, q.cend, "direct", via, None, who))
                elif (
                    (split := q.split_of) is not None and split.resolved is not None and split.resolved.kind == "person"
                    and _is_sentence_like(text[q.cstart : q.cend])
                ):
                    # “事实证明…”，尼日利亚驻华大使…表示：“…”: the first half, a comma before its speaker
                    statements.append(
                        _statement(text, q.para, paras, q.cstart, q.cend, "direct", split.via, split.verb, split.resolved)
                    )
                elif (owner := _indirect_owner(text, q, p, per_para_t[pi], min_len=8)) is not None:
                    # 切迪克认为，…，“中国对全球消除贫困作出了巨大贡献”。: a quote that closes the
                    # speaker's indirect statement as a clause of its own is his words, verbatim
                    assert owner.resolved is not None
                    statements.append(_statement(text, q.para, paras, q.cstart, q.cend, "direct", owner.via, None, owner.resolved))
                else:
                    _term(text, p, pi, q.cstart, q.cend, term_quotes)
                for a, b in q.inner:
                    _term(text, p, pi, a, b, term_quotes)
                continue
            if anchor is None:
                anchor_sp, via, verb = Speaker(name=None, mention="", kind="unknown"), "unknown", None
            else:
                assert anchor.resolved is not None
                anchor_sp = anchor.resolved
                via = "continuation" if q.anchor is None else anchor.via
                verb = anchor.verb if q.anchor is not None else None
            statements.append(_statement(text, pi, paras, q.cstart, q.cend, "direct", via, verb, anchor_sp))
            if anchor is not None and anchor.co:
                _with_joint(statements, anchor, registry)
            for a, b in q.inner:
                nested = _nested_source(text, q.cstart, a, vre, lex)
                if nested is not None:
                    sp, nverb, nvia = nested
                    rec, _ = registry.resolve(sp, a, p.start)
                    statements.append(_statement(text, pi, paras, a, b, "direct", nvia, nverb, rec, nested=True))
                else:
                    _term(text, p, pi, a, b, term_quotes)

    statements.extend(_signed_remarks(text, paragraphs, paras, per_para_t, registry, vre, lex, known_forms))
    statements.extend(_poems(text, paragraphs, paras, registry, lex))
    statements.sort(key=lambda s: (s.start, s.nested))
    statements = _drop_inner_beliefs(statements)
    # speaker ids in order of first statement
    speakers: list[Speaker] = []
    seen: set[int] = set()
    for s in statements:
        sp = s.speaker
        if sp.kind == "unknown" or (sp.kind == "person" and not sp.name and not sp.affiliations):
            continue
        if id(sp) not in seen:
            seen.add(id(sp))
            n = len(speakers) + 1
            sp.speaker_id = f"{article_id}#s{n}" if article_id else f"s{n}"
            speakers.append(sp)
    term_quotes.sort(key=lambda t: t.start)
    return StatementResult(statements=statements, speakers=speakers, term_quotes=term_quotes)


_INNER_BELIEF_VERBS = frozenset({"相信"})


def _drop_inner_beliefs(statements: list[Statement]) -> list[Statement]:
    """An indirect 相信 clause inside the same speaker's running indirect statement is part of it
    (阿卡表示，赞赏…，相信…): on the gold sets the inner statement was never counted (0 of 5),
    unlike 呼吁 or 强调 after a comma, which the annotators count as statements of their own."""
    out: list[Statement] = []
    for i, st in enumerate(statements):
        if st.kind == "indirect" and st.verb in _INNER_BELIEF_VERBS and st.speaker.name and any(
            o.kind == "indirect" and o.speaker.name == st.speaker.name and o.start < st.start and o.end >= st.end
            for o in _same_paragraph_before(statements, i)
        ):
            continue
        out.append(st)
    return out


def _same_paragraph_before(statements: list[Statement], i: int) -> Iterator[Statement]:
    """The statements before ``statements[i]`` (sorted by start) in its paragraph, nearest first:
    an indirect statement never spans paragraphs, so an outer one is among them (and a text of
    thousands of paragraphs stays linear)."""
    para = statements[i].paragraph
    for j in range(i - 1, -1, -1):
        if statements[j].paragraph != para:
            return
        yield statements[j]


# inside a quote of a profile, mostly others' words: 他/她 (not 他们) speaking of the profiled
# person, or an address to the person's role that opens the quote (妈妈，你今天…, 警察同志，…)
_THIRD_PERSON_RE = re.compile(
    r"[他她](?!们)|^(?:[\u4e00-\u9fff]{0,2}(?:妈妈|爸爸|爷爷|奶奶|叔叔|阿姨|伯伯|老师|医生|大夫|同志|师傅|大姐|大哥|大爷|大妈|书记|主任|院长))[，,！!]"
)


_YOU_RE = re.compile("[你您]")  # a line that addresses someone and says nothing of the speaker


def _profiled_person(
    text: str, titles: Sequence[Paragraph], paras: Sequence[Paragraph], registry: _Registry
) -> str | None:
    """The one known person an article's title lines name (——追记…村委会原主任王丰华, …检验师钱珊英——)
    and its body names at least twice: the article is that person's profile."""
    # a kicker (…检验师钱珊英——) or a subtitle (——追记…王丰华, ——访…纳巴罗): a news title that
    # names a leader (习近平出席开幕式…) makes no profile
    head = "".join(text[p.start : p.end] for p in titles if "——" in text[p.start : p.end])
    if not head:
        return None
    named = {n for n in registry.known if len(n) >= 2 and n in head}
    named = {n for n in named if not any(n != m and n in m for m in named)}
    if len(named) != 1:
        return None
    name = named.pop()
    body = sum(text.count(name, p.start, p.end) for p in paras)
    lo = paras[0].start if paras else 0
    others = {n for pos, n in registry.timeline if n and n != name and pos >= lo}
    # a family or a village told through several people (朱茂锦, 何立华, 严宏涛…) is no profile
    return name if body >= 2 and len(others) <= 2 else None


def _context_ok(
    text: str, q: _Quote, p: Paragraph, name: str, lex: SpeakerLexicon, named: bool = True
) -> bool:
    """Whether a verbless quote may go to the one person its paragraph names.

    Not when it follows a colon after a clause of words heard (突然接到电话：), when it is one of a
    run of quotes with nothing between them (“郭医生还好吗？”“她还能回来吗？”: a crowd's lines),
    when it follows a comma inside someone else's sentence (上级领导…，“你不是一个人…”), or when it
    names that person (郭医生, 郭璐萍): nobody calls himself so.
    """
    before = text[p.start : q.open].rstrip(" \u3000")
    after = text[(q.close + 1) if q.close is not None else q.cend : p.end].lstrip(" \u3000")
    if (before and before[-1] in "”」』\"") or (after and after[0] in "“「『\""):
        return False
    if before[-1:] in ("：", ":") and _HEARD_RE.search(before, max(before.rfind(c) for c in "。！？!?，,") + 1):
        return False  # 张玉星接到一通电话：“…”: the words heard are the caller's
    if before and before[-1] in "，," and not named:
        return False  # a comma-led quote belongs to its sentence's subject, here not the person
    if before and before[-1] in "，,":
        # 上级领导…，说服了…郭璐萍留在国内治疗，“你不是一个人…”: a comma-led quote is the person's
        # only when the person is the sentence's subject (…老家的甘如意听闻…，决定…，“我们科室…”)
        s0 = max(before.rfind(c) for c in "。！？!?") + 1
        sent = before[s0:]
        i = sent.find(name)
        if i < 0:
            return False
        c0 = max(sent.rfind(c, 0, i) for c in "，,：:") + 1
        if _OBJECT_CUE_RE.search(sent[c0:i]):
            return False
    if named and not _named_as_subject(text, p.start, q.open, name):
        return False
    group = _OTHER_SUBJECT_RE.match(after)
    if before[-1:] not in ("：", ":") and (
        after.startswith(lex.relations) or (group and (not group.group(1) or _jieba_words().get(group.group(1), "")[:1] == "n"))
    ):
        return False  # “他呀，就爱管闲事儿。”老伴儿笑着插话 / …书法家们笑起来: another subject
    return not _names_person(text[q.cstart : q.cend], name, lex)


# a subject of the clause after a quote that is not the person named before it: a group (村民们)
_OTHER_SUBJECT_RE = re.compile(r"([\u4e00-\u9fff]{1,4})们|(?:大家|众人|有人|旁人|对方)")


def _named_as_subject(text: str, a: int, b: int, name: str) -> bool:
    """Whether ``name`` occurs in ``text[a:b]`` as a possible subject, not after an object cue in
    its clause (虽然输给了法国名将科内特). No occurrence before the quote (the name comes after it)
    counts as a subject."""
    i = text.find(name, a, b)
    if i < 0:
        return True
    while i >= 0:
        c0 = _clause_start(text, i, a)
        if not _CONTEXT_OBJECT_RE.search(text, c0, i):
            return True
        i = text.find(name, i + 1, b)
    return False


_POEM_AUTHOR_RE = re.compile(
    r"[ \u3000]*([\u4e00-\u9fff][ \u3000]?[\u4e00-\u9fff]{1,3})[ \u3000]*[（(]"
    r"(?:先秦|秦|汉|西汉|东汉|三国|魏|晋|东晋|南北朝|南朝|北朝|隋|唐|五代|宋|北宋|南宋|金|元|明|清|近代|现代|当代)[）)][ \u3000]*"
)
_POEM_LINE_RE = re.compile(r"(?:[\u4e00-\u9fff]{3,9}[，。！？；、,!?;]){1,8}")


def _poems(
    text: str, paragraphs: Sequence[Paragraph], paras: list[Paragraph], registry: _Registry, lex: SpeakerLexicon
) -> list[Statement]:
    """A poem printed under its author's line (``陆 游（宋）`` then 驿外断桥边，寂寞开无主。…, as in the
    跟着唐诗宋词去旅游 column): one direct statement of the author, verb null, over the poem's lines."""
    out: list[Statement] = []
    index = {p.index: i for i, p in enumerate(paras)}
    for k, head in enumerate(paragraphs):
        m = _POEM_AUTHOR_RE.fullmatch(text, head.start, head.end)
        if m is None:
            continue
        name = re.sub(r"[ \u3000]", "", m.group(1))
        if not is_valid_name(name, lex):
            continue
        lines = []
        for nxt in paragraphs[k + 1 :]:
            a, b = _lstrip(text, nxt.start, nxt.end), _rstrip(text, nxt.start, nxt.end)
            if nxt.index not in index or b - a > 60 or not _POEM_LINE_RE.fullmatch(text, a, b):
                break
            lines.append((a, b))
        if lines:
            sp = registry._person(name, Speaker(name=name, mention=name, kind="person"))
            out.append(_statement(text, index[paragraphs[k + 1].index], paras, lines[0][0], lines[-1][1], "direct", "name", None, sp))
    return out


def _signed_remarks(
    text: str, paragraphs: Sequence[Paragraph], paras: list[Paragraph], per_para_t: list[list[_Trigger]],
    registry: _Registry, vre: re.Pattern[str], lex: SpeakerLexicon, known: frozenset[str],
) -> list[Statement]:
    """Remarks printed without quotation marks and signed on the next line (声音, 国际回声 boxes):
    ``……。`` then ``——泰国…中心发言人塔威信`` or ``——江苏省委书记娄勤俭在…全会上说``. The remark is
    one indirect statement of the signer, verb as written after the name (说) or null."""
    out: list[Statement] = []
    index = {p.index: i for i, p in enumerate(paras)}
    for sig in paragraphs:
        a = _lstrip(text, sig.start, sig.end)
        if not text.startswith("——", a):
            continue
        b = _rstrip(text, a + 2, sig.end)
        line = text[a + 2 : b]
        if not (2 <= len(line) <= 60) or any(c in line for c in "，。："):
            continue
        verb = None
        m = next(reversed(list(vre.finditer(line))), None)  # the last verb of the line
        if m is not None and m.end() == len(line):
            found = _find_speaker(text, a + 2, a + 2 + m.start(), m.group(), lex, known)
            verb = lex.lemma(m.group())
        else:
            sp0 = _parse(line, lex)
            found = (sp0, a + 2, b) if sp0.kind == "person" and sp0.name else None
        if found is None or found[0].kind != "person" or not found[0].name:
            continue
        prev = [p for p in paras if p.end <= sig.start and p.index < sig.index]
        if not prev:
            continue
        target = prev[-1]
        if any(t.parsed.kind == "person" for t in per_para_t[index[target.index]]) or any(
            c in text[target.start : target.end] for c in "“「"
        ):
            continue  # the paragraph has speech of its own
        if sig.index - target.index > 1 and any(q.index not in index for q in paragraphs if target.index < q.index < sig.index):
            continue
        ta, tb = _lstrip(text, target.start, target.end), _rstrip(text, target.start, target.end)
        if tb - ta < 8:
            continue
        sp, via = registry.resolve(found[0], found[1], sig.start)
        out.append(_statement(text, index[target.index], paras, ta, tb, "indirect", via, verb, sp))
    return out


def _noun_intro(text: str, q: _Quote, p: Paragraph, registry: _Registry) -> tuple[Speaker, str] | None:
    """传来村支书李红兵的声音：“…” / 他的话：“…”: a noun of speech (声音, 话, 嘱咐 …) after a person
    introduces the quote, which is that person's direct statement with verb null. The person is a
    name the article knows (ending right before 的) or 他/她."""
    m = _NOUN_INTRO_RE.search(text, max(p.start, q.open - _INTRO_WINDOW), q.open)
    if m is None:
        return None
    j = m.start()
    if text[j - 1 : j] in ("他", "她") and text[j - 2 : j - 1] not in ("其", "们"):
        return registry.resolve(Speaker(name=None, mention=text[j - 1], kind="person"), j - 1, p.start)
    best = max((n for n in registry.known if text.endswith(n, p.start, j)), key=len, default=None)
    if best is None:
        return None
    return registry._person(best, None), "name"


def _name_title_ends(s: str, lex: SpeakerLexicon, min_len: int) -> list[int]:
    """Lengths ``k`` (8 down to ``min_len``) worth parsing as ``s[:k]``: a valid name of 2–4
    characters, alone or followed by a title written after names (兰辉, 习近平总书记). Parsing
    every prefix instead cost a fifth of the module's time."""
    ends: set[int] = set()
    for j in (2, 3, 4):
        if len(s) >= j and is_valid_name(s[:j], lex):
            ends.add(j)
            ends.update(j + len(t) for t in lex.post_titles if s.startswith(t, j))
    return sorted((k for k in ends if min_len <= k <= min(8, len(s))), reverse=True)


def _subject_after(text: str, q: _Quote, p: Paragraph, registry: _Registry) -> str | None:
    """A known person named as the subject right after a closed quote that ends a sentence.

    “尼泊尔人民看在眼里，暖在心里。”…考古局执行局长高塔姆将…视为…: the quote has no reporting
    verb, but the next clause opens with a full mention of a person (no comma in between), so
    it is attributed to that person with verb null. A mention followed by 的 / 和 / 等 (a
    possessive or a list) is not a subject.
    """
    if q.close is None:
        return None
    inside = text[q.cstart : q.cend].rstrip()
    if not inside or inside[-1] not in "。！？!?…":
        return None
    a = q.close + 1
    b = a
    while b < p.end and text[b] not in _BOUNDARY:
        b += 1
    clause = text[a:b]
    if b < p.end and text[b] in "：:" and _lstrip(text, b + 1, p.end) < p.end and text[_lstrip(text, b + 1, p.end)] in _TOP_OPEN:
        return None  # “红国，身体咋样？”李红国连忙回应：“…”: the subject introduces a quote of his own
    # “人不能只顾自己…。”这是兰辉的胸怀 / 这是习近平同志对…的总结: a 这是-sentence that names
    # whose words they were; the name may be followed by 的 or 同志 there
    this = _THIS_IS_RE.match(clause)
    if this:
        rest = clause[this.end() :]
        for name in sorted(registry.known, key=len, reverse=True):
            if rest.startswith(name) and len(rest) > len(name):
                return name
        # 这是天津蓟州区司法局东赵各庄司法所所长王辉留给…: a full mention of a known person
        hits = [(i, n) for n in registry.known if 0 < (i := rest.find(n)) <= 30]
        for i, n in sorted(hits):
            sp = _parse(rest[: i + len(n)], registry.lex)
            if sp.kind == "person" and sp.name == n:
                return n
        for k in _name_title_ends(rest, registry.lex, min_len=2):
            sp = _parse(rest[:k], registry.lex)
            if sp.kind == "person" and sp.name and rest.startswith(sp.name) and (
                sp.affiliations or sp.name in registry.known
                or (rest[len(sp.name) : len(sp.name) + 1] in ("的", "同", "生", "在", "对") and _bare_name_ok(sp.name))
            ):
                registry._learn(sp)
                return sp.name
        return None
    if clause.startswith("在") and b < p.end and text[b] == "“":
        # “…”在“不忘初心、牢记使命”主题教育总结大会上，习近平总书记…: a term inside the frame
        m2 = _FRAME_TERM_RE.match(text, a, p.end)
        if m2:
            b = m2.end() - 1
            clause = text[a:b]
    frame = _FRAME_CLAUSE_RE.match(clause)
    if frame and b < p.end and text[b] in "，,":
        # “在中国受到了很好的照顾…！”历经一个月的治疗，尼日利亚籍友人金斯利近日…: a clause that
        # only sets time or place comes first; the subject opens the next clause
        a2 = _lstrip(text, b + 1, p.end)
        b = a2
        while b < p.end and text[b] not in _BOUNDARY:
            b += 1
        clause = text[a2:b]
    best: tuple[int, str] | None = None
    for name in registry.known:
        i = clause.find(name)
        if i < 0 or i + len(name) > 40:
            continue
        if i + len(name) == len(clause):
            if b >= p.end or text[b] not in "，,":
                continue  # …广西三江县玉马村贫困户王同边，在工作队帮扶下…: a subject before a comma
        elif clause[i + len(name)] in "的和与及、等们同跟":
            continue
        if _CONTEXT_OBJECT_RE.search(clause, 0, i):
            continue  # 郑菲问楼上的邻居钟华琴: the person asked is no subject
        sp = _parse(clause[: i + len(name)], registry.lex)
        if sp.kind == "person" and sp.name == name and (best is None or i < best[0]):
            best = (i, name)
    if best is None:
        # “前进征程上…。”习近平总书记在…大会上的重要讲话: a name with its title after it
        for k in _name_title_ends(clause, registry.lex, min_len=3):
            sp = _parse(clause[:k], registry.lex)
            if sp.kind == "person" and sp.name and sp.affiliations and clause.startswith(sp.name):
                registry._learn(sp)
                return sp.name
        # “早几年哪敢想…。”老晏眉开眼笑: a short form (老晏, 陈书记) of a person named earlier
        for k in (2, 3, 4):
            cand = clause[:k]
            if (
                len(clause) > k and clause[k] not in _NOT_SUBJECT_AFTER and cand not in _jieba_words()
                and clause[1:3] not in _jieba_words() and short_form_surname(cand, registry.lex)
            ):
                sp, _via = registry.resolve(Speaker(name=None, mention=cand, kind="person"), q.open, p.start)
                if sp.kind == "person" and sp.name:
                    return sp.name
        # “钟姐，…？”郑菲问楼上的邻居…: a bare name opens the clause, a verb right after it
        for k in (3, 2):
            cand = clause[:k]
            if (
                len(clause) > k and clause[k] in _SUBJECT_FOLLOW and is_valid_name(cand, registry.lex)
                and cand not in _jieba_words() and cand[:2] not in _jieba_words()
                and cand[1:3] not in _jieba_words() and _bare_name_ok(cand)
            ):
                return cand
    return best[1] if best else None


_NOT_SUBJECT_AFTER = set("的和与及、等们同跟")
_HEARD_RE = re.compile(r"电话|来电|广播|听到|听见|收到|接到")


def _indirect_owner(
    text: str, q: _Quote, p: Paragraph, ts: list[_Trigger], min_len: int = 0
) -> _Trigger | None:
    """The named person's trigger whose indirect statement ``q`` closes, as a clause of its own.

    X认为，…，“…”。: the quote follows a comma inside the indirect clause, ends the sentence and
    no other speaker's clause or sentence end stands between. Shorter quotes (below ``min_len``
    characters) and quotes that do not end the sentence stay terms.
    """
    if q.close is None or q.open <= p.start or text[q.open - 1] not in "，," or q.cend - q.cstart < min_len:
        return None
    after = text[q.close + 1 : q.close + 2]
    if after not in ("。", "！", "!", "") and not (after in ("\r", "\n") or q.close + 1 >= p.end):
        return None
    for t in reversed(ts):
        a = t.indirect_start
        if a is None or a >= q.open:
            continue
        if any(c in text[a : q.open] for c in "。！？!?；;“”") or any(a < x.clause_start < q.open for x in ts):
            return None
        sp = t.resolved
        return t if sp is not None and sp.kind == "person" and sp.name else None
    return None


def _scene_subject(text: str, q: _Quote, qs: list[_Quote], registry: _Registry) -> str | None:
    """The known person who opens the one short clause between the quote before ``q`` and
    ``q`` (…”王银香现场聆听了总书记的重要讲话，“我们围绕…”), else None."""
    prev = next((x for x in reversed(qs) if x.close is not None and x.close < q.open), None)
    if prev is None or prev.close is None or not _split_by_scene(text, prev.close, q.open):
        return None
    for n in sorted(registry.known, key=len, reverse=True):
        if text.startswith(n, prev.close + 1) and text[prev.close + 1 + len(n) : prev.close + 2 + len(n)] not in _NOT_SUBJECT_AFTER:
            return None if _names_person(text[q.cstart : q.cend], n, registry.lex) else n
    return None


def _names_person(inside: str, name: str, lex: SpeakerLexicon) -> bool:
    """Whether a quote names ``name`` (郭璐萍), or calls the person by surname and a title or
    老/小 (郭医生, 老晏): nobody calls himself so."""
    if name in inside:
        return True
    sur = name[:2] if name[:2] in lex.compound_surnames else name[0]
    i = inside.find(sur)
    while i >= 0:
        rest = inside[i + len(sur) : i + len(sur) + lex.max_title]
        if any(rest.startswith(t) for t in lex.titles if len(t) <= len(rest)) or rest[:1] in ("老", "总"):
            return True
        if i > 0 and inside[i - 1] in "老小" and inside[i - 2 : i - 1] != "我":
            return True  # (我老范: the speaker's own name for himself)
        i = inside.find(sur, i + 1)
    return False


def _split_by_scene(text: str, close: int, open_: int) -> bool:
    """Whether only one short clause of narration (no sentence end, no quote, no name of
    speech) stands between a quote's closing mark at ``close`` and the next opening one."""
    between = text[close + 1 : open_]
    return (
        0 < len(between) <= 24 and between[-1] in "，,：:" and not any(c in between for c in "。！？!?；;“”\"")
        and not between.startswith(("，", ","))
    )


def _subject_before(text: str, q: _Quote, p: Paragraph, registry: _Registry) -> str | None:
    """The subject of the sentence right before a verbless quote, in the same paragraph.

    20出头的穆铁来曾跟随乐团到大庆体验生活。“住的是…”: a feature story introduces a person in a
    sentence of narration and lets the person's words follow with no verb. The quote goes to
    that sentence's subject when it is the one known person the sentence names (or 他/她 at its
    start), no other quote stands in the sentence, and the quote opens a sentence of its own.
    """
    k = _rstrip(text, p.start, q.open)
    if k <= p.start or text[k - 1] not in "。！？!?：:，,":
        return None
    j = max(text.rfind(c, p.start, k - 1) for c in "。！？!?")
    sent = text[(j + 1 if j >= 0 else p.start) : k]
    if any(c in sent for c in "“”「」\"") or _HEARD_RE.search(sent, max(sent.rfind(c) for c in "，,") + 1):
        return None  # dialogue, or words heard from someone else (接到一通电话：)
    if text[k - 1] in "，,":
        # 钱珊英在家里坐立难安，“身在湖北，…” / 天气寒冷，老晏心里很热乎，“…”: the quote ends a
        # sentence of its own whose one clause before it has the person as subject
        c = max(sent.rfind("，", 0, len(sent) - 1), sent.rfind(",", 0, len(sent) - 1)) + 1
        clause = sent[c:-1]
        if not _quote_ends_sentence(text, q) or len(clause) > 20:
            return None
        for n in (2, 3, 4):
            if short_form_surname(clause[:n], registry.lex) and clause[n : n + 1] not in _NOT_SUBJECT_AFTER and (
                clause[:n] not in _jieba_words() and clause[1:3] not in _jieba_words()
            ):
                sp, _via = registry.resolve(Speaker(name=None, mention=clause[:n], kind="person"), q.open, p.start)
                return sp.name if sp.kind == "person" and sp.name else None
        name = next((n for n in sorted(registry.known, key=len, reverse=True) if clause.startswith(n)), None)
        if name is None or clause[len(name) : len(name) + 1] in _NOT_SUBJECT_AFTER:
            return None
        return name if _context_ok(text, q, p, name, registry.lex) else None
    if text[k - 1] in "：:":
        # …，对此宋笑没有太大的忧虑：“…” / 对湖北的最新数据，习近平总书记信手拈来：“…”: the clause
        # before the colon opens with a known person, whoever else the sentence names
        c = max(sent.rfind("，", 0, len(sent) - 1), sent.rfind(",", 0, len(sent) - 1)) + 1
        clause = sent[c:-1]
        lead = _LEAD_RE.match(clause)
        clause = clause[lead.end() :] if lead else clause
        name = next((n for n in sorted(registry.known, key=len, reverse=True) if clause.startswith(n)), None)
        if (
            name is not None and clause[len(name) : len(name) + 1] not in _NOT_SUBJECT_AFTER
            and not any(m != name and m in clause for m in registry.known if len(m) >= 2 and m not in name)
            and _context_ok(text, q, p, name, registry.lex)
        ):
            return name
    hits = sorted(
        (i, n) for n in registry.known if (i := sent.find(n)) >= 0
    )
    names = {n for _i, n in hits}
    for _i, n in hits:
        names -= {m for m in names if m != n and m in n}  # 伊姆兰 inside 伊姆兰·汗
    if len(names) != 1:
        if not names and sent[:1] in ("他", "她"):
            return registry.last_person_before(j + 1 if j >= 0 else p.start, p.start)
        return None
    i, name = next((i, n) for i, n in hits if n in names)
    after = sent[i + len(name) : i + len(name) + 1]
    if i > 25 or after in _NOT_SUBJECT_AFTER or _CONTEXT_OBJECT_RE.search(sent, 0, i):
        return None
    if not _context_ok(text, q, p, name, registry.lex):
        return None  # a crowd's lines, or the quote names the person: not the person's words
    return name


def _rstrip(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1] in " \t\r\n\u3000":
        b -= 1
    return b


def _lstrip(text: str, a: int, b: int) -> int:
    while a < b and text[a] in " \t\r\n\u3000":
        a += 1
    return a


def _quote_ends_sentence(text: str, q: _Quote) -> bool:
    """A closed sentence-like quote: 。 inside before the closing mark, or a clause break after it."""
    inside = text[q.cstart : q.cend].rstrip()
    return bool(inside) and (inside[-1] in _SENT_END or inside[-1] in "，,")


def _triggers(
    text: str, p: Paragraph, pi: int, qs: list[_Quote], vre: re.Pattern[str], lex: SpeakerLexicon,
    known: frozenset[str],
) -> list[_Trigger]:
    out: list[_Trigger] = []
    spans = [(q.open, (q.close if q.close is not None else p.end)) for q in qs]
    # short quotes that are no sentences (terms), by closing mark: their opening mark
    term_close = {
        q.close: q.open for q in qs
        if q.close is not None and q.cend - q.cstart <= 20 and not _is_sentence_like(text[q.cstart : q.cend])
    }
    covered = -1  # the end of the last trigger's object: a verb inside it reports nothing of its own
    for m in vre.finditer(text, p.start, p.end):
        vs, ve = m.start(), m.end()
        if vs < covered or any(a <= vs <= b for a, b in spans):
            continue
        if m.group() == "说" and text[vs - 1 : vs] == "来":
            continue  # 对行业主管部门来说: a frame, nobody speaks
        if m.group() == "问" and (text[vs - 1 : ve] in _jieba_words() or text[vs : ve + 1] in _WEN_WORDS):
            continue  # 军事顾问, 问题, 问责: 问 inside a word (说 and 称 end names: 李克强|说, not 强说)
        c0 = _clause_start(text, vs, p.start)  # the clause holding subject and verb
        if _NOUN_USE_RE.search(text, c0, vs):
            continue  # 积极响应党中央号召， / 按照本通知要求，: the verb's noun, nobody speaks here
        if text[vs - 1 : vs] == "的" and not m.group().startswith("所"):
            continue  # 兑现党和政府对人民的承诺，…: the verb's noun after 的 (not 正如…所说的)
        if lex.lemma(m.group()) == "要求" and _DEMAND_LEVEL_RE.match(text, m.end()):
            continue  # …对精度要求非常高: a standard, not a directive
        after = text[ve] if ve < p.end else ""
        if after == "着" and text[ve + 1 : ve + 2] in ("：", ":"):
            ve += 1  # 向导马军一边开车，一边向我们介绍着：“…”
            after = text[ve]
        if m.group() in _COLON_ONLY and after not in ("：", ":") and not _VERB_OBJECT_RE.match(text, ve, p.end):
            continue  # …经验和方案分享。/ 代表们踊跃发言，: these verbs report words only before a colon
        bare = False  # 王毅表示中方已建立…: a clause complement with no comma after the verb
        telling_end = -1
        quoted_obj = _VERB_OBJECT_RE.match(text, ve, p.end) if after == "“" else None
        if quoted_obj is not None:
            ve = quoted_obj.end() - 1  # 吕家文道出“秘诀”：… — a quoted object before a colon
            after = text[ve]
        elif after and after not in _AFTER_VERB_OK:
            obj = _VERB_OBJECT_RE.match(text, ve, p.end)
            if obj is None and not (len(m.group()) == 1 and _jieba_words().get(text[vs : ve + 1], "")[:1] == "n"):
                # (聆听总书记讲话的李林感慨：: 讲 of the noun 讲话 takes no object)
                obj = _VERB_OBJECT_ANY_RE.match(text, ve, p.end)
            if obj is None and lex.lemma(m.group()) in _TELLING:
                obj = _ADDRESSED_RE.match(text, ve, p.end)
                telling_end = obj.end() if obj is not None else -1
            if obj is not None:
                ve = obj.end() - 1  # 他道出了实情：… — a short object before a colon
                after = text[ve]
            elif _bare_complement(text, m.group(), ve, p.end):
                bare = True
            else:
                continue
        found = _find_speaker(text, c0, vs, m.group(), lex, known)
        c1 = c0
        while found is None and c1 - 1 in term_close:
            # 习近平总书记在“不忘初心、牢记使命”主题教育总结大会上强调: a term inside the clause
            c1 = _clause_start(text, term_close[c1 - 1], p.start)
            found = _find_speaker(text, c1, vs, m.group(), lex, known)
            if found is not None:
                c0 = c1
        if found is None:
            found = _sentence_subject(text, c0, vs, p, known, lex)
            if found is not None and bare and lex.lemma(m.group()) in _DIRECTIVES and any(
                x.indirect_start is not None and x.indirect_start < vs
                and not any(ch in text[x.indirect_start : vs] for ch in "。！？!?")
                for x in out
            ):
                continue  # 杨凡说，全村设…，号召党员…: part of his statement
        if found is None:
            continue
        sp, ms, me = found
        if bare and sp.kind != "person" and lex.lemma(m.group()) in _DIRECTIVES:
            continue  # …印发通知要求…: a directive without comma is read for persons only
        sp = _resolve_demonstrative_org(text, sp, ms, p.start)
        t = _Trigger(pi, c0, ms, me, lex.lemma(m.group()), vs, ve, sp)
        covered = telling_end  # (叮嘱有关部门和地方负责人说，: that 说 is part of 叮嘱's object)
        if sp.kind == "person" and sp.name:
            t.co = _joint_subject(text, me, vs, sp.name, known, lex)
        j = ve
        if bare:
            t.indirect_start = ve
        elif after in "，,：:":
            j = _lstrip(text, ve + 1, p.end)
            if j < p.end and (text[j] not in _TOP_OPEN or _term_led(text, j, qs, p.end)):
                t.indirect_start = j
        out.append(t)
    return out


# verbs of a turn in a dialogue: the quote before them is the other party's
_REPLY_VERBS = frozenset({"回应", "回答", "回复", "答", "答道", "反问", "追问", "接话", "应道", "回道"})
# 隔着院门传来村支书李红兵的声音：“…”: a noun of speech after the person introduces the quote
_NOUN_INTRO_RE = re.compile(
    r"的(?:声音|话|话语|回答|答复|嘱咐|叮嘱|心声|感言|留言|寄语|回信|来信|誓言|感慨|感叹|心里话|肺腑之言|原话|感受|体会)"
    r"(?:[：:]|——)[ \u3000]*$"
)
# a clause that only sets the time opens the sentence (调研期间，/ 疫情发生以来，)
_TIME_FRAME_RE = re.compile(r"[^，。“”：:,；;]{1,20}?(?:期间|以来|之际|时|后)[，,]")
# directives added to the bare verbs: read for persons only, and never into a sentence whose
# subject already reports something (杨凡说，…，号召党员…)
_DIRECTIVES = frozenset({"要求", "建议", "号召", "勉励", "提醒", "叮嘱", "嘱咐"})
_NOUN_USE_RE = re.compile(r"响应|按照|根据|遵照|依照|依据")
_DEMAND_LEVEL_RE = re.compile(r"(?:很|非常|特别|相当|极其|更|较|越来越|极|不|也|高|严|低)")
# a quote introduced by a reporting verb and a colon of its own (…勒文说：“…”): never the
# continuation of an earlier speaker, even when its own speaker is not recognized
_OWN_INTRO_RE = re.compile(r"(?:说|表示|指出|强调|介绍|认为|称|道|问|回答|坦言|感慨|呼吁|回忆)[：:][ \u3000]*$")
# both intro patterns end at the quote and span at most a dozen characters: search only the
# text just before it instead of the whole paragraph, once per quote
_INTRO_WINDOW = 24
_FRAME_TERM_RE = re.compile(r"在(?:[^，。“”：:,]|“[^“”，。：\n]{1,20}”){1,30}?(?:上|中|时|期间)[，,]")
_FRAME_CLAUSE_RE = re.compile(
    r"(?:(?:在|历经|经过|随着|当|从|自)(?:[^，。“”：:,]|“[^“”，。：\n]{1,20}”){1,30}"
    r"|(?:如今|目前|最近|近日|日前|去年|今年|此后|后来|随后|此时|当天|当晚|那天|晚上|早上|上午|下午)[^，。“”：:,]{0,12})$"
)
_THIS_IS_RE = re.compile(r"这(?:正|就|便|也)?是")
_JOINT_RE = re.compile(r"联合声明|联合公报|共同声明|共同发表|联名|双方")
# verbs that take a whole clause as object without a comma (王毅表示中方已…, 完全相信中方将…)
# and directives that take an addressee and what it is to do (赵乐际…要求纪检监察干部继承…, 勉励大家…)
_ABSTRACT_OBJECT_RE = re.compile(r"的(?:重要|关键|突出|巨大|积极)?(?:作用|意义|重要性|必要性|紧迫性|地位|贡献|价值)$")
_BARE_VERBS = frozenset({
    "表示", "相信", "认为", "强调", "指出", "呼吁", "敦促", "要求", "建议", "号召", "勉励", "提醒", "叮嘱", "嘱咐",
})
# 表示 + a noun of feeling or stance is a gesture, not a statement (表示诚挚慰问, 表示感谢)
_GESTURE_RE = re.compile(
    r"(?:了|最|高度|强烈|坚决|深切|深深|由衷|真诚|衷心|诚挚|热烈|亲切|极大|严重|充分|十分|非常|一定|积极"
    r"|感谢|谢意|欢迎|祝贺|慰问|哀悼|敬意|歉意|遗憾|同情|关切|关注|赞赏|赞同|支持|反对|满意|肯定|钦佩"
    r"|感激|理解|认可|同意|不满|抗议|谴责|怀疑|担忧|担心|惊讶|震惊|愤慨|愤怒|祝愿|问候|致意|致谢)"
)


def _joint_subject(
    text: str, me: int, vs: int, first: str, known: frozenset[str], lex: SpeakerLexicon
) -> list[str]:
    """The further persons of a listed subject: 日本自民党干事长二阶俊博、公明党干事长齐藤铁夫、外相
    茂木敏充…等党政要人，…认为… — known names that follow the first one, each after 、/和/与/及 and
    at most a short title or organization (no clause break), before the verb."""
    out: list[str] = []
    pos = me
    while pos < vs and text[pos] in "、和与及":
        seg_end = pos + 1
        while seg_end < vs and seg_end - pos <= 25 and text[seg_end] not in _BOUNDARY:
            seg_end += 1
        seg = text[pos + 1 : seg_end]
        hit = None
        for n in known:
            i = seg.find(n)
            if i >= 0 and (hit is None or i < hit[0] or (i == hit[0] and len(n) > len(hit[1]))):
                hit = (i, n)
        if hit is None and text[pos] in "和与":
            # 港区全国政协委员黄楚标和黄英豪都关注…: a bare name joined by 和, then 都/均/共同 …
            m = _JOINT_BARE_RE.match(seg)
            if m and is_valid_name(m.group(1), lex) and _bare_name_ok(m.group(1)):
                hit = (0, m.group(1))
        if hit is None or hit[1] == first or hit[1] in out:
            break
        out.append(hit[1])
        pos = pos + 1 + hit[0] + len(hit[1])
    return out


_JOINT_BARE_RE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(?=都|均|也|一致|共同|分别|同时)")


def _bare_complement(text: str, verb: str, ve: int, end: int) -> bool:
    """Whether ``verb`` at ``ve`` takes a clause without a comma: only 表示/相信/认为/强调/指出/呼吁/敦促, followed by
    at least 6 characters of Chinese before the next break, and never 表示 + a gesture noun."""
    if verb not in _BARE_VERBS:
        return False
    k = ve
    while k < end and text[k] not in _BOUNDARY:
        k += 1
    clause = text[ve:k]
    if len(clause) < 6 or not "\u4e00" <= clause[0] <= "\u9fff" or clause[0] in "了过着的":
        return False
    if _ABSTRACT_OBJECT_RE.search(clause):
        return False  # 指出领导机关…在党和国家事业发展中的重要作用: an object, not a clause
    return not (verb == "表示" and _GESTURE_RE.match(clause))


def _sentence_subject(
    text: str, c0: int, vs: int, p: Paragraph, known: frozenset[str], lex: SpeakerLexicon
) -> tuple[Speaker, int, int] | None:
    """The person who opens the sentence, for a verb that opens a later clause of it.

    费萨尔代表沙特政府…支持…，完全相信中方将… / 王毅感谢…，表示中方已…: the clause holding the
    verb has no subject (only adverbs), so the subject is the sentence's first word, when that is
    a person the article has introduced with a title. The verb's clause must not be the first.
    """
    if not _adverbial(text[c0:vs]):
        return None
    s0 = vs
    while s0 > p.start and text[s0 - 1] not in "。！？!?；;\n":
        s0 -= 1
    s0 = _lstrip(text, s0, vs)
    if s0 >= c0 or any(ch in text[s0:c0] for ch in "“”「」\""):
        return None
    lead = _LEAD_RE.match(text, s0, c0)
    if lead:
        s0 = lead.end()
    frame = _TIME_FRAME_RE.match(text, s0, c0)
    if frame:
        s0 = _lstrip(text, frame.end(), c0)  # 调研期间，赵乐际到…参观，要求…: a time frame first
    short = re.match(
        r"(?:[^，。“”：:,；;他她]{0,4}(?:上|后|时|间)|(?:今年|去年|当天|当日|当晚|随后|此后|近日|日前)?"
        r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚上|晚)?)[，,]",
        text[s0:c0],
    )
    if short and not any(k in short.group() for k in known):
        s0 = _lstrip(text, s0 + short.end(), c0)  # 一路上，向导马军一边开车，一边…介绍着: a short frame
    if _JOINT_RE.search(text, s0, c0):
        return None  # 埃尔多安和俄罗斯总统普京…发表联合声明，呼吁…: a joint subject
    for n in sorted((k for k in known if text.startswith(k, s0)), key=len, reverse=True):
        nxt = text[s0 + len(n) : s0 + len(n) + 1]
        if nxt and nxt not in "·•的":
            return Speaker(name=n, mention=n, kind="person"), s0, s0 + len(n)
    if text[s0 : s0 + 1] in ("他", "她") and text[s0 + 1 : s0 + 2] not in ("们", "人"):
        return Speaker(name=None, mention=text[s0], kind="person"), s0, s0 + 1  # 他表示…，呼吁…
    # 中共中央政治局委员、中宣部部长黄坤明主持会议…，强调要…: a full mention opens the sentence
    c1 = s0
    while c1 < c0 and text[c1] not in _BOUNDARY:
        c1 += 1
    hits = sorted(hit for k in known if (hit := (text.find(k, s0, c1), k))[0] > s0)
    if hits:
        i, n = hits[0][0], max((k for pos, k in hits if pos == hits[0][0]), key=len)
        sp = _parse(text[s0 : i + len(n)], lex)
        if sp.kind == "person" and sp.name == n:
            return sp, s0, i + len(n)
    # 孔戴总统致函…，高度评价…，相信…: a name with a title after it opens the sentence
    for k in range(min(8, c1 - s0), 2, -1):
        sp = _parse(text[s0 : s0 + k], lex)
        if sp.kind == "person" and sp.name and sp.affiliations and text[s0 : s0 + k].startswith(sp.name):
            return sp, s0, s0 + k
    return None


def _term_led(text: str, j: int, qs: list[_Quote], end: int) -> bool:
    """Whether the quote opening at ``j`` is a term that starts a clause, not speech.

    默克尔表示，“北溪—2”输气管道项目可以… / 在他看来，“高”“精”“尖”是…: a short quote that is
    not sentence-like and is followed (after any further short quotes or 、) by more of the same
    clause. The clause is then an indirect statement and the quote a term inside it.
    """
    by_open = {q.open: q for q in qs}
    k = j
    while k in by_open:
        q = by_open[k]
        if q.close is None or _is_sentence_like(text[q.cstart : q.cend]) or q.cend - q.cstart > 12:
            return False
        k = q.close + 1
        while k < end and text[k] in "、和与及":
            k += 1
    return k > j and k < end and "\u4e00" <= text[k] <= "\u9fff"


def _attribute(
    text: str, p: Paragraph, qs: list[_Quote], ts: list[_Trigger], all_q: list[list[_Quote]], pi: int,
    known: frozenset[str] = frozenset(),
) -> None:
    by_close = {q.close: q for q in qs if q.close is not None}
    by_open = {q.open: q for q in qs}
    for t in ts:
        # “……”X表示 / “……，”X说 / “……”，X说
        j = t.clause_start - 1
        while j >= p.start and text[j] in "，, \u3000":
            j -= 1
        if j > p.start and text[j] == "。" and j - 1 in by_close and _opens_sentence(text, by_close[j - 1], p):
            j -= 1  # “……震撼观众”。《伟大的转折》总制片人欧阳黔森认为: the full stop outside the quote
        q = by_close.get(j)
        if q is not None and q.anchor is None and _embedded_term(text, q, p):
            # “……”两名80后“女将”之一的钟丽萍说: a term inside the speaker's description; the
            # speech is the quote that closes right before that description
            k2 = _clause_start(text, q.open, p.start) - 1
            while k2 >= p.start and text[k2] in "，, \u3000":
                k2 -= 1
            q = by_close.get(k2)
            if q is not None and not (t.mstart - k2 <= 30 and _quote_ends_sentence(text, q)):
                q = None
        opens = t.mstart == t.clause_start or text[t.clause_start : t.mstart].endswith("的")
        if q is None and opens:
            # “……”看着楼下新装的供水管道，62岁的居民陈华说: one short clause in between
            k2 = _clause_start(text, j, p.start) - 1 if j >= p.start else -1
            gap_q = by_close.get(k2)
            if gap_q is not None and j - k2 <= 25 and text[j] not in "。！？!?；;" and _quote_ends_sentence(text, gap_q):
                q = gap_q
        elif q is not None and not opens:
            q = q if t.mstart - t.clause_start <= 25 and _quote_ends_sentence(text, q) else None
        if q is None and opens and text[t.clause_start - 2 : t.clause_start] == "——":
            # “……”中关村…一家民营高科技企业——韵动体感科技有限公司负责人刘一良感慨道: a
            # descriptor in apposition between the quote and its speaker
            k3 = _clause_start(text, t.clause_start - 2, p.start) - 1
            app_q = by_close.get(k3)
            if app_q is not None and t.clause_start - k3 <= 40 and _quote_ends_sentence(text, app_q):
                q = app_q
        k0 = _lstrip(text, t.vend, p.end)
        if q is not None and k0 < p.end and text[k0] in "：:" and _lstrip(text, k0 + 1, p.end) in by_open:
            # “红国，身体咋样？”李红国连忙回应：“身体好得很…”: the verb introduces its own quote;
            # the quote before is the same speaker's first half only when it is no question and
            # the verb no reply (“每次面对选择…”朱勇说：“他身上…”)
            inside = text[q.cstart : q.cend].rstrip()
            before = text[_rstrip(text, p.start, q.open) - 1] if q.open > p.start else ""
            if q.anchor is None and inside[-1:] not in "？?" and t.verb not in _REPLY_VERBS and before not in ("：", ":"):
                q.split_of = t
            q = None
        if q is not None and q.anchor is None:
            gap = text[q.close + 1 : t.clause_start] if q.close is not None else ""
            inside = text[q.cstart : q.cend].rstrip()
            if (inside and inside[-1] in "。！？!?，,…") or "，" in gap or "," in gap or _is_sentence_like(inside) or q.open == _lstrip(text, p.start, p.end):
                q.anchor = t
        # X说：“……” / X表示，“……”
        k = _lstrip(text, t.vend, p.end)
        punct = False
        while k < p.end and text[k] in "：:，,":
            punct = True
            k = _lstrip(text, k + 1, p.end)
        q2 = by_open.get(k)
        if q2 is not None and t.indirect_start is not None and t.indirect_start <= q2.open:
            pass  # a term opening the indirect clause (默克尔表示，“北溪—2”项目…)
        elif q2 is not None and q2.anchor is None:
            if punct or _is_sentence_like(text[q2.cstart : q2.cend]) or _whole_object(text, q2, p):
                q2.anchor = t
        elif k >= p.end and text[_rstrip(text, p.start, p.end) - 1] in "：:" and pi + 1 < len(all_q):
            nxt = all_q[pi + 1]
            if nxt and nxt[0].anchor is None:
                nxt[0].anchor = t
    # sentence-like quotes with no attribution continue the paragraph's last speaker before them
    for q in qs:
        if q.anchor is not None or q.prev is not None:
            continue
        inside = text[q.cstart : q.cend]
        if not _is_sentence_like(inside):
            continue
        before = [t for t in ts if t.vend <= q.open]
        if before and not _OWN_INTRO_RE.search(text, max(p.start, q.open - _INTRO_WINDOW), q.open):
            if _colon_subject(text, q, p, known, before[-1]):
                continue  # 贫困户余莲娇止不住内心的喜悦：“…”: another person's sentence introduces it
            if _NOUN_INTRO_RE.search(text, max(p.start, q.open - _INTRO_WINDOW), q.open):
                continue  # …这是南非驻华大使多拉娜·姆西曼的感受——“…”: a noun of speech introduces it
            if q.close is not None and _quote_ends_sentence(text, q) and any(
                text.startswith(n, q.close + 1) and text[q.close + 1 + len(n) : q.close + 2 + len(n)] not in _NOT_SUBJECT_AFTER
                for n in known if n != (before[-1].parsed.name or "")
            ):
                continue  # …强调…。“总书记的话言犹在耳。”王银香现场聆听…: another person follows as subject
            prev = next((x for x in reversed(qs) if x.close is not None and x.close < q.open), None)
            if prev is not None and prev.close is not None and prev.close > before[-1].vend and any(
                text.startswith(n, prev.close + 1) for n in known if n != (before[-1].parsed.name or "")
            ) and _split_by_scene(text, prev.close, q.open):
                continue  # …”王银香现场聆听了总书记的重要讲话，“我们围绕…”: her second half
            q.continuation_of = before[-1]


def _colon_subject(text: str, q: _Quote, p: Paragraph, known: frozenset[str], t: _Trigger) -> bool:
    """Whether ``q`` follows a colon that ends a sentence whose subject is a known person other
    than the speaker of trigger ``t`` (…吴承云说。…贫困户余莲娇止不住内心的喜悦：“…”)."""
    k = _rstrip(text, p.start, q.open)
    if k <= p.start or text[k - 1] not in "：:" or k <= t.vend:
        return False
    j = max(text.rfind(c, max(p.start, t.vend), k - 1) for c in "。！？!?")
    if j < 0:
        return False  # the colon ends the trigger's own sentence
    sent = text[j + 1 : k - 1]
    hits = sorted((i, n) for n in known if 0 <= (i := sent.find(n)) <= 25)
    return bool(hits) and hits[0][1] != (t.parsed.name or "") and sent[hits[0][0] + len(hits[0][1]) :][:1] not in _NOT_SUBJECT_AFTER


def _opens_sentence(text: str, q: _Quote, p: Paragraph) -> bool:
    """Whether the quote starts its sentence (paragraph start or a sentence end before it)."""
    k = q.open - 1
    while k >= p.start and text[k] in " \u3000":
        k -= 1
    return k < p.start or text[k] in "。！？!?”"


def _whole_object(text: str, q: _Quote, p: Paragraph) -> bool:
    """罗斯宣称“中国发生疫情有助于加速制造业回流美国”。: a long closed quote right after the verb
    that is the verb's whole object (a clause break follows it), so speech, not a term (提出“一带一路”
    倡议 is followed by more of its noun phrase)."""
    if q.close is None or q.cend - q.cstart < 10:
        return False
    nxt = text[q.close + 1] if q.close + 1 < p.end else "。"
    return nxt in "。，；！？!?;,"


def _embedded_term(text: str, q: _Quote, p: Paragraph) -> bool:
    """A short quote that is no sentence and sits inside running text (a Chinese character right
    before its opening mark): a term of the narrator's, never speech that a later verb reports."""
    inside = text[q.cstart : q.cend].rstrip()
    before = text[q.open - 1] if q.open > p.start else ""
    return (
        len(inside) <= 8 and not _is_sentence_like(inside) and inside[-1:] not in "。！？!?，,…"
        and "\u4e00" <= before <= "\u9fff"
    )


def _speech_before(
    text: str, p: Paragraph, qs: list[_Quote], ts: list[_Trigger], t: _Trigger
) -> tuple[int, int] | None:
    """他们来自荆州市妇幼保健院：…工作人员。荆北村党支部书记杨凡说。: a closing ``X说。`` with no
    quotation marks reports the paragraph's text before it (from the paragraph start or the last
    earlier trigger), as an indirect statement."""
    if text[t.vend : t.vend + 1] not in ("。", "！") or any(q.anchor is t for q in qs):
        return None
    if t.vend + 1 < p.end and _rstrip(text, t.vend + 1, p.end) > t.vend + 1:
        return None  # the paragraph goes on: not a closing attribution
    a = _lstrip(text, p.start, p.end)
    for x in ts:
        if x is not t and x.vend <= t.clause_start:
            a = max(a, x.vend)
    a = _lstrip(text, a, t.clause_start)
    while a < t.clause_start and text[a] in "，,：:":
        a = _lstrip(text, a + 1, t.clause_start)
    b = _rstrip(text, a, t.clause_start)
    while b > a and text[b - 1] in "，,":
        b -= 1
    seg = text[a:b]
    if b - a < 6 or any(c in seg for c in _TOP_OPEN) or any(c in seg for c in _CLOSERS):
        return None
    return a, b


def _with_joint(out: list[Statement], t: _Trigger, registry: _Registry) -> None:
    """Copies of the trigger's last statement for the other persons of a joint subject."""
    st = out[-1]
    for name in t.co:
        out.append(replace(st, speaker=registry._person(name, None), via=st.via if st.via in ("pronoun", "continuation") else "name"))


_PAIR_PRONOUNS = frozenset({"他们", "她们", "二人", "两人"})


def _pair_before(text: str, pos: int, lo: int, registry: _Registry) -> list[str] | None:
    """The persons a plural pronoun at ``pos`` stands for: two or three known persons joined by
    和/与/及/、 in the sentence before it (…总裁安德鲁·福雷斯特和首席执行官伊丽莎白·盖恩斯共同撰写的署名
    文章。他们在…文章中说), when that sentence names nobody else. None when it is not so plain."""
    end = pos
    while end > lo and text[end - 1] not in "。！？!?":
        end -= 1  # the start of the pronoun's sentence
    if end <= lo:
        return None
    start = end - 1
    while start > lo and text[start - 1] not in "。！？!?":
        start -= 1
    i0 = bisect.bisect_left(registry.timeline, (start, ""))
    i1 = bisect.bisect_right(registry.timeline, (end, "\U0010ffff"))
    hits = [(e, n) for e, n in registry.timeline[i0:i1] if n]
    names: list[str] = []
    for _e, n in hits:
        if n not in names:
            names.append(n)
    if not 2 <= len(names) <= 3:
        return None
    # each next name within 30 characters after a joining character, with no clause break
    last_end = next(e for e, n in hits if n == names[0])
    for n in names[1:]:
        j = text.find(n, last_end, end)
        gap = text[last_end:j] if j >= 0 else ""
        if j < 0 or j - last_end > 30 or not any(c in gap for c in "和与及、") or any(c in _BOUNDARY for c in gap):
            return None
        last_end = j + len(n)
    return names


def _indirect_statements(
    text: str, p: Paragraph, qs: list[_Quote], ts: list[_Trigger], registry: _Registry
) -> list[Statement]:
    out: list[Statement] = []
    speech_opens = [q.open for q in qs if q.anchor is not None or q.continuation_of is not None]
    for t in ts:
        if t.indirect_start is None and t.resolved is not None:
            tail = _speech_before(text, p, qs, ts, t)
            if tail is not None:
                out.append(_statement(text, t.para, None, tail[0], tail[1], "indirect", t.via, t.verb, t.resolved, pidx=p.index))
                _with_joint(out, t, registry)
            continue
        if t.indirect_start is None or t.resolved is None:
            continue
        a = t.indirect_start
        # a later trigger's clause, or its subject when that opens the sentence (温敏祝贺…，相信…)
        stops = [min(x.clause_start, x.mstart) for x in ts if min(x.clause_start, x.mstart) > a]
        stops += [o for o in speech_opens if o > a]
        # …强调要扎扎实实把乡村振兴战略实施好。“总书记的话言犹在耳。”: a quote opening a sentence
        stops += [q.open for q in qs if q.open > a and text[_rstrip(text, p.start, q.open) - 1] in "。！？!?"]
        m = _NARRATIVE_STOP.search(text, a, p.end)
        if m:
            stops.append(m.start())
        b = min([*stops, p.end])
        b = _rstrip(text, a, b)
        if b - a < 2:
            continue
        out.append(_statement(text, t.para, None, a, b, "indirect", t.via, t.verb, t.resolved, pidx=p.index))
        _with_joint(out, t, registry)
    return out


def _nested_source(
    text: str, lo: int, a: int, vre: re.Pattern[str], lex: SpeakerLexicon
) -> tuple[Speaker, str, str] | None:
    """全会提出‘……’ inside a quote: the institution or person that the nested quote cites."""
    k = a - 1  # the opening mark
    j = k
    while j > lo and text[j - 1] in "：:，, ":
        j -= 1
    c0 = _clause_start(text, j, lo)
    clause = text[c0:j]
    for m in vre.finditer(clause):
        if m.end() != len(clause):
            continue
        found = _find_speaker(text, c0, c0 + m.start(), m.group(), lex)
        if found is None:
            continue
        sp = found[0]
        via = sp.kind if sp.kind in ("institution", "document") else "name"
        if sp.kind in ("institution", "document") or (sp.kind == "person" and sp.name):
            return sp, lex.lemma(m.group()), via
    return None


def _term(text: str, p: Paragraph, pi: int, a: int, b: int, out: list[TermQuote]) -> None:
    if b > a:
        out.append(TermQuote(text=text[a:b], paragraph=p.index, start=a, end=b))


def _statement(
    text: str,
    pi: int,
    paras: Sequence[Paragraph] | None,
    a: int,
    b: int,
    kind: str,
    via: str,
    verb: str | None,
    sp: Speaker,
    *,
    nested: bool = False,
    pidx: int | None = None,
) -> Statement:
    index = pidx if pidx is not None else (paras[pi].index if paras is not None else pi)
    return Statement(
        paragraph=index, start=a, end=b, text=text[a:b], kind=kind, via=via, verb=verb,
        speaker=sp, nested=nested,
    )
