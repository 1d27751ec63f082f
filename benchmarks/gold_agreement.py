"""Inter-coder agreement on the People's Daily statement gold (coder 1 vs coder 2).

Usage: .venv/bin/python benchmarks/gold_agreement.py [CODER1_DIR] [CODER2_DIR] [--quiet]
Defaults: tests/gold/pd_statements and tests/gold/pd_statements_coder2.

Named statements are matched one-to-one within an article by
(speaker, first 6 characters of ``starts``), after unifying full/half-width
characters (NFKC), quotation-mark variants and dropping a leading quotation mark.
Prints matched / coder1-only / coder2-only counts, percent agreement
(matched / union), which is the Jaccard index of the two statement sets,
and Dice (= F1 of one coder against the other). Cohen's kappa is not defined
for span sets (there is no count of "non-statements"), so it is not reported.
On matched statements: agreement on kind, verb and exact affiliations.
``other_speech`` (unnamed speakers) is compared the same way but keyed on the
starts only, since speaker words vary (负责人 / 有关负责人).
Then every disagreement is listed, with same-speaker near misses side by side.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
CORPUS = ROOT.parent / "shared" / "corpora" / "peoples_daily_2019_2020"
KEY_LEN = 6

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "「": '"',
        "」": '"',
        "『": "'",
        "』": "'",
        "‘": "'",
        "’": "'",
        "﹃": '"',
        "﹄": '"',
        "・": "·",
        "•": "·",
        "‧": "·",
        "．": "·",
        "—": "-",
        "－": "-",
        "、": ",",
        "，": ",",
        "。": ".",
        "：": ":",
        "；": ";",
    }
)


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").translate(_QUOTES)
    return "".join(s.split())


def start_key(starts: str) -> str:
    return norm(starts).lstrip("\"'")[:KEY_LEN]


def norm_aff(aff) -> tuple:
    return tuple(tuple(norm(x) for x in pair) for pair in (aff or []))


def load(d: Path) -> dict[str, dict]:
    out = {}
    for f in sorted(d.glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        out[data.get("id") or f.stem] = data
    return out


def match(
    a: list[dict], b: list[dict], key
) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Greedy one-to-one matching in document order; returns pairs, a-only, b-only."""
    used = set()
    pairs, a_only = [], []
    for x in a:
        kx = key(x)
        for j, y in enumerate(b):
            if j not in used and key(y) == kx:
                used.add(j)
                pairs.append((x, y))
                break
        else:
            a_only.append(x)
    b_only = [y for j, y in enumerate(b) if j not in used]
    return pairs, a_only, b_only


def named_key(s: dict) -> tuple[str, str]:
    return norm(s.get("speaker")), start_key(s.get("starts", ""))


def other_key(s: dict) -> str:
    return start_key(s.get("starts", ""))


