"""Article anatomy: headline, dateline, bylines, photos and paragraph kinds of one article.

Why a separate stage: speaker and statement extraction must only look at body text, and a
researcher counting "articles by 本报记者 X" needs bylines as data. Everything here works on the
normalized text (:func:`tifalab.text.normalize`), so every span indexes ``Article.text``.

Rules (documented because they are choices):

* **People's Daily** (layout ``peoples_daily``): the crawler writes three fixed title slots —
  raw line 1 = 引题 (kicker, often empty), line 2 = 主题 (title), line 3 = 副题 (subtitle, often
  empty) — then the indented body. So kicker/title/subtitle are read *by position*, never
  guessed. Unindented lines after the slots (salutations such as ``同志们：``) are body.
* **新闻联播** (``xwlb``): the first paragraph is the story title.
* **Other layouts** (plain, html, jsonl, csv): the headline is the first run (max 3) of
  title-like paragraphs (short, no sentence-final punctuation, not a byline). If the first
  paragraph is a lead ending in a byline and the second is title-like (the sample's web layout),
  the headline is the second. With two lines: a second line starting with —— or （ is a subtitle;
  a first line ending in ——/： is a kicker; a line ending in a column label （…） is the title;
  otherwise kicker + title (the more common pattern in People's Daily: 2,938 kicker+title vs
  1,383 title+subtitle two-line headlines). One line with three or more space-separated parts
  whose first part is the longest is kicker + title (local papers' web pages join 引题 and 主题
  with a space). With metadata (html/jsonl/csv) the ``title`` field wins when present.
* A column label — a trailing ``（…）`` of at most 12 characters without digits, or a leading
  ``【…】`` — is moved from the title to ``Headline.column`` (written with its brackets).
* Byline names written with justification spaces (``张  枨``) are joined (``张枨``): consecutive
  one-character tokens pair up into one name. A :class:`Byline` span covers the name as written,
  so ``strip_spaces(text[start:end]) == name``.
* Roles: reporter, correspondent, photographer (``X摄``, ``记者 X 图``), editor (责任编辑, 本版责编),
  designer (版式设计, 制图), author (作者：X). Labels live in ``data/lexicons/byline_labels.tsv``.
* ``is_stub``: the title is a stub label (广告, 图片报道 … in ``stub_labels.txt``) or the article
  has fewer than 20 characters of body text. Stubs are flagged, never dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tifalab.model import Article, Byline, Document, Headline, Paragraph, Photo
from tifalab.paths import lexicon_path
from tifalab.text import ends_sentence, normalize, strip_spaces

# --- lexicons ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    label: str
    role: str
    position: str  # prefix | colon | suffix
    org: str | None


@cache
def load_byline_labels(path: Path | None = None) -> tuple[Label, ...]:
    """Byline labels from a TSV (label, role, position, org), longest label first."""
    p = path or lexicon_path("byline_labels.tsv")
    out: list[Label] = []
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = [*line.split("\t"), "", "", ""]
        out.append(Label(cols[0].strip(), cols[1].strip(), cols[2].strip() or "prefix",
                         cols[3].strip() or None))
    out.sort(key=lambda lab: -len(lab.label))
    return tuple(out)


@cache
def load_wordlist(path: Path) -> tuple[str, ...]:
    """One entry per line; ``#`` comments and blank lines ignored; longest first."""
    words = [w.strip() for w in path.read_text(encoding="utf-8").splitlines()]
    return tuple(sorted({w for w in words if w and not w.startswith("#")}, key=lambda w: -len(w)))


@dataclass(frozen=True)
class _Grammar:
    labels: dict[str, Label]
    prefix_re: re.Pattern[str]
    colon_re: re.Pattern[str]
    dateline_re: re.Pattern[str]
    stub_labels: frozenset[str]
    pull_labels: frozenset[str]
    nonnames: frozenset[str]
    # A character no credit string can hold (see parse_credits): its search is the fast "no".
    foreign_re: re.Pattern[str]


_NAME_CH = r"[\u4e00-\u9fff\u3400-\u4dbf·•]"
_SEP = r"[\s\u3000、，,；;]"


