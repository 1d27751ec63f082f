"""Word segmentation that keeps official formulations (提法) whole.

Why a wrapper around jieba rather than jieba itself:

* jieba's module-level tokenizer (``jieba.dt``, ``jieba.add_word``, ``jieba.lcut``) is shared
  by every library in the process; some (cntext, bureaucratese) add words to it at import time
  and silently change everybody's segmentation. Each :class:`Tokenizer` owns a private
  ``jieba.Tokenizer()`` and its own cache file, so parallel runs do not race on jieba's default
  cache in the temp folder; with rjieba it uses tifalab's one pristine ``rjieba.Jieba()`` of the
  process (``tifalab.jieba_shared``) until it is given a word, then a private one.
* Plain jieba splits 营商环境, 高质量发展 and most other 提法. Counting formulations on tokens
  needs every lexicon entry found in the text to come out as ONE token. Raising frequencies
  (``suggest_freq``) usually does this but not always (the best path through jieba's DAG depends
  on the neighbouring characters), so the tokenizer *forces* it: lexicon entries are found by
  :class:`TermMatcher` (leftmost-longest; overlapping entries resolved by maximal coverage) and
  emitted as single tokens; only the text between them is handed to jieba. The result is
  deterministic and auditable: a formulation token is exactly a matcher span, whatever jieba's
  dictionary says.
* Numbers get their own tokens (:func:`split_numerals`): jieba's dictionary glues numerals to
  measure words (二十三个) and cuts long numerals apart, which hides the numbers tifalab extracts.
* jieba user dictionaries (``word [freq] [tag]`` per line) stay the way users extend the
  vocabulary, but jieba skips lines silently when the file has a BOM, CRLF line ends or is not
  UTF-8. They are read here, strictly, and a non-UTF-8 file raises an error naming the file.

``backend="rjieba"`` (jieba-rs) is the fast path behind the same API; plain jieba is the
reference. Both receive the same user words, and the forced formulation pass is identical.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tifalab.formulations import FormulationLexicon

__all__ = [
    "TOKEN_SAFE",
    "TermMatcher",
    "Tokenizer",
    "UserDictError",
    "count_word_tokens",
    "count_word_tokens_split",
    "is_token_safe",
    "is_word_token",
    "read_user_dict",
    "score_segmentation",
    "split_numerals",
    "word_spans",
]

# jieba's block splitter cuts text at anything outside this class before any dictionary lookup
# (re_han_default in jieba 0.42.1), so a dictionary entry with other characters can never match.
TOKEN_SAFE = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+$")
# A token that carries content (CJK, Latin letters or digits), as opposed to space/punctuation.
_WORDLIKE_CHARS = r"\u3400-\u9FFF\uF900-\uFAFFA-Za-z0-9\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A"
_WORDLIKE = re.compile(f"[{_WORDLIKE_CHARS}]")
# One token without any such character, in tokens joined as "\0" + "\0".join(tokens) + "\0"
# (tokens holding no NUL): count_word_tokens counts these in one regex pass.
_NONWORD_TOKEN = re.compile(f"\0[^\0{_WORDLIKE_CHARS}]*(?=\0)")
_USERDICT_LINE = re.compile(r"^(.+?)(?:\s+([0-9]+))?(?:\s+([A-Za-z]+))?$")


class UserDictError(ValueError):
    """A user dictionary that cannot be read as UTF-8 (jieba would skip it silently)."""


def is_token_safe(term: str) -> bool:
    """True when jieba can ever produce ``term`` as one token (no punctuation, no spaces)."""
    return bool(TOKEN_SAFE.match(term))


def is_word_token(token: str) -> bool:
    """True for tokens with letters, digits or CJK; False for whitespace and punctuation."""
    return bool(_WORDLIKE.search(token))


def count_word_tokens(tokens: Sequence[str]) -> int:
    """How many of ``tokens`` are word tokens (``sum(map(is_word_token, tokens))``).

    Why not that sum: it runs a regex (or a dict lookup, memoized) per token, and on a long
    text most of the cost is hashing and looking up hundreds of thousands of fresh token
    strings. Joined with NUL separators, the tokens without a word character are found in one
    regex pass that jumps from separator to separator (about twice as fast on news text); the
    rest are word tokens. Tokens holding a NUL (never in text read by tifalab) are counted the
    slow way.
    """
    joined = "\0".join(tokens)
    if joined.count("\0") != len(tokens) - 1:  # some token holds a NUL
        return sum(map(is_word_token, tokens))
    return len(tokens) - len(_NONWORD_TOKEN.findall(f"\0{joined}\0"))


def read_user_dict(path: Path) -> list[tuple[str, int | None, str | None]]:
    """Parse a jieba user dictionary into ``(word, freq, tag)`` rows.

    Reads strictly as UTF-8 (a leading BOM is dropped, CRLF is accepted) because jieba itself
    silently ignores lines it cannot decode; a wrong encoding must be an error a user sees.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserDictError(
            f"user dictionary {path} is not UTF-8 (byte {exc.start}): re-save it as UTF-8"
        ) from exc
    rows: list[tuple[str, int | None, str | None]] = []
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        m = _USERDICT_LINE.match(line)
        if not m:  # pragma: no cover - the pattern matches any non-empty line
            continue
        word, freq, tag = m.group(1).strip(), m.group(2), m.group(3)
        rows.append((word, int(freq) if freq else None, tag))
    return rows


