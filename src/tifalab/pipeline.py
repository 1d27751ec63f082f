"""One document through every stage: anatomy -> statements -> language.

Why a small class: the stages need loaded lexicons and a tokenizer, which are costly to build
(~1 s for jieba's dictionary). A ``Pipeline`` owns them (no module-level state), so a process,
a worker or a notebook builds one and reuses it, and two pipelines with different lexicons can
live side by side.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, count
from pathlib import Path
from typing import Any

from tifalab.model import Article, Document, Failure
from tifalab.tokenize import count_word_tokens

# paragraph kinds whose text is tokenized for formulation counts
_COUNTED_KINDS = frozenset(("body", "heading", "title", "pull_quote"))


@dataclass
class PipelineConfig:
    """What a run depends on; it goes into the build manifest."""

    lexicon_dir: str | None = None  # folder of lexicons (default: bundled data/lexicons)
    formulations_path: str | None = None  # a researcher's own 提法 lexicon (TSV)
    themes_path: str | None = None
    backend: str = "rjieba"  # tokenizer backend for formulation matching: rjieba | jieba
    formulations: bool = True  # match 提法 (needs the tokenizer)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class FormulationHit:
    """A 提法 occurrence, tied to its paragraph and statement for tables."""

    term: str
    themes: list[str]
    start: int
    end: int
    paragraph: int | None = None
    statement: int | None = None


@dataclass
class Parsed:
    """An article plus the language-layer results that are not part of the JSON contract."""

    article: Article
    formulations: list[FormulationHit] = field(default_factory=list)
    n_tokens: int = 0


class Pipeline:
    """Parse documents end to end with one set of lexicons and one private tokenizer."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self._lexicon = None
        self._tokenizer = None
        self._wordlike: _WordlikeMemo = _WordlikeMemo()  # token -> is_word_token(token)
        self._hits_from_spans: bool | None = None  # see _spans_are_hits

    # -- resources -------------------------------------------------------------------------
    @property
    def lexicon_dir(self) -> Path | None:
        return Path(self.config.lexicon_dir) if self.config.lexicon_dir else None

    def formulation_lexicon(self) -> Any:
        if self._lexicon is None:
            from tifalab.formulations import load_formulations

            fp = Path(self.config.formulations_path) if self.config.formulations_path else None
            tp = Path(self.config.themes_path) if self.config.themes_path else None
            self._lexicon = load_formulations(fp, tp)
        return self._lexicon

    def tokenizer(self) -> Any:
        if self._tokenizer is None:
            from tifalab.tokenize import Tokenizer

            # the tokenizer forces the same lexicon, so every entry is one token
            self._tokenizer = Tokenizer(
                formulations=self.formulation_lexicon(), backend=self.config.backend
            )
        return self._tokenizer

    # -- stages ----------------------------------------------------------------------------
    def parse(self, doc: Document) -> Parsed:
        """Every stage on one document. Raises only on a bug; callers record it as a failure."""
        from tifalab.anatomy import parse_article
        from tifalab.numbers import find_numbers
        from tifalab.slogans import find_slogans
        from tifalab.statements import extract_statements

        art = parse_article(doc)
        if art.is_stub:
            return Parsed(art)
        res = extract_statements(
            art.text, art.paragraphs, lexicon_dir=self.lexicon_dir, article_id=art.id
        )
        art.statements = res.statements
        art.speakers = res.speakers
        art.term_quotes = res.term_quotes
        # one slogan pass serves both stages: numbers skip plan names too, and the slogans
        # table leaves them out (find_slogans(text) is exactly this list without kind "plan")
        with_plans = find_slogans(art.text, include_plans=True)
        art.slogans = [s for s in with_plans if s.kind != "plan"]
        lex_dir = str(self.lexicon_dir) if self.lexicon_dir else None
        art.numbers = find_numbers(art.text, lex_dir, slogans=with_plans)
        locate = StatementLocator(art)
        for item in [*art.slogans, *art.numbers]:
            item.paragraph = locate.paragraph(item.start)
            st = locate.statement(item.start, item.end)
            if st is not None:
                item.statement = st
                item.speaker = art.statements[st].speaker.name or art.statements[st].speaker.mention
        parsed = Parsed(art)
        if self.config.formulations:
            parsed.formulations, parsed.n_tokens = self._formulations(art, locate)
        return parsed

    def _formulations(self, art: Article, locate: StatementLocator) -> tuple[list[FormulationHit], int]:
        """Formulation hits and word-token count of the article's running text.

        The counted paragraphs are joined with newlines and tokenized in ONE call: jieba (and
        the forced matcher, whose entries never hold a newline) segment independently on each
        side of a newline, so the tokens are those of each paragraph cut on its own. Should a
        newline ever not come out as a token of its own, the paragraphs are cut one by one.
        """
        paras = [p for p in art.paragraphs if p.kind in _COUNTED_KINDS]
        if not paras:
            return [], 0
        texts = [p.text for p in paras]
        joined = "\n".join(texts)
        tok = self.tokenizer()
        if self._spans_are_hits():
            # the formulation tokens are exactly the forced spans (offsets without a token
            # scan), so of the tokens only their count is needed: no token list is built
            n_tokens, n_newlines, found = tok.count_with_spans(joined)
            if n_newlines != joined.count("\n"):
                # some token holds a newline and more: it may straddle two paragraphs
                return self._formulations_by_paragraph(paras, locate)
        else:
            tokens, _spans = tok.cut_with_spans(joined)
            if tokens.count("\n") != joined.count("\n"):  # as above
                return self._formulations_by_paragraph(paras, locate)
            n_tokens = count_word_tokens(tokens)
            found = self._found_by_lookup(tokens)
        # Every newline is a token, so no token crosses a paragraph boundary.
        themes_of = self.formulation_lexicon().themes_of
        hits: list[FormulationHit] = []
        if found:
            bases = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
            for at, stop_at in found:  # offsets in the joined text
                t = joined[at:stop_at]
                pi = bisect.bisect_right(bases, at) - 1
                para = paras[pi]
                start = para.start + at - bases[pi]
                stop = start + len(t)
                hits.append(
                    FormulationHit(
                        term=t,
                        themes=list(themes_of[t]),
                        start=start,
                        end=stop,
                        paragraph=para.index,
                        statement=locate.statement(start, stop),
                    )
                )
        return hits, n_tokens

    def _spans_are_hits(self) -> bool:
        """True when every lexicon entry is forced by the tokenizer and is a word token.

        Then a formulation hit (a word token that is an entry) is exactly a forced span of
        ``Tokenizer.cut_with_spans``: every span is an entry, and no other token is one. With
        entries the tokenizer cannot force (punctuation inside) or that are no word tokens, the
        tokens are looked up one by one (``_found_by_lookup``) as before.
        """
        if self._hits_from_spans is None:
            from tifalab.tokenize import is_word_token

            terms = self.formulation_lexicon().themes_of
            forced = self.tokenizer().formulation_terms
            self._hits_from_spans = all(t in forced and is_word_token(t) for t in terms)
        return self._hits_from_spans

    def _found_by_lookup(self, tokens: list[str]) -> list[tuple[int, int]]:
        """Joined-text spans of the word tokens that are lexicon entries, token by token."""
        themes_of = self.formulation_lexicon().themes_of
        cache = self._wordlike
        if len(cache) > 500_000:  # bound the memo in long-lived processes
            cache.clear()
        found: list[tuple[int, int]] = []
        at = done = 0  # offset in the joined text of token ``done``
        for i in compress(count(), map(themes_of.__contains__, tokens)):
            at += sum(map(len, tokens[done:i]))  # summed per stretch, not for every token
            done = i
            if cache[tokens[i]]:
                found.append((at, at + len(tokens[i])))
        return found

    def _formulations_by_paragraph(
        self, paras: list[Any], locate: StatementLocator
    ) -> tuple[list[FormulationHit], int]:
        from tifalab.formulations import density

        hits: list[FormulationHit] = []
        n_tokens = 0
        tok = self.tokenizer()
        lex = self.formulation_lexicon()
        for para in paras:
            d = density(para.text, tok, lex)
            n_tokens += d.tokens
            for m in d.matches:
                start, end = para.start + m.start, para.start + m.end
                hits.append(
                    FormulationHit(
                        term=m.term,
                        themes=list(m.themes),
                        start=start,
                        end=end,
                        paragraph=para.index,
                        statement=locate.statement(start, end),
                    )
                )
        return hits, n_tokens

    def parse_many(self, docs: Iterable[Document | Failure]) -> Iterator[Parsed | Failure]:
        """Parse a stream; a document that raises becomes a ``Failure`` (stage parse)."""
        for doc in docs:
            if isinstance(doc, Failure):
                yield doc
                continue
            try:
                yield self.parse(doc)
            except Exception as exc:  # a parser bug must not lose the file: report it
                yield Failure(doc.source, f"{doc.source}: parser error {type(exc).__name__}: {exc}", "parse")


