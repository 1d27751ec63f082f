"""Word segmentation that keeps official formulations (提法) whole.

Why a wrapper around jieba rather than jieba itself:

* jieba's module-level tokenizer (``jieba.dt``, ``jieba.add_word``, ``jieba.lcut``) is shared
  by every library in the process; some (cntext, bureaucratese) add words to it at import time
  and silently change everybody's segmentation. Each :class:`Tokenizer` owns a private
  ``jieba.Tokenizer()`` (or ``rjieba.Jieba()``) and its own cache file, so parallel runs do not
  race on jieba's default cache in the temp folder.
* Plain jieba splits 营商环境, 高质量发展 and most other 提法. Counting formulations on tokens
  needs every lexicon entry found in the text to come out as ONE token. Raising frequencies
  (``suggest_freq``) usually does this but not always (the best path through jieba's DAG depends
  on the neighbouring characters), so the tokenizer *forces* it: lexicon entries are found by a
  leftmost-longest scan of the text and emitted as single tokens; only the text between them is
  handed to jieba. The result is deterministic and auditable: a formulation token is exactly a
  leftmost-longest lexicon match, whatever jieba's dictionary says.
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
    "Tokenizer",
    "UserDictError",
    "build_trie_regex",
    "is_token_safe",
    "is_word_token",
    "read_user_dict",
    "score_segmentation",
    "word_spans",
]

# jieba's block splitter cuts text at anything outside this class before any dictionary lookup
# (re_han_default in jieba 0.42.1), so a dictionary entry with other characters can never match.
TOKEN_SAFE = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+$")
# A token that carries content (CJK, Latin letters or digits), as opposed to space/punctuation.
_WORDLIKE = re.compile(r"[\u3400-\u9FFF\uF900-\uFAFFA-Za-z0-9\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]")
_USERDICT_LINE = re.compile(r"^(.+?)(?:\s+([0-9]+))?(?:\s+([A-Za-z]+))?$")


class UserDictError(ValueError):
    """A user dictionary that cannot be read as UTF-8 (jieba would skip it silently)."""


def is_token_safe(term: str) -> bool:
    """True when jieba can ever produce ``term`` as one token (no punctuation, no spaces)."""
    return bool(TOKEN_SAFE.match(term))


def is_word_token(token: str) -> bool:
    """True for tokens with letters, digits or CJK; False for whitespace and punctuation."""
    return bool(_WORDLIKE.search(token))


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


def build_trie_regex(terms: Iterable[str]) -> re.Pattern[str] | None:
    """Compile terms into one prefix-factored regex that matches leftmost-longest.

    A flat alternation of 1,500 literals is tried alternative by alternative at every position;
    factoring it as a trie lets the regex engine walk one branch, so the scan costs about as
    much as a single pass over the text. Within each node longer continuations come first and
    the node's own end is an optional group, so the match is the longest entry starting there.
    """
    trie: dict[str, Any] = {}
    for term in terms:
        if not term:
            continue
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = True
    if not trie:
        return None

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        terminal = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if terminal:
            return "(?:" + body + ")?"
        return body

    return re.compile(render(trie))


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
    """

    def __init__(
        self,
        user_dicts: Sequence[Path] = (),
        *,
        formulations: bool | Path | FormulationLexicon = True,
        backend: str = "jieba",
        hmm: bool = True,
        cache_dir: Path | None = None,
    ) -> None:
        if backend not in ("jieba", "rjieba"):
            raise ValueError(f"backend must be 'jieba' or 'rjieba', not {backend!r}")
        self.backend = backend
        self.hmm = hmm
        self._engine: Any
        if backend == "jieba":
            import jieba

            tk = jieba.Tokenizer()
            tk.tmp_dir = str(cache_dir) if cache_dir is not None else tempfile.gettempdir()
            tk.cache_file = "tifalab-jieba.cache"
            tk.initialize()
            self._engine = tk
        else:
            import rjieba

            self._engine = rjieba.Jieba()
        self.user_words: list[str] = []
        for path in user_dicts:
            for word, freq, tag in read_user_dict(Path(path)):
                self.add_word(word, freq, tag)
        self.formulation_terms: frozenset[str] = frozenset(self._formulation_terms(formulations))
        self._forced = build_trie_regex(self.formulation_terms)

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
        if self.backend == "jieba":
            self._engine.add_word(word, freq, tag)
        else:
            self._engine.add_word(word, freq, tag)
        self.user_words.append(word)

    def _cut_plain(self, text: str) -> list[str]:
        if not text:
            return []
        if self.backend == "jieba":
            return list(self._engine.cut(text, HMM=self.hmm))
        return list(self._engine.cut(text, self.hmm))

    def cut(self, text: str) -> list[str]:
        """Segment ``text``; the tokens concatenate back to ``text`` exactly."""
        if self._forced is None:
            return self._cut_plain(text)
        out: list[str] = []
        pos = 0
        for m in self._forced.finditer(text):
            if m.start() == m.end():
                continue
            out.extend(self._cut_plain(text[pos : m.start()]))
            out.append(m.group())
            pos = m.end()
        out.extend(self._cut_plain(text[pos:]))
        return out

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """Tokens with ``start``/``end`` character offsets into ``text`` (auditable spans)."""
        spans: list[tuple[str, int, int]] = []
        pos = 0
        for tok in self.cut(text):
            spans.append((tok, pos, pos + len(tok)))
            pos += len(tok)
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