_NUMERAL_CHARS = "零〇○一二三四五六七八九十百千万亿两0123456789０１２３４５６７８９"
_NUMERAL_HEAD = re.compile(f"^([{_NUMERAL_CHARS}]{{2,}}(?:[点．.][{_NUMERAL_CHARS}]+)?)(.+)$")
_ALL_NUMERAL = re.compile(f"^[{_NUMERAL_CHARS}]+$")
_DATE_UNITS = frozenset("年月日号时分秒")
_NUMERAL_SET = frozenset(_NUMERAL_CHARS)
# Two numeral characters in a row. Without such a run split_numerals returns its tokens
# unchanged, so it is skipped: a split needs two numerals at a token's start, a merge two
# all-numeral tokens side by side (so two numerals touching). Most text has single numerals
# only (一个, 统一); the run test is one regex search, split_numerals a loop over every token.
_NUMERAL_RUN = re.compile(f"[{_NUMERAL_CHARS}]{{2}}")


def split_numerals(tokens: Sequence[str]) -> list[str]:
    """Give numbers their own tokens: split numeral + measure word, join numeral pieces.

    ``二十三个`` becomes ``二十三 / 个``; ``二十 / 三`` becomes ``二十三``. Dates keep their unit
    (``一九九八年``, ``三十一日``), as in the PKU and MSR segmentation standards. The
    characters are untouched, only token boundaries move.
    """
    # One pass, and regexes only on tokens that start with a numeral: a token that does not
    # can neither be split nor be all-numeral (so it is never merged), and most tokens are such.
    merged: list[str] = []
    append = merged.append
    numeral_set, head, all_numeral = _NUMERAL_SET, _NUMERAL_HEAD.match, _ALL_NUMERAL.match
    for tok in tokens:
        if tok[:1] not in numeral_set:
            append(tok)
            continue
        m = head(tok)
        pieces = (m.group(1), m.group(2)) if m and m.group(2)[0] not in _DATE_UNITS else (tok,)
        for piece in pieces:
            if merged and all_numeral(piece) and all_numeral(merged[-1]):
                merged[-1] += piece
            else:
                append(piece)
    return merged


# A run of consecutive tokens that start with a numeral, in tokens joined as in count_word_tokens,
# when split_numerals may change it: two tokens or more, or one that starts with two numerals
# and holds another character (an all-numeral token is split and joined again: 2019, 七十).
_NUMERAL_WINDOW = re.compile(
    f"\0[{_NUMERAL_CHARS}][^\0]*(?:\0[{_NUMERAL_CHARS}][^\0]*)+"
    f"|\0[{_NUMERAL_CHARS}]{{2,}}[^\0{_NUMERAL_CHARS}][^\0]*"
)