class _WordlikeMemo(dict[str, bool]):
    """token -> ``is_word_token(token)``, computed on first lookup (``__missing__``)."""

    def __missing__(self, token: str) -> bool:
        from tifalab.tokenize import _WORDLIKE

        value = self[token] = _WORDLIKE.search(token) is not None
        return value


class StatementLocator:
    """Find the paragraph and the innermost statement covering an offset (binary search)."""

    def __init__(self, art: Article) -> None:
        self._para_starts = [p.start for p in art.paragraphs]
        self._paras = art.paragraphs
        # own (non-nested) statements sorted by start: they do not overlap each other
        own = sorted((st.start, st.end, i) for i, st in enumerate(art.statements) if not st.nested)
        self._st_starts = [s for s, _, _ in own]
        self._own = own

    def paragraph(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._para_starts, offset) - 1
        if 0 <= i < len(self._paras) and self._paras[i].start <= offset <= self._paras[i].end:
            return self._paras[i].index
        return None

    def statement(self, start: int, end: int) -> int | None:
        """Index of the smallest own statement containing [start, end) (nested quotes skipped:
        a slogan inside 全会提出‘…’ still belongs to the speaker who quotes it)."""
        i = bisect.bisect_right(self._st_starts, start)
        best = None
        best_len = None
        for s, e, idx in self._own[max(0, i - 4):i]:  # a few candidates: overlaps are rare
            if s <= start and end <= e and (best_len is None or e - s < best_len):
                best, best_len = idx, e - s
        return best


def parse_paths(paths: Sequence[str | Path], config: PipelineConfig | None = None) -> list[Parsed | Failure]:
    """Read and parse files or folders in one call (notebooks and small corpora)."""
    from tifalab.io import read_inputs

    pipe = Pipeline(config)
    return list(pipe.parse_many(read_inputs([str(p) for p in paths])))