@cache
def _grammar() -> _Grammar:
    labels = load_byline_labels()
    by_label = {lab.label: lab for lab in labels}
    prefix = [re.escape(lab.label) for lab in labels if lab.position == "prefix"]
    colon = [re.escape(lab.label) for lab in labels if lab.position == "colon"]
    sources = load_wordlist(lexicon_path("dateline_sources.txt"))
    src = "|".join(re.escape(s) for s in sources)
    dateline = re.compile(
        rf"^(?P<dl>(?:据)?(?:{src})(?:[\u4e00-\u9fff、·]{{0,16}}?)(?:\d{{1,2}}月\d{{1,2}}日)?电"
        rf"|本报讯|(?:央视网|新华网|人民网)消息(?=[（(：:\s]))"
    )
    # Everything parse_credits can consume: whitespace, separators, name characters and the
    # characters of the labels (and the colon after a colon label). Any other character in a
    # string makes parse_credits return None when its scan reaches it, so one regex search
    # answers "not a credit string" for prose (a 。 or a digit) without the per-token scan.
    label_chars = "".join(sorted({ch for lab in labels for ch in lab.label}))
    foreign = re.compile(
        r"[^\s、，,；;:：\u4e00-\u9fff\u3400-\u4dbf·•" + re.escape(label_chars) + "]"
    )
    return _Grammar(
        labels=by_label,
        prefix_re=re.compile("|".join(prefix)),
        colon_re=re.compile(rf"(?:{'|'.join(colon)})\s*[:：]"),
        dateline_re=dateline,
        stub_labels=frozenset(load_wordlist(lexicon_path("stub_labels.txt"))),
        pull_labels=frozenset(load_wordlist(lexicon_path("pull_quote_labels.txt"))),
        nonnames=frozenset(load_wordlist(lexicon_path("byline_nonnames.txt"))),
        foreign_re=foreign,
    )


# --- credit strings ------------------------------------------------------------------------

_SUFFIXES = ("采访整理", "整理", "报道", "采写", "摄影", "摄", "图")
_PHOTO_SUFFIXES = ("摄", "图", "摄影")
_TOKEN_RE = re.compile(rf"{_NAME_CH}+")


@dataclass
class _Credit:
    name: str
    role: str
    label: str
    org: str | None
    start: int
    end: int


def _valid_name(tok: str) -> bool:
    if tok in _grammar().nonnames:
        return False
    if "·" in tok or "•" in tok:
        return 3 <= len(tok) <= 16
    return 2 <= len(tok) <= 4