def fmt(s: dict, aff: bool = True) -> str:
    parts = [s.get("speaker", ""), s.get("kind", ""), s.get("verb", "") or "∅", s.get("starts", "")]
    if aff and "affiliations" in s:
        parts.append(json.dumps(s.get("affiliations") or [], ensure_ascii=False))
    return " | ".join(parts)


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "  n/a"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("coder1", nargs="?", type=Path, default=GOLD / "pd_statements")
    ap.add_argument("coder2", nargs="?", type=Path, default=GOLD / "pd_statements_coder2")
    ap.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS,
        help="corpus root, to check that every starts occurs verbatim (skipped if absent)",
    )
    ap.add_argument("--quiet", action="store_true", help="figures only, no disagreement listing")
    args = ap.parse_args()

    c1, c2 = load(args.coder1), load(args.coder2)
    ids = sorted(set(c1) | set(c2))
    missing = [
        (i, "coder1" if i not in c1 else "coder2") for i in ids if i not in c1 or i not in c2
    ]
    for i, who in missing:
        print(f"warning: {i} missing for {who}", file=sys.stderr)

    tot = Counter()
    not_found: list[tuple[str, str, str]] = []
    if args.corpus.is_dir():
        for who, data in (("coder1", c1), ("coder2", c2)):
            for i, d in data.items():
                f = args.corpus / d.get("file", "")
                if not f.is_file():
                    not_found.append((who, i, f"(article missing: {d.get('file')})"))
                    continue
                text = f.read_text(encoding="utf-8")
                for st in d.get("statements", []) + d.get("other_speech", []):
                    if st.get("starts") and st["starts"] not in text:
                        not_found.append((who, i, st["starts"]))
    attr_dis: list[tuple[str, str, dict, dict]] = []
    only: list[tuple[str, str, dict]] = []
    near: list[tuple[str, dict, dict]] = []
    other_only: list[tuple[str, str, dict]] = []
    per_article = []
    for i in ids:
        if i not in c1 or i not in c2:
            continue
        a, b = c1[i].get("statements", []), c2[i].get("statements", [])
        pairs, a_only, b_only = match(a, b, named_key)
        tot["c1"] += len(a)
        tot["c2"] += len(b)
        tot["matched"] += len(pairs)
        tot["c1_only"] += len(a_only)
        tot["c2_only"] += len(b_only)
        per_article.append((i, len(a), len(b), len(pairs)))
        for x, y in pairs:
            ax, ay = norm_aff(x.get("affiliations")), norm_aff(y.get("affiliations"))
            tot["aff_both"] += bool(ax and ay)
            tot["aff_both_same"] += bool(ax and ay and ax == ay)
            tot["aff_c1_empty"] += bool(ay and not ax)
            tot["aff_c2_empty"] += bool(ax and not ay)
            for field, same in (
                ("kind", x.get("kind") == y.get("kind")),
                ("verb", norm(x.get("verb")) == norm(y.get("verb"))),
                (
                    "affiliations",
                    norm_aff(x.get("affiliations")) == norm_aff(y.get("affiliations")),
                ),
            ):
                tot[f"{field}_agree"] += same
                if not same:
                    attr_dis.append((i, field, x, y))
        only += [(i, "coder1-only", x) for x in a_only] + [(i, "coder2-only", y) for y in b_only]
        for x in a_only:  # same speaker, different start: likely a boundary/split disagreement
            for y in b_only:
                if norm(x.get("speaker")) == norm(y.get("speaker")):
                    near.append((i, x, y))

        oa, ob = c1[i].get("other_speech", []), c2[i].get("other_speech", [])
        opairs, oa_only, ob_only = match(oa, ob, other_key)
        tot["o_c1"] += len(oa)
        tot["o_c2"] += len(ob)
        tot["o_matched"] += len(opairs)
        other_only += [(i, "coder1-only", x) for x in oa_only] + [
            (i, "coder2-only", y) for y in ob_only
        ]

    m, u = tot["matched"], tot["matched"] + tot["c1_only"] + tot["c2_only"]
    print(
        f"articles compared: {len(ids) - len(missing)}   (key: speaker + first {KEY_LEN} chars of starts)"
    )
    print("\nNAMED STATEMENTS")
    print(
        f"  coder1 {tot['c1']}   coder2 {tot['c2']}   matched {m}   "
        f"coder1-only {tot['c1_only']}   coder2-only {tot['c2_only']}   union {u}"
    )
    print(f"  percent agreement (matched/union) = Jaccard  {pct(m, u)}")
    print(f"  Dice / F1 (2·matched/(n1+n2))               {pct(2 * m, tot['c1'] + tot['c2'])}")
    print(
        f"  coder2 recall of coder1 {pct(m, tot['c1'])}   coder1 recall of coder2 {pct(m, tot['c2'])}"
    )
    print("  on matched statements:")
    for field in ("kind", "verb", "affiliations"):
        print(f"    {field:13s} {tot[field + '_agree']:3d}/{m}  {pct(tot[field + '_agree'], m)}")
    ou = tot["o_c1"] + tot["o_c2"] - tot["o_matched"]
    print(
        f"    affiliations where both coders gave one: {tot['aff_both_same']}/{tot['aff_both']} identical; "
        f"only coder2 gave one: {tot['aff_c1_empty']}; only coder1: {tot['aff_c2_empty']} "
        f"(null and [] both count as none)"
    )
    if not_found:
        print(f"\n  starts not found verbatim in the article ({len(not_found)}):")
        for who, i, st in not_found:
            print(f"    {who} {i}: {st}")
    print("\nOTHER SPEECH (unnamed / collective; keyed on starts only)")
    print(
        f"  coder1 {tot['o_c1']}   coder2 {tot['o_c2']}   matched {tot['o_matched']}   "
        f"agreement {pct(tot['o_matched'], ou)}"
    )

    print("\nPER ARTICLE  (id  n1  n2  matched)")
    for i, n1, n2, k in per_article:
        flag = "" if n1 == n2 == k else "  *"
        print(f"  {i}  {n1:2d}  {n2:2d}  {k:2d}{flag}")

    if args.quiet:
        return 0
    kinds = Counter(f for _, f, _, _ in attr_dis)
    print(
        f"\nDISAGREEMENTS: {len(only)} unmatched named statements "
        f"({tot['c1_only']} coder1-only, {tot['c2_only']} coder2-only; "
        f"{len(near)} same-speaker near-miss pairs), attribute: {dict(kinds)}"
    )
    if near:
        print("\n-- same speaker, different start (boundary / split / start-offset) --")
        for i, x, y in near:
            print(f"  {i}\n    c1: {fmt(x)}\n    c2: {fmt(y)}")
    print("\n-- unmatched named statements --")
    for i, who, s in only:
        print(f"  {i}  {who:11s} {fmt(s)}")
    print("\n-- attribute disagreements on matched statements --")
    for i, field, x, y in attr_dis:
        print(f"  {i}  [{field}]\n    c1: {fmt(x)}\n    c2: {fmt(y)}")
    print("\n-- unmatched other_speech --")
    for i, who, s in other_only:
        print(f"  {i}  {who:11s} {fmt(s, aff=False)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
