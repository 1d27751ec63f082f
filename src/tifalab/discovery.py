"""Find candidate new formulations (提法) that a lexicon does not yet hold.

Why character n-grams and not jieba tokens: a new formulation is by definition something the
dictionary does not know, and jieba splits unknown strings unpredictably (新质生产力 becomes
新/质/生产力, 营商环境 becomes 营商/环境). Counting character strings inside runs of Chinese
characters avoids that bias. Three classic statistics separate terms from fragments:

* frequency and document frequency (a formulation is repeated, and by many texts);
* pointwise mutual information of the weakest internal split (cohesion: 营商|环境 occur
  together far more often than chance);
* left and right boundary entropy (freedom: a real term is preceded and followed by many
  different characters; the fragment 质量发 is almost always preceded by 高 and followed by 展).

Counting is level-wise (Apriori): a string of length L is counted only where its prefix or its
suffix of length L-1 is frequent, which keeps memory bounded and still gives every frequent
string the complete distribution of its one-character extensions (for the entropies).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

import pandas as pd

__all__ = [
    "DEFAULT_EDGE_END",
    "DEFAULT_EDGE_START",
    "NgramStats",
    "candidate_formulations",
    "han_runs",
    "ngram_stats",
]

_HAN_RUN = re.compile(r"[\u4E00-\u9FFF]{2,}")

# Function characters that make a poor first or last character of a formulation. These are
# grammar, not vocabulary, so they are parameters with defaults rather than a lexicon file.
# 以 is allowed at the start (以旧换新, 以商招商); 要/将/在 start real terms too rarely to matter.
DEFAULT_EDGE_START = "的了着和与及是被而并就也都其之把对从向于等"
DEFAULT_EDGE_END = "的了着和与及是被而并就也都其之把对从向于在为将要以等让使"


def han_runs(text: str) -> list[str]:
    """Runs of two or more CJK characters: the spans a formulation can live in."""
    return _HAN_RUN.findall(text)


@dataclass
class NgramStats:
    """Counts of frequent character strings with their neighbour distributions."""

    total_chars: int
    n_docs: int
    counts: dict[str, int] = field(default_factory=dict)  # frequent strings only
    docs: dict[str, int] = field(default_factory=dict)
    left: dict[str, list[int]] = field(default_factory=dict)  # counts of each left neighbour
    right: dict[str, list[int]] = field(default_factory=dict)

    def pmi(self, s: str) -> float:
        """Weakest-split PMI (bits) of ``s``: min over cut points of log2 p(s)/(p(a)p(b))."""
        c = self.counts.get(s)
        if not c or len(s) < 2:
            return float("nan")
        best = math.inf
        for k in range(1, len(s)):
            a, b = self.counts.get(s[:k]), self.counts.get(s[k:])
            if not a or not b:
                continue
            best = min(best, math.log2(c * self.total_chars / (a * b)))
        return best if best != math.inf else float("nan")

    def entropy(self, s: str, side: str) -> float:
        """Boundary entropy (bits) of the neighbours of ``s`` on ``side`` ('left'/'right').

        Occurrences at the edge of a run (next to punctuation, digits or a line end) count as
        distinct neighbours: a string that always ends a clause is a good boundary, not a bad one.
        """
        c = self.counts.get(s, 0)
        if not c:
            return float("nan")
        neigh = (self.left if side == "left" else self.right).get(s, [])
        edge = c - sum(neigh)
        h = 0.0
        for n in neigh:
            p = n / c
            h -= p * math.log2(p)
        if edge > 0:
            h += edge * (1 / c) * math.log2(c)
        return h


def ngram_stats(texts: Iterable[str], *, min_count: int = 5, max_len: int = 8) -> NgramStats:
    """Count every character string of length 1..max_len seen at least ``min_count`` times.

    Each item of ``texts`` is one document (for document frequencies). Strings never cross
    punctuation, digits, Latin letters or line ends.
    """
    docs_runs = [han_runs(t) for t in texts]
    total = sum(len(r) for runs in docs_runs for r in runs)
    stats = NgramStats(total_chars=total, n_docs=len(docs_runs))
    prev: set[str] = set()
    for length in range(1, max_len + 2):
        counts: dict[str, int] = defaultdict(int)
        docs: dict[str, int] = defaultdict(int)
        last: dict[str, int] = {}
        track_docs = length <= max_len
        for d, runs in enumerate(docs_runs):
            for run in runs:
                for i in range(len(run) - length + 1):
                    g = run[i : i + length]
                    if length > 1 and g[:-1] not in prev and g[1:] not in prev:
                        continue
                    counts[g] += 1
                    if track_docs and last.get(g) != d:
                        last[g] = d
                        docs[g] += 1
        # neighbour distributions of the previous level's frequent strings
        if length > 1:
            for g, c in counts.items():
                if g[:-1] in prev:
                    stats.right.setdefault(g[:-1], []).append(c)
                if g[1:] in prev:
                    stats.left.setdefault(g[1:], []).append(c)
        if length > max_len:
            break
        frequent = {
            g
            for g, c in counts.items()
            if c >= min_count and (length == 1 or (g[:-1] in prev and g[1:] in prev))
        }
        for g in frequent:
            stats.counts[g] = counts[g]
            stats.docs[g] = docs[g]
        prev = frequent
        if not prev:
            break
    return stats


def candidate_formulations(
    texts: Iterable[str],
    lexicon: Collection[str] | object | None = None,
    *,
    min_count: int = 5,
    max_len: int = 8,
    top: int = 200,
    min_len: int = 3,
    min_docs: int = 2,
    edge_start: str = DEFAULT_EDGE_START,
    edge_end: str = DEFAULT_EDGE_END,
) -> pd.DataFrame:
    """Rank multi-character strings the lexicon lacks that behave like fixed formulations.

    ``lexicon`` is a :class:`~tifalab.formulations.FormulationLexicon` or any collection of
    terms; known terms and strings contained in a known term are excluded (a fragment of a
    known formulation is not news). The score is ``log2(1 + count) * min(left, right entropy)
    * sqrt(max(pmi, 0))``: frequent, free at both ends, internally cohesive. Columns:
    candidate, count, docs, pmi, left_entropy, right_entropy, score (best first).
    """
    known: set[str] = set()
    if lexicon is not None:
        terms = getattr(lexicon, "terms", lexicon)
        known = {str(t) for t in terms}
    stats = ngram_stats(texts, min_count=min_count, max_len=max_len)
    rows = []
    # every substring of a known term: fragments of what we know are not candidates
    inside_known = {t[i:j] for t in known for i in range(len(t)) for j in range(i + 1, len(t) + 1)}
    for s, c in stats.counts.items():
        if not (min_len <= len(s) <= max_len):
            continue
        if stats.docs.get(s, 0) < min_docs:
            continue
        if s[0] in edge_start or s[-1] in edge_end:
            continue
        if len(set(s)) == 1:
            continue
        if s in inside_known:
            continue
        pmi = stats.pmi(s)
        le = stats.entropy(s, "left")
        re_ = stats.entropy(s, "right")
        score = math.log2(1 + c) * min(le, re_) * math.sqrt(max(pmi, 0.0))
        rows.append((s, c, stats.docs.get(s, 0), pmi, le, re_, score))
    df = pd.DataFrame(
        rows,
        columns=["candidate", "count", "docs", "pmi", "left_entropy", "right_entropy", "score"],
    )
    df = df.sort_values(["score", "count", "candidate"], ascending=[False, False, True])
    return df.head(top).reset_index(drop=True)
