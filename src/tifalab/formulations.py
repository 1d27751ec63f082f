"""Official formulations (提法): the lexicon, matching with offsets, density and themes.

Why a curated lexicon: political scientists track fixed phrases (高质量发展, 营商环境, 全过程人民
民主 …) across time, places and speakers. A lexicon in a data file (``data/lexicons/
formulations.tsv``, columns ``term  themes  source  note``) keeps the vocabulary reviewable and
replaceable: users pass their own files by parameter.

Matching rule (decided once, used everywhere): **substring matching, leftmost-longest, with
overlaps resolved by coverage** (:class:`tifalab.tokenize.TermMatcher`). At each position the
longest entry starting there wins and matches do not overlap; where two entries overlap
(生态环境治理 | 治理体系 in 生态环境治理体系) the stretch is split to cover the most characters
(生态环境 + 治理体系). So 数字经济核心产业 counts once as that entry, not as 数字经济, and
营商环境建设科 (an office name) still counts 营商环境. :class:`tifalab.tokenize.Tokenizer`
forces exactly these spans to be single tokens, so counts on tokens and counts on text agree
(checked by the tests); every match carries ``start``/``end`` offsets so a reader can audit
each count.

Curation rules of the bundled lexicon (so that counts accrue to the core formulation): an
entry is the shortest form that carries the meaning; "verb + formulation" (推动高质量发展,
优化营商环境) and "formulation + 建设" (生态文明建设) variants are left out; event names and
descriptive phrases (经济工作会议, 民族地区) are not formulations. Known cost of substring
matching: a short entry inside an unrelated longer word is still counted (新动能 in 创新动能).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tifalab.paths import lexicon_path

if TYPE_CHECKING:  # pandas only where a table is built: parse workers never need it
    import pandas as pd

    from tifalab.tokenize import Tokenizer

__all__ = [
    "Density",
    "FormulationLexicon",
    "FormulationMatch",
    "LexiconError",
    "Theme",
    "density",
    "density_table",
    "doc_term_counts",
    "load_formulations",
    "load_themes",
    "match_formulations",
    "match_table",
    "theme_table",
]


class LexiconError(ValueError):
    """A lexicon or themes file that cannot be used; the message names file and line."""


@dataclass(frozen=True)
class Theme:
    id: str
    label_zh: str
    label_en: str
    description: str
    cues: tuple[str, ...] = ()  # substrings that suggest the theme (used by the harvest script)


@dataclass
class FormulationMatch:
    """One occurrence of a lexicon entry: ``text[start:end] == term``."""

    term: str
    themes: list[str]
    start: int
    end: int


@dataclass
class Density:
    """How much of a text is made of official formulations, with the evidence."""

    tokens: int  # word tokens (CJK, letters or digits; punctuation and spaces excluded)
    formulation_tokens: int  # tokens that are lexicon entries
    share: float  # formulation_tokens / tokens (0.0 for an empty text)
    matches: list[FormulationMatch] = field(default_factory=list)
    theme_counts: dict[str, int] = field(default_factory=dict)  # a multi-theme term counts in each

    @property
    def terms(self) -> list[str]:
        """The matched terms in text order (for auditing a count by eye)."""
        return [m.term for m in self.matches]


@dataclass
class FormulationLexicon:
    """Terms with their themes, sources and notes, plus the theme definitions."""

    themes_of: dict[str, tuple[str, ...]]
    source_of: dict[str, str] = field(default_factory=dict)
    note_of: dict[str, str] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    path: Path | None = None

    def __post_init__(self) -> None:
        from tifalab.tokenize import TermMatcher

        self._matcher = TermMatcher(self.themes_of)

    @property
    def terms(self) -> list[str]:
        return list(self.themes_of)

    def __len__(self) -> int:
        return len(self.themes_of)

    def __contains__(self, term: object) -> bool:
        return term in self.themes_of

    def to_frame(self) -> pd.DataFrame:
        """The lexicon as a table: term, themes (``|``-joined), source, note."""
        import pandas as pd

        return pd.DataFrame(
            {
                "term": self.terms,
                "themes": ["|".join(self.themes_of[t]) for t in self.terms],
                "source": [self.source_of.get(t, "") for t in self.terms],
                "note": [self.note_of.get(t, "") for t in self.terms],
            }
        )


def _read_tsv(path: Path, required: tuple[str, ...]) -> tuple[list[str], list[tuple[int, dict]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon file not found: {path}") from exc
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path} is not UTF-8 (byte {exc.start})") from exc
    reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = list(reader)
    if not rows:
        raise LexiconError(f"{path} is empty (expected a header with {', '.join(required)})")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise LexiconError(f"{path}: header lacks column(s) {', '.join(missing)}")
    out = []
    for lineno, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        row = row + [""] * (len(header) - len(row))
        out.append((lineno, {h: v.strip() for h, v in zip(header, row, strict=False)}))
    return header, out


def load_themes(path: Path | None = None) -> dict[str, Theme]:
    """Read a themes file (``id  label_zh  label_en  description  [cues]``)."""
    path = Path(path) if path is not None else lexicon_path("themes.tsv")
    _, rows = _read_tsv(path, ("id", "label_zh", "label_en", "description"))
    themes: dict[str, Theme] = {}
    for lineno, r in rows:
        if not r["id"]:
            raise LexiconError(f"{path}:{lineno}: empty theme id")
        cues = tuple(c for c in r.get("cues", "").split("|") if c)
        themes[r["id"]] = Theme(r["id"], r["label_zh"], r["label_en"], r["description"], cues)
    return themes


def load_formulations(
    path: Path | None = None, themes_path: Path | None = None
) -> FormulationLexicon:
    """Load a formulation lexicon (bundled by default) and check its themes exist.

    Duplicated terms merge their themes. Any theme not defined in the themes file is an error
    naming the file and line, because a silent typo would drop counts from a theme.
    """
    path = Path(path) if path is not None else lexicon_path("formulations.tsv")
    themes = load_themes(themes_path)
    _, rows = _read_tsv(path, ("term", "themes"))
    themes_of: dict[str, tuple[str, ...]] = {}
    source_of: dict[str, str] = {}
    note_of: dict[str, str] = {}
    for lineno, r in rows:
        term = r["term"]
        if not term:
            raise LexiconError(f"{path}:{lineno}: empty term")
        ths = tuple(t.strip() for t in r["themes"].split("|") if t.strip())
        unknown = [t for t in ths if t not in themes]
        if unknown:
            raise LexiconError(f"{path}:{lineno}: unknown theme(s) {', '.join(unknown)} for {term}")
        merged = themes_of.get(term, ()) + tuple(t for t in ths if t not in themes_of.get(term, ()))
        themes_of[term] = merged
        if r.get("source"):
            source_of[term] = r["source"]
        if r.get("note"):
            note_of[term] = r["note"]
    return FormulationLexicon(themes_of, source_of, note_of, themes, path)


def match_formulations(text: str, lexicon: FormulationLexicon) -> list[FormulationMatch]:
    """Non-overlapping occurrences of lexicon entries, with offsets (rule: module docstring)."""
    out = []
    for start, end in lexicon._matcher.spans(text):
        term = text[start:end]
        out.append(FormulationMatch(term, list(lexicon.themes_of[term]), start, end))
    return out


def density(text: str, tokenizer: Tokenizer, lexicon: FormulationLexicon) -> Density:
    """Share of word tokens that are formulations, with matched terms and theme counts.

    Counts are made on ``tokenizer``'s tokens, so pass a tokenizer that forces the same lexicon
    (``Tokenizer(formulations=lexicon)``); otherwise entries it splits are not counted.
    """
    from tifalab.tokenize import _WORDLIKE  # is_word_token's pattern, bound once per call

    n_tokens = 0
    matches: list[FormulationMatch] = []
    themes: Counter[str] = Counter()
    wordlike = _WORDLIKE.search
    themes_of = lexicon.themes_of
    for tok, start, end in tokenizer.tokenize(text):
        if wordlike(tok) is None:
            continue
        n_tokens += 1
        ths = themes_of.get(tok)
        if ths is not None:
            matches.append(FormulationMatch(tok, list(ths), start, end))
            themes.update(ths)
    share = len(matches) / n_tokens if n_tokens else 0.0
    return Density(n_tokens, len(matches), share, matches, dict(themes))


def density_table(
    units: Iterable[tuple[str, str]], tokenizer: Tokenizer, lexicon: FormulationLexicon
) -> pd.DataFrame:
    """One row per unit (paragraph, span, article): unit_id, tokens, formulation_tokens,
    share, n_terms (distinct), terms (``|``-joined in text order, for auditing)."""
    import pandas as pd

    rows = []
    for unit_id, text in units:
        d = density(text, tokenizer, lexicon)
        rows.append(
            (unit_id, d.tokens, d.formulation_tokens, d.share, len(set(d.terms)), "|".join(d.terms))
        )
    return pd.DataFrame(
        rows,
        columns=["unit_id", "tokens", "formulation_tokens", "share", "n_terms", "terms"],
    ).astype({"tokens": "int64", "formulation_tokens": "int64", "n_terms": "int64"})


def theme_table(
    units: Iterable[tuple[str, str]], tokenizer: Tokenizer, lexicon: FormulationLexicon
) -> pd.DataFrame:
    """Long table unit_id, theme, label_zh, label_en, count, share (count / word tokens).

    Units with no formulation of a theme get no row for it (fill with 0 after pivoting).
    """
    import pandas as pd

    rows = []
    for unit_id, text in units:
        d = density(text, tokenizer, lexicon)
        for theme, count in sorted(d.theme_counts.items()):
            th = lexicon.themes.get(theme)
            rows.append(
                (
                    unit_id,
                    theme,
                    th.label_zh if th else "",
                    th.label_en if th else "",
                    count,
                    count / d.tokens if d.tokens else 0.0,
                )
            )
    return pd.DataFrame(rows, columns=["unit_id", "theme", "label_zh", "label_en", "count", "share"])


def match_table(units: Iterable[tuple[str, str]], lexicon: FormulationLexicon) -> pd.DataFrame:
    """Every match as a row: unit_id, term, themes (``|``-joined), start, end (into the unit)."""
    import pandas as pd

    rows = [
        (unit_id, m.term, "|".join(m.themes), m.start, m.end)
        for unit_id, text in units
        for m in match_formulations(text, lexicon)
    ]
    return pd.DataFrame(rows, columns=["unit_id", "term", "themes", "start", "end"])


def doc_term_counts(
    docs: Iterable[tuple[str, str]], tokenizer: Tokenizer, lexicon: FormulationLexicon
) -> pd.DataFrame:
    """Document-term counts of formulations: doc_id, term, count, themes (``|``-joined).

    Long format (one row per document and term present) so it pivots into a document-feature
    matrix or joins with document metadata; terms absent from a document get no row.
    """
    import pandas as pd

    rows = []
    for doc_id, text in docs:
        counts = Counter(m.term for m in density(text, tokenizer, lexicon).matches)
        for term, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append((doc_id, term, n, "|".join(lexicon.themes_of[term])))
    return pd.DataFrame(rows, columns=["doc_id", "term", "count", "themes"]).astype(
        {"count": "int64"}
    )