def parse_credits(s: str, base: int = 0, default_role: str | None = None) -> list[_Credit] | None:
    """Parse a string made only of credits (``记者 张三 李四  通讯员 王五``); None otherwise.

    Returns one entry per person with offsets ``base + i`` into the caller's text. Names need a
    label before them (本报记者, 通讯员, 责任编辑：…), a suffix (``张三摄``, ``张三整理``) or,
    inside a dateline's brackets (``本报济南10月23日电（潘俊强、王家宏）``), ``default_role``.
    """
    g = _grammar()
    if g.foreign_re.search(s):  # prose, dates, digits …: the scan below would give None too
        return None
    n = len(s)
    i = 0
    label: Label | None = None
    label_text = ""
    out: list[_Credit] = []
    pending: list[tuple[str, int, int]] = []  # name tokens of the current segment
    segments: list[tuple[Label | None, str, list[tuple[str, int, int]], str | None]] = []

    def close(suffix: str | None) -> None:
        nonlocal pending
        if pending:
            segments.append((label, label_text, pending, suffix))
        elif suffix and segments and segments[-1][3] is None:
            lab, lt, toks, _ = segments[-1]
            segments[-1] = (lab, lt, toks, suffix)
        pending = []

    while i < n:
        ch = s[i]
        if ch.isspace() or ch in "、，,；;":
            i += 1
            continue
        m = g.colon_re.match(s, i)
        if m:
            close(None)
            lab_txt = re.sub(r"\s*[:：]$", "", m.group(0))
            label, label_text = g.labels[lab_txt], lab_txt
            i = m.end()
            continue
        m = g.prefix_re.match(s, i)
        if m:
            close(None)
            label, label_text = g.labels[m.group(0)], m.group(0)
            i = m.end()
            continue
        m = _TOKEN_RE.match(s, i)
        if not m:
            return None
        tok, a, b = m.group(0), m.start(), m.end()
        # a label glued to the next name (记者王亚哲通讯员李明): cut the token before it
        for k in range(2, len(tok)):
            if g.prefix_re.match(tok, k) or g.colon_re.match(s, a + k):
                tok, b = tok[:k], a + k
                break
        suffix = None
        if tok in _SUFFIXES:
            close(tok)
            i = b
            continue
        for suf in _SUFFIXES:
            if tok.endswith(suf) and len(tok) - len(suf) >= 1 and (
                len(tok) - len(suf) >= 2 or pending
            ):
                tok, b, suffix = tok[: -len(suf)], b - len(suf), suf
                break
        pending.append((tok, a, b))
        if suffix:
            close(suffix)
        i = max(b + (len(suffix) if suffix else 0), a + 1)
    close(None)
    if not segments:
        return None
    for lab, lab_txt, toks, suffix in segments:
        if lab is None and suffix not in _PHOTO_SUFFIXES and suffix not in ("整理", "采访整理") \
                and default_role is None:
            return None
        names = _merge_tokens(toks)
        if names is None:
            return None
        role = lab.role if lab else ("photographer" if suffix in _PHOTO_SUFFIXES
                                     else "reporter" if suffix else default_role or "reporter")
        if suffix in _PHOTO_SUFFIXES:
            role = "photographer"
        shown = lab_txt if lab else suffix or ""
        if lab and suffix in _PHOTO_SUFFIXES:
            shown = f"{lab_txt}…{suffix}"
        for name, a, b in names:
            out.append(_Credit(name, role, shown, lab.org if lab else None, base + a, base + b))
    return out or None


def _merge_tokens(toks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]] | None:
    """Join justification-spaced names: consecutive one-char tokens pair up (李  舸 -> 李舸)."""
    out: list[tuple[str, int, int]] = []
    k = 0
    while k < len(toks):
        tok, a, b = toks[k]
        if len(tok) == 1 and k + 1 < len(toks) and len(toks[k + 1][0]) == 1:
            out.append((tok + toks[k + 1][0], a, toks[k + 1][2]))
            k += 2
            continue
        if len(tok) == 1 and out:  # stray single char: belongs to the previous name
            pt, pa, _pb = out[-1]
            out[-1] = (pt + tok, pa, b)
            k += 1
            continue
        out.append((tok, a, b))
        k += 1
    if not out or not all(_valid_name(t) for t, _, _ in out):
        return None
    return out


# --- paragraph helpers ---------------------------------------------------------------------

_COLUMN_TAIL = re.compile(r"[（(](?P<col>[^（）()\d]{1,12})[）)]$")
_COLUMN_HEAD = re.compile(r"^【(?P<col>[^【】]{1,20})】")
_PAREN_TAIL = re.compile(r"[（(](?P<inner>[^（）()]{1,400})[）)]\s*$")
_AGENCY_TAIL = re.compile(r"\s*[（(][^（）()]{1,10}[）)]\s*$")
_AUTHOR_RE = re.compile(r"^[（(]?\s*作者(?:为|系|单位[:：]|是)")
_CAPTION_HEAD = re.compile(r"^(?:图为|(?:上|下|左|右|中|左上|右上|左下|右下)?图[:：①②③④⑤⑥⑦⑧⑨]|图\d)")
_PHOTO_ONLY = re.compile(r"(?:新华社|本报|人民网|中新社)(?:记者)?发(?:\s*[（(][^（）()]{1,20}[）)])?$")


# Cheap necessary conditions for the end-anchored patterns above, checked before their
# searches (which try every position of a paragraph): what such a match must end with.
def _ends_in_bracket(t: str) -> bool:
    r"""``_PAREN_TAIL``/``_AGENCY_TAIL`` can match only if the last non-blank char is ）or )
    (after the bracket both allow only ``\s`` — the same characters ``str.rstrip`` strips)."""
    return t.rstrip()[-1:] in ("）", ")")


def _may_end_photo_only(t: str) -> bool:
    """``_PHOTO_ONLY`` ends with 发 or a closing bracket, at the end or before a final newline."""
    return (t[:-1] if t.endswith("\n") else t)[-1:] in ("发", "）", ")")