def count_word_tokens_split(tokens: Sequence[str]) -> int:
    """``count_word_tokens(split_numerals(tokens))`` without splitting every token.

    Why: where only the number of word tokens is wanted (``Pipeline._formulations``), the
    per-token loop of :func:`split_numerals` and the list it builds cost about twice the count
    itself. split_numerals changes only runs of consecutive tokens that start with a numeral
    (a token that does not is never split and never merged into, so each run is rewritten on
    its own); such runs are found by one regex pass over the tokens joined as for
    :func:`count_word_tokens`, and only they are split, and their count corrected.
    """
    joined = "\0".join(tokens)
    if joined.count("\0") != len(tokens) - 1:  # some token holds a NUL, or no tokens
        return count_word_tokens(split_numerals(tokens))
    framed = f"\0{joined}\0"
    n = len(tokens) - len(_NONWORD_TOKEN.findall(framed))
    for m in _NUMERAL_WINDOW.finditer(framed):
        window = m.group()[1:].split("\0")
        n += count_word_tokens(split_numerals(window)) - count_word_tokens(window)
    return n


_match_start = re.Match.start  # unbound: map() over matches without a Python-level lambda


class TermMatcher:
    """Find lexicon entries in text as non-overlapping spans, the same way everywhere.

    Rule: scan leftmost-longest; where two entries overlap (生态环境治理 | 治理体系 in
    生态环境治理体系) the spans of that stretch are chosen to cover the most characters, then to
    use the fewest entries (so 生态环境 + 治理体系 beats 生态环境治理 + 体系). Both
    :class:`Tokenizer` and :func:`tifalab.formulations.match_formulations` use this, so token
    counts and text counts agree.

    Implementation: a dict trie walked from the positions a character-class regex jumps to
    (about 13 MB/s on news text; a regex alternation of 1,600 entries manages about 5), and a
    bigram filter that skips the overlap check unless some entry could cross the match's end.
    """

    _END = ""  # trie key marking the end of an entry (never a character of text)

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = frozenset(t for t in terms if t)
        self._trie: dict[str, Any] = {}
        for term in self.terms:
            node = self._trie
            for ch in term:
                node = node.setdefault(ch, {})
            node[self._END] = True
        self._max_len = max((len(t) for t in self.terms), default=0)
        # character pairs inside entries: an entry can only cross a match's end at such a pair
        self._inner_pairs = frozenset(t[i : i + 2] for t in self.terms for i in range(len(t) - 1))
        # Candidate starts: a position where an entry may start must show the first ``k``
        # characters of some entry (k = 3, or the shortest entry's length when shorter). A
        # regex finds positions whose next k characters are each a possible character at that
        # place in some entry (first char + lookahead classes), then a set lookup of the k-gram
        # keeps the true heads; the trie walk runs only there. With k = 3 there are about six
        # times fewer trie walks than with pairs on news text, and fewer regex hits to filter.
        min_len = min((len(t) for t in self.terms), default=0)
        self._has_single = min_len == 1
        self._k = k = min(3, min_len)
        width = 2 if k == 1 else k  # with one-character entries: pairs, plus the single chars
        self._heads = frozenset(t[:width] for t in self.terms)
        firsts = "".join(sorted(self._trie))
        if not firsts:
            self._first = None
        elif self._has_single:
            self._first = re.compile("[" + re.escape(firsts) + "]")
        else:
            ahead = "".join(
                "[" + re.escape("".join(sorted({t[i] for t in self.terms}))) + "]"
                for i in range(1, k)
            )
            self._first = re.compile("[" + re.escape(firsts) + "](?=" + ahead + ")")
        self._head_bits = self._head_bitmap() if k == 3 and not self._has_single else None

    # Hash of three code points (any array type: numpy wraps uint64 products, and the low bits
    # of a product do not depend on the high ones, so Python ints give the same masked value).
    _H1, _H2, _H3 = 0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D
    _HBITS = 18

    def _head_bitmap(self) -> Any:
        """A bitmap over the hashes of the three-character heads (see ``_candidates``)."""
        import numpy as np

        mask = (1 << self._HBITS) - 1
        bits = np.zeros(1 << self._HBITS, dtype=bool)
        for head in self._heads:
            a, b, c = map(ord, head)
            bits[((a * self._H1) ^ (b * self._H2) ^ (c * self._H3)) & mask] = True
        return bits

    def _candidates(self, text: str) -> list[int]:
        """Positions ``s`` with ``text[s:s+k]`` the head of some entry, in order.

        With k = 3 (entries of three characters or more, the usual lexicon) numpy hashes every
        three-character window at once and a bitmap lookup keeps the few positions that may
        hold a head; the set lookup then removes hash collisions. The regex pass it replaces
        stops on about one position in seven of news text (any entry's first character with
        plausible next ones) and the filter ran in Python there: ~3x slower. Same positions.
        """
        heads = self._heads
        if self._has_single:
            assert self._first is not None
            return [s for m in self._first.finditer(text)
                    if text[(s := m.start()) : s + 2] in heads or text[s] in heads]
        k = self._k
        if self._head_bits is None or len(text) < k:
            assert self._first is not None
            found = map(_match_start, self._first.finditer(text))
            return [s for s in found if text[s : s + k] in heads]
        import numpy as np

        # code points as uint64, so the products below wrap instead of overflowing
        a = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
        h = (a[:-2] * np.uint64(self._H1)) ^ (a[1:-1] * np.uint64(self._H2)) ^ (a[2:] * np.uint64(self._H3))
        h &= np.uint64((1 << self._HBITS) - 1)
        return [s for s in np.flatnonzero(self._head_bits[h]).tolist() if text[s : s + 3] in heads]

    def _longest_end(self, text: str, pos: int) -> int:
        """End of the longest entry starting at ``pos`` (``pos`` when none starts there)."""
        node = self._trie.get(text[pos])
        best = pos
        j = pos + 1
        n = len(text)
        while node is not None:
            if self._END in node:
                best = j
            if j >= n:
                break
            node = node.get(text[j])
            j += 1
        return best

    def _best_cover(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Spans inside text[start:end] covering most characters with fewest entries (DP)."""
        n = end - start
        # best[i] = (covered chars, -entries, chosen span or None) for text[start+i:end]
        best: list[tuple[int, int, tuple[int, int] | None]] = [(0, 0, None)] * (n + 1)
        for i in range(n - 1, -1, -1):
            cand = (best[i + 1][0], best[i + 1][1], None)
            p = start + i
            for q in range(p + 1, min(end, p + self._max_len) + 1):
                if text[p:q] in self.terms:
                    cov, neg, _ = best[q - start]
                    option = (cov + q - p, neg - 1, (p, q))
                    if option[:2] > cand[:2]:
                        cand = option
            best[i] = cand
        spans = []
        i = 0
        while i < n:
            span = best[i][2]
            if span is None:
                i += 1
            else:
                spans.append(span)
                i = span[1] - start
        return spans

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping ``(start, end)`` spans of lexicon entries in ``text``, in order."""
        if self._first is None:
            return []
        out: list[tuple[int, int]] = []
        # Positions where an entry may start: the trie walk below runs only on these.
        pos = 0
        for s in self._candidates(text):
            if s < pos:  # inside the previous match or stretch
                continue
            e = self._longest_end(text, s)
            if e == s:
                pos = s + 1
                continue
            zone_end = e
            if text[e - 1 : e + 1] in self._inner_pairs:
                # an entry starting inside the match may run past its end: grow the stretch
                grew = True
                while grew:
                    grew = False
                    for p in range(s + 1, zone_end):
                        q = self._longest_end(text, p)
                        if q > zone_end:
                            zone_end, grew = q, True
            if zone_end == e:
                out.append((s, e))
            else:
                out.extend(self._best_cover(text, s, zone_end))
            pos = zone_end
        return out


class Tokenizer:
    """A private jieba (or rjieba) segmenter plus tifalab's formulation lexicon.

    Parameters
    ----------
    user_dicts:
        jieba-format user dictionaries (``word [freq] [tag]``), read strictly as UTF-8.
    formulations:
        ``True`` forces the bundled formulation lexicon (each entry found in text is one
        token), ``False`` turns that off (plain jieba plus user dictionaries), a path or a
        :class:`~tifalab.formulations.FormulationLexicon` uses that lexicon instead.
    backend:
        ``"jieba"`` (reference) or ``"rjieba"`` (jieba-rs, much faster, same dictionary).
    hmm:
        jieba's HMM for unknown words. On by default like jieba; off gives higher SIGHAN F1.
    cache_dir:
        Folder for jieba's prefix-dictionary cache (default: the system temp folder). The file is
        ``tifalab-jieba.cache``, distinct from jieba's shared ``jieba.cache``.
    numerals:
        Make numbers tokens of their own (see :func:`split_numerals`): jieba's dictionary holds
        numeral + measure-word compounds (二十三个) and splits long numerals (二十 / 三), which
        hides the numbers that numeric-target extraction looks for.
    """

    def __init__(
        self,
        user_dicts: Sequence[Path] = (),
        *,
        formulations: bool | Path | FormulationLexicon = True,
        backend: str = "jieba",
        hmm: bool = True,
        cache_dir: Path | None = None,
        numerals: bool = True,
    ) -> None:
        if backend not in ("jieba", "rjieba"):
            raise ValueError(f"backend must be 'jieba' or 'rjieba', not {backend!r}")
        self.backend = backend
        self.hmm = hmm
        self.numerals = numerals
        self._engine: Any
        if backend == "jieba":
            import jieba

            tk = jieba.Tokenizer()
            tk.tmp_dir = str(cache_dir) if cache_dir is not None else tempfile.gettempdir()
            tk.cache_file = "tifalab-jieba.cache"
            tk.initialize()
            self._engine = tk
        else:
            from tifalab.jieba_shared import shared_rjieba

            # the process's one pristine instance (its dictionary takes ~0.2 s to load); the
            # first added word swaps in a private one (see ``add_word``)
            self._engine = shared_rjieba()
        self.user_words: list[str] = []
        for path in user_dicts:
            for word, freq, tag in read_user_dict(Path(path)):
                self.add_word(word, freq, tag)
        self.formulation_terms: frozenset[str] = frozenset(self._formulation_terms(formulations))
        self._matcher = TermMatcher(self.formulation_terms)

    @staticmethod
    def _formulation_terms(spec: bool | Path | FormulationLexicon) -> list[str]:
        if spec is False:
            return []
        from tifalab.formulations import FormulationLexicon, load_formulations

        if spec is True:
            lex = load_formulations()
        elif isinstance(spec, FormulationLexicon):
            lex = spec
        else:
            lex = load_formulations(Path(spec))
        return [t for t in lex.terms if is_token_safe(t)]

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        """Add a word to this tokenizer only (jieba semantics: a given freq replaces jieba's)."""
        if self.backend == "rjieba":
            from tifalab.jieba_shared import new_rjieba, shared_rjieba

            if self._engine is shared_rjieba():  # never change the instance others share

                self._engine = new_rjieba()
        self._engine.add_word(word, freq, tag)  # same signature in jieba and rjieba
        self.user_words.append(word)

    def _cut_plain(self, text: str) -> list[str]:
        if not text:
            return []
        if self.backend == "jieba":
            return list(self._engine.cut(text, HMM=self.hmm))
        return list(self._engine.cut(text, self.hmm))

    def cut(self, text: str) -> list[str]:
        """Segment ``text``; the tokens concatenate back to ``text`` exactly."""
        return self.cut_with_spans(text)[0]

    def cut_with_spans(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        """``cut(text)`` plus the ``(start, end)`` spans of its forced formulation tokens.

        Why: each span is one token (``text[start:end]``) and no other token is an entry of
        the forced lexicon (an entry inside a gap would have been matched), so a caller that
        needs the formulation tokens and their offsets takes the spans instead of looking
        every token up and summing token lengths.
        """
        spans = self._matcher.spans(text)
        if not spans:  # most paragraphs hold no formulation: one gap, the whole text
            return self._cut_gap(text), spans
        out: list[str] = []
        pos = 0
        for start, end in spans:
            if start > pos:
                out.extend(self._cut_gap(text[pos:start]))
            out.append(text[start:end])
            pos = end
        if pos < len(text):
            out.extend(self._cut_gap(text[pos:]))
        return out, spans

    def count_with_spans(self, text: str) -> tuple[int, int, list[tuple[int, int]]]:
        """``(count_word_tokens(tokens), tokens.count("\\n"), spans)`` of ``cut_with_spans(text)``,
        without building the token list.

        Why: ``Pipeline._formulations`` needs of the tokens only how many are word tokens (the
        formulation tokens are the spans) and whether every newline is a token of its own.
        Each gap is cut as in ``cut_with_spans``; its numbers are split only for the count
        (:func:`count_word_tokens_split`), and split_numerals never makes, joins or splits a
        newline token, so the newline count is taken before it.
        """
        spans = self._matcher.spans(text)
        words = sum(map(is_word_token, (text[s:e] for s, e in spans)))
        newlines = 0
        for a, b in zip((0, *(e for _, e in spans)), (*(s for s, _ in spans), len(text)), strict=True):
            if a >= b:
                continue
            gap = text[a:b]
            tokens = self._cut_plain(gap)
            newlines += tokens.count("\n")
            if self.numerals and _NUMERAL_RUN.search(gap):  # as ``_cut_gap``
                words += count_word_tokens_split(tokens)
            else:
                words += count_word_tokens(tokens)
        return words, newlines, spans

    def _cut_gap(self, text: str) -> list[str]:
        tokens = self._cut_plain(text)
        if self.numerals and _NUMERAL_RUN.search(text):
            return split_numerals(tokens)
        return tokens

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """Tokens with ``start``/``end`` character offsets into ``text`` (auditable spans)."""
        spans: list[tuple[str, int, int]] = []
        append = spans.append
        pos = 0
        for tok in self.cut(text):
            end = pos + len(tok)
            append((tok, pos, end))
            pos = end
        return spans

    def is_formulation(self, token: str) -> bool:
        """True when ``token`` is an entry of the forced formulation lexicon."""
        return token in self.formulation_terms

    def __repr__(self) -> str:
        return (
            f"Tokenizer(backend={self.backend!r}, hmm={self.hmm}, "
            f"formulations={len(self.formulation_terms)}, user_words={len(self.user_words)})"
        )


def word_spans(words: Iterable[str]) -> set[tuple[int, int]]:
    """Character spans of a word sequence, whitespace dropped (the unit SIGHAN scoring compares)."""
    spans: set[tuple[int, int]] = set()
    pos = 0
    for w in words:
        w = "".join(w.split())
        if not w:
            continue
        spans.add((pos, pos + len(w)))
        pos += len(w)
    return spans


def score_segmentation(
    gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]
) -> dict[str, float]:
    """Word precision, recall and F1 over matching spans, line by line (icwb2 ``score``).

    A predicted word is correct when the same characters form a word in the gold line; lines
    must hold the same characters once whitespace is removed (else ``ValueError``, because a
    silently shifted line would score garbage).
    """
    n_gold = n_pred = n_ok = 0
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        if "".join("".join(g).split()) != "".join("".join(p).split()):
            raise ValueError(f"line {i + 1}: gold and predicted text differ")
        gs, ps = word_spans(g), word_spans(p)
        n_gold += len(gs)
        n_pred += len(ps)
        n_ok += len(gs & ps)
    precision = n_ok / n_pred if n_pred else 0.0
    recall = n_ok / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold_words": n_gold,
            "predicted_words": n_pred, "correct": n_ok}
