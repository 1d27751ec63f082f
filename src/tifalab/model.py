"""Plain dataclasses shared by every stage of the pipeline.

Why one module: each stage (read -> anatomy -> statements -> language -> tables) takes and
returns these, so the stages stay independent and testable. Every extracted item carries
``start``/``end`` character offsets into ``Article.text`` (the normalized text); the
``Article.raw_offset`` method maps them back to the original decoded text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Document:
    """One decoded input document before parsing (a file may hold several, e.g. 新闻联播 days)."""

    id: str
    source: str  # path of the input file (plus '#N' for the N-th story of a multi-story file)
    raw_text: str  # decoded text, unchanged
    encoding: str  # encoding actually used to decode the bytes
    meta: dict[str, Any] = field(default_factory=dict)  # date, paper, page, order, url, title ...
    layout: str = "plain"  # reader that produced it: plain, peoples_daily, xwlb, html, jsonl, csv


@dataclass
class Failure:
    """An input that could not be read or parsed: never dropped silently."""

    source: str
    reason: str  # one line, names the file and, where it applies, line or byte offset
    stage: str = "read"  # read | parse | build


@dataclass
class Headline:
    kicker: str | None = None  # 引题
    title: str | None = None  # 主题
    subtitle: str | None = None  # 副题 (often starts with ——)
    column: str | None = None  # column label such as （两会热议）


@dataclass
class Paragraph:
    index: int  # 0-based position among the article's paragraphs (all kinds)
    text: str
    start: int  # offset into Article.text
    end: int
    kind: str = "body"  # body | title | heading | byline | caption | pull_quote | stub | editor


@dataclass
class Byline:
    """A person credited by the article (reporter, correspondent, photographer, editor, author)."""

    name: str
    role: str  # reporter | correspondent | photographer | editor | author
    label: str  # the label as written: 本报记者, 新华社记者, 通讯员, 摄, 责任编辑 ...
    paragraph: int
    start: int
    end: int
    org: str | None = None  # e.g. 人民网 for 人民网记者, 新华社 for 新华社记者


@dataclass
class Photo:
    caption: str | None
    photographer: str | None
    paragraph: int
    start: int
    end: int


@dataclass
class Affiliation:
    organization: str | None
    title: str | None


@dataclass
class Speaker:
    """A structured speaker mention (person, group, institution or document)."""

    name: str | None
    mention: str  # the mention as written
    kind: str = "person"  # person | group | institution | document | unknown
    affiliations: list[Affiliation] = field(default_factory=list)
    area: str | None = None
    role_suffix: str | None = None  # 代表 / 委员 ...
    rank: str = "unknown"  # 省部级 / 厅局级 / 县处级 / 乡科级 / unknown
    speaker_id: str | None = None  # stable within the article, e.g. "<article id>#s3"


@dataclass
class Statement:
    paragraph: int
    start: int
    end: int
    text: str
    kind: str  # direct | indirect
    via: str  # name | pronoun | short_form | collective | unnamed_role | institution | document
    verb: str | None
    speaker: Speaker
    nested: bool = False  # a nested source quote ('…' introduced by 全会提出 …) inside another quote


@dataclass
class TermQuote:
    """Quotation marks around a name or a slogan, not speech."""

    text: str
    paragraph: int
    start: int
    end: int


@dataclass
class Slogan:
    text: str
    parts: list[tuple[int, str]]
    start: int
    end: int
    kind: str = "enumeration"  # enumeration | code | numbered_phrase
    expansion: str | None = None
    paragraph: int | None = None
    speaker: str | None = None
    statement: int | None = None  # index into Article.statements


@dataclass
class NumberMention:
    text: str
    value: float | None
    unit: str | None
    object: str | None
    start: int
    end: int
    qualifier: str | None = None
    kind: str = "mention"  # target | mention
    value_max: float | None = None  # upper end of a range such as 10—15家
    paragraph: int | None = None
    speaker: str | None = None
    statement: int | None = None
    measure: str | None = None  # what the number measures when not a count: 增长, 涨幅, 下降 …


@dataclass
class Article:
    id: str
    source: str
    text: str  # normalized text: every offset indexes into it
    encoding: str = "utf-8"
    layout: str = "plain"
    meta: dict[str, Any] = field(default_factory=dict)
    headline: Headline = field(default_factory=Headline)
    dateline: str | None = None
    bylines: list[Byline] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    term_quotes: list[TermQuote] = field(default_factory=list)
    slogans: list[Slogan] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    is_stub: bool = False
    # raw_map[i] = offset in the decoded raw text of normalized character i (len(text)+1 items)
    raw_map: list[int] = field(default_factory=list, repr=False)

    def raw_offset(self, i: int) -> int:
        """Offset in the original decoded text of normalized offset ``i``."""
        if not self.raw_map:
            return i
        return self.raw_map[i]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("raw_map", None)
        return d