def _title_like(p: str) -> bool:
    return (
        0 < len(p) <= 64
        and not ends_sentence(p)
        and not p.endswith(("，", ",", "、"))
        and parse_credits(p) is None
    )


def _split_column(title: str) -> tuple[str, str | None]:
    m = _COLUMN_TAIL.search(title)
    if m and m.start() > 0:
        return title[: m.start()].rstrip(), m.group(0)
    m = _COLUMN_HEAD.match(title)
    if m and m.end() < len(title):
        return title[m.end():].lstrip(), m.group(0)
    return title, None


def _two_line_headline(a: str, b: str) -> tuple[str | None, str, str | None]:
    """(kicker, title, subtitle) for a two-line headline of a non-PD layout."""
    if b.startswith(("—", "-", "（", "(")):
        return None, a, b
    if a.endswith(("—", "：", ":")):
        return a, b, None
    if _COLUMN_TAIL.search(b):
        return a, b, None
    if _COLUMN_TAIL.search(a):
        return None, a, b
    return a, b, None


def _one_line_headline(line: str) -> tuple[str | None, str]:
    parts = re.split(r"[ \u3000]+", line)
    if len(parts) >= 3 and len(parts[0]) > max(len(p) for p in parts[1:]):
        m = re.match(r"[^ \u3000]+[ \u3000]+", line)
        assert m is not None
        return parts[0], line[m.end():]
    return None, line


# --- the parser ----------------------------------------------------------------------------


class _Builder:
    """Mutable state while one article is parsed (kept local: no global state)."""

    def __init__(self, text: str, paper: str | None = None) -> None:
        self.text = text
        self.paper = paper  # resolves the "@paper" org of 本报 labels
        self.paras: list[Paragraph] = []
        pos = 0
        if text:
            for i, chunk in enumerate(text.split("\n")):
                self.paras.append(Paragraph(i, chunk, pos, pos + len(chunk), "body"))
                pos += len(chunk) + 1
        self.bylines: list[Byline] = []
        self.photos: list[Photo] = []
        self.dateline: str | None = None

    def add_credits(self, credits: list[_Credit], para: int) -> None:
        for c in credits:
            org = self.paper if c.org == "@paper" else c.org
            self.bylines.append(Byline(c.name, c.role, c.label, para, c.start, c.end, org))


def _headline_pd(doc: Document, raw_map: list[int], b: _Builder) -> Headline:
    raw = doc.raw_text
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]", raw)]
    slots: dict[int, Paragraph] = {}
    for p in b.paras:
        r = raw_map[p.start]
        line = bisect.bisect_right(starts, r) - 1
        if line > 2:
            break
        if raw[starts[line]:starts[line] + 1] in ("\u3000",):  # indented: body, not a slot
            break
        slots[line] = p
        p.kind = "title"
    h = Headline()
    if 0 in slots:
        h.kicker = slots[0].text
    if 1 in slots:
        h.title = slots[1].text
    if 2 in slots:
        h.subtitle = slots[2].text
    if h.title is None:  # a damaged file with the title in another slot: never leave it empty
        if h.subtitle is not None:
            h.title, h.subtitle = h.subtitle, None
        elif h.kicker is not None:
            h.title, h.kicker = h.kicker, None
    return h


def _headline_generic(doc: Document, b: _Builder) -> Headline:
    paras = b.paras
    h = Headline()
    meta_title = doc.meta.get("title") if isinstance(doc.meta.get("title"), str) else None
    if doc.layout == "xwlb" and paras:
        paras[0].kind = "title"
        h.title = paras[0].text
        return h
    if meta_title and paras and strip_spaces(paras[0].text) == strip_spaces(meta_title):
        paras[0].kind = "title"
        h.title = paras[0].text
        return h
    if meta_title:
        h.title = meta_title.strip()
        return h
    if not paras:
        return h
    start = 0
    if (
        not _title_like(paras[0].text)
        and len(paras) > 1
        and _title_like(paras[1].text)
        and _trailing_credit(paras[0].text) is not None
    ):
        start = 1
    run: list[Paragraph] = []
    for p in paras[start:start + 3]:
        if not _title_like(p.text) or _dateline_match(p.text):
            break
        run.append(p)
    if len(run) == len(paras) - start and len(run) > 1:
        run = run[:1]  # nothing but short lines: only the first is a title
    for p in run:
        p.kind = "title"
    lines = [p.text for p in run]
    if len(lines) == 1:
        h.kicker, h.title = _one_line_headline(lines[0])
    elif len(lines) == 2:
        h.kicker, h.title, h.subtitle = _two_line_headline(lines[0], lines[1])
    elif len(lines) == 3:
        h.kicker, h.title, h.subtitle = lines
    return h


def _dateline_match(p: str) -> re.Match[str] | None:
    return _grammar().dateline_re.match(p)


def _trailing_credit(p: str, base: int = 0) -> tuple[int, list[_Credit]] | None:
    """A bare byline at the end of a prose paragraph (``…新台阶。记者 曹岩峰 王翠``)."""
    g = _grammar()
    best = None
    for m in g.prefix_re.finditer(p):
        if m.start() == 0:
            continue
        before = p[: m.start()].rstrip()
        if not before or not ends_sentence(before):
            continue
        cr = parse_credits(p[m.start():], base + m.start())
        if cr and any(c.role in ("reporter", "correspondent") for c in cr):
            best = (m.start(), cr)
            break
    return best


def _ends_with_photo_word(s: str) -> bool:
    """``re.search(r"(摄|图|摄影)$", s)`` without a regex that tries every position of a
    paragraph: ``$`` matches at the end or before a final newline."""
    return (s[:-1] if s.endswith("\n") else s).endswith(("摄", "图", "摄影"))


def _photo_tail(p: str, base: int = 0) -> tuple[int, list[_Credit]] | None:
    """A photographer credit closing a paragraph: ``caption  本报记者 李  舸摄（人民视觉）``."""
    g = _grammar()
    core = p
    m = _AGENCY_TAIL.search(core) if _ends_in_bracket(core) else None
    if m and _ends_with_photo_word(core[: m.start()]):
        core = core[: m.start()]
    if not _ends_with_photo_word(core):
        return None
    cands = [m.start() for m in g.prefix_re.finditer(core)]
    # label-less "张三摄": the name starts after whitespace/punctuation or at the start
    for m in re.finditer(rf"(?:^|(?<=[\s。！？”）)]))(?={_NAME_CH}(?:[ \u3000]{{1,3}}{_NAME_CH}|{_NAME_CH}{{1,3}})摄)", core):
        cands.append(m.start())
    for pos in sorted(set(cands)):
        if pos > 0 and not (core[pos - 1].isspace() or core[pos - 1] in "。！？”）)，,、"):
            continue
        cr = parse_credits(core[pos:], base + pos)
        if cr and all(c.role == "photographer" for c in cr):
            return pos, cr
    return None


def _classify(b: _Builder, stub: bool) -> None:
    g = _grammar()
    prev_pull_label = False
    n = len(b.paras)
    for p in b.paras:
        if p.kind == "title":
            continue
        t = p.text
        # 1. dateline (+ credits in brackets) at the start of a paragraph
        m = _dateline_match(t)
        if m:
            if b.dateline is None:
                b.dateline = m.group("dl")
            rest = m.end()
            mm = re.match(r"[\s]*[（(](?P<inner>[^（）()]{1,200})[）)]", t[rest:])
            if mm:
                inner_start = rest + mm.start("inner")
                cr = parse_credits(mm.group("inner"), p.start + inner_start, "reporter")
                if cr:
                    b.add_credits(cr, p.index)
            continue
        # 2. paragraph that is nothing but credits (maybe in brackets)
        inner, off = t, 0
        mw = re.fullmatch(r"[（(](.*)[）)]", t)
        if mw:
            inner, off = mw.group(1), 1
        cr = parse_credits(inner, p.start + off)
        if cr is None:
            core = _AGENCY_TAIL.sub("", inner) if _ends_in_bracket(inner) and re.search(
                r"(摄|图)\s*[（(][^（）()]{1,10}[）)]\s*$", inner) else None
            if core:
                cr = parse_credits(core, p.start + off)
        if cr:
            roles = {c.role for c in cr}
            b.add_credits(cr, p.index)
            if roles <= {"editor", "designer"}:
                p.kind = "editor"
            elif roles == {"photographer"}:
                p.kind = "caption"
                b.photos.append(Photo(None, cr[0].name, p.index, p.start, p.end))
            else:
                p.kind = "byline"
            continue
        # 3. author affiliation line
        if _AUTHOR_RE.match(t) and len(t) <= 120:
            p.kind = "byline"
            continue
        # 4. caption with a photographer credit at its end
        pt = _photo_tail(t, p.start)
        if pt:
            pos, cr = pt
            b.add_credits(cr, p.index)
            cap = t[:pos].rstrip()
            b.photos.append(Photo(cap or None, cr[0].name, p.index, p.start, p.end))
            p.kind = "caption"
            continue
        if _CAPTION_HEAD.match(t) or (_may_end_photo_only(t) and _PHOTO_ONLY.search(t)):
            p.kind = "caption"
            cap = _PHOTO_ONLY.sub("", t).rstrip()
            b.photos.append(Photo(cap or None, None, p.index, p.start, p.end))
            continue
        # 5. credits in brackets at the end of a paragraph: （本报记者 X） / （据新华社…电 记者X）
        mt = _PAREN_TAIL.search(t) if _ends_in_bracket(t) else None
        if mt:
            inner_txt = mt.group("inner")
            ist = mt.start("inner")
            md = _dateline_match(inner_txt)
            if md:
                if b.dateline is None:
                    b.dateline = md.group("dl")
                ist += md.end()
                inner_txt = inner_txt[md.end():]
            cr = parse_credits(inner_txt, p.start + ist) if inner_txt.strip() else None
            if cr:
                b.add_credits(cr, p.index)
        # 6. bare byline closing a prose paragraph (the sample's lead)
        tc = _trailing_credit(t, p.start)
        if tc:
            b.add_credits(tc[1], p.index)
        # 7. headings and pull quotes
        if prev_pull_label and ends_sentence(t):
            p.kind = "pull_quote"
            prev_pull_label = False
            continue
        prev_pull_label = False
        if t in g.pull_labels:
            p.kind = "heading"
            prev_pull_label = True
            continue
        if stub:  # ads, picture pages: credits and captions above still count
            p.kind = "stub"
            continue
        if len(t) <= 30 and not ends_sentence(t) and not t.endswith(("：", ":", "，", ",")) and p.index < n - 1:
            p.kind = "heading"
            continue


def _is_stub(h: Headline, b: _Builder) -> bool:
    g = _grammar()
    title = strip_spaces(h.title or "")
    if title in g.stub_labels:
        return True
    body_chars = sum(len(p.text) for p in b.paras if p.kind != "title")
    return body_chars < 20


def parse_article(doc: Document) -> Article:
    """Parse one Document into an :class:`Article` with headline, bylines and paragraph kinds.

    Never raises on any input text; the same input always gives the same output.
    """
    text, raw_map = normalize(doc.raw_text)
    art = Article(id=doc.id, source=doc.source, text=text, encoding=doc.encoding,
                  layout=doc.layout, meta=dict(doc.meta), raw_map=raw_map)
    paper = doc.meta.get("paper")
    b = _Builder(text, paper if isinstance(paper, str) else None)
    if doc.layout == "peoples_daily":
        h = _headline_pd(doc, raw_map, b)
    else:
        h = _headline_generic(doc, b)
    if h.title:
        h.title, h.column = _split_column(h.title)
    if h.kicker and not h.column:
        k, col = _split_column(h.kicker)
        if col:
            h.kicker, h.column = k, col
    stub = _is_stub(h, b)
    _classify(b, stub)
    art.headline = h
    art.dateline = b.dateline
    art.bylines = b.bylines
    art.photos = b.photos
    art.paragraphs = b.paras
    art.is_stub = stub
    return art


def parse_text(text: str, *, id: str = "doc", source: str = "<string>") -> Article:
    """Parse a string as a plain-layout article (convenience for notebooks and tests)."""
    return parse_article(Document(id=id, source=source, raw_text=text, encoding="utf-8",
                                  layout="plain"))
