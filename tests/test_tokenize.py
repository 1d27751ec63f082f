"""Tests for tifalab.tokenize: private jieba, forced formulations, user dicts, SIGHAN scoring."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tifalab.formulations import load_formulations, match_formulations
from tifalab.paths import sample_path, shared_dir
from tifalab.tokenize import (
    Tokenizer,
    UserDictError,
    is_token_safe,
    read_user_dict,
    score_segmentation,
)


@functools.cache
def tok(
    backend: str = "jieba", hmm: bool = True, formulations: bool = True, numerals: bool = True
) -> Tokenizer:
    """One instance per setting for the whole module: building jieba's dictionary takes ~1 s."""
    return Tokenizer(backend=backend, hmm=hmm, formulations=formulations, numerals=numerals)


SAMPLE = sample_path().read_text(encoding="utf-8")


def test_sample_formulations_are_single_tokens() -> None:
    tk = tok()
    spans = {(s, e) for _, s, e in tk.tokenize(SAMPLE)}
    terms = {w for w, _, _ in tk.tokenize(SAMPLE)}
    for want in ("高质量发展", "营商环境", "招商引资", "以商招商", "精准招商", "以旧换新",
                 "党建引领", "城中村改造", "延链补链强链", "中国式现代化"):
        assert want in terms, want
    lex = load_formulations()
    matches = match_formulations(SAMPLE, lex)
    assert len(matches) > 40
    for m in matches:
        assert (m.start, m.end) in spans, m


def test_office_name_keeps_formulation_token() -> None:
    # 营商环境建设科 is an office; the formulation inside it still counts as one token
    words = tok().cut("中原区发展和改革委员会营商环境建设科科长王云翔认为")
    assert "营商环境" in words


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_tokenize_offsets_index_the_text(backend: str) -> None:
    tk = tok(backend)
    spans = tk.tokenize(SAMPLE)
    assert spans[0][1] == 0 and spans[-1][2] == len(SAMPLE)
    for word, start, end in spans:
        assert SAMPLE[start:end] == word


_ALPHABET = st.sampled_from(list("营商环境高质量发展新动能创招引资中国式现代化的了和，。、“”\r\n 　A1b-"))


@settings(max_examples=150, deadline=None)
@given(st.text(_ALPHABET, max_size=60))
def test_cut_is_lossless_for_both_backends(text: str) -> None:
    for backend in ("jieba", "rjieba"):
        words = tok(backend).cut(text)
        assert "".join(words) == text
        assert all(words)


def test_rjieba_backend_agrees_with_jieba_on_sample() -> None:
    a = [tok("jieba").cut(p) for p in SAMPLE.splitlines()]
    b = [tok("rjieba").cut(p) for p in SAMPLE.splitlines()]
    assert score_segmentation(a, b)["f1"] > 0.995


def test_private_instance_is_untouched_by_global_jieba() -> None:
    import jieba

    word = "科科长王"  # nonsense that only the global tokenizer will learn
    jieba.add_word(word, 10**7)
    try:
        assert word in jieba.lcut("建设科科长王云翔")  # the global one changed ...
        assert word not in tok().cut("建设科科长王云翔")  # ... ours did not
        assert word not in Tokenizer(formulations=False).cut("建设科科长王云翔")
    finally:
        jieba.del_word(word)


def test_cache_file_lives_in_cache_dir(tmp_path: Path) -> None:
    tk = Tokenizer(formulations=False, cache_dir=tmp_path)
    assert tk.cut("招商引资") == ["招商引资"]
    assert (tmp_path / "tifalab-jieba.cache").is_file()


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_user_dict_with_bom_and_crlf(tmp_path: Path, backend: str) -> None:
    # jieba itself would skip the first line of this file (BOM) and keep \r in words
    p = tmp_path / "user.txt"
    p.write_bytes("\ufeff沟赵办事处 50 nt\r\n城市之芯\r\n# a comment\r\n\r\n一中心 3\r\n".encode())
    assert read_user_dict(p) == [("沟赵办事处", 50, "nt"), ("城市之芯", None, None),
                                 ("一中心", 3, None)]
    tk = Tokenizer([p], backend=backend, formulations=False)
    words = tk.cut("郑州高新区沟赵办事处以城市之芯建设为引领")
    assert "沟赵办事处" in words and "城市之芯" in words


def test_non_utf8_user_dict_raises_with_file_name(tmp_path: Path) -> None:
    p = tmp_path / "gbk_words.txt"
    p.write_bytes("沟赵办事处 50\n".encode("gbk"))
    with pytest.raises(UserDictError, match=r"gbk_words\.txt"):
        Tokenizer([p], formulations=False)


def test_bad_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="backend"):
        Tokenizer(backend="pkuseg")


def test_matcher_is_leftmost_longest() -> None:
    from tifalab.tokenize import TermMatcher

    m = TermMatcher(["营商环境", "优化营商环境", "营商", "环境保护"])
    text = "持续优化营商环境。营商主体"
    assert [text[s:e] for s, e in m.spans(text)] == ["优化营商环境", "营商"]


def test_entries_with_punctuation_stay_out_of_token_lexicon() -> None:
    assert not is_token_safe("一中心、两关键")
    assert is_token_safe("5G") and is_token_safe("延链补链强链")
    lex = load_formulations()
    assert all(is_token_safe(t) for t in tok().formulation_terms)
    assert len(tok().formulation_terms) == sum(is_token_safe(t) for t in lex.terms)


def test_score_segmentation_counts_spans() -> None:
    gold = [["改革", "开放", "是", "国策"]]
    pred = [["改革开放", "是", "国策"]]
    s = score_segmentation(gold, pred)
    assert (s["correct"], s["gold_words"], s["predicted_words"]) == (2, 4, 3)
    assert s["f1"] == pytest.approx(2 * (2 / 3) * (2 / 4) / (2 / 3 + 2 / 4))
    with pytest.raises(ValueError, match="line 1"):
        score_segmentation([["改革"]], [["开放"]])


def _corpus_texts(root: Path, rng: random.Random) -> list[str]:
    c = root / "corpora"
    pd_files = sorted((c / "peoples_daily_2019_2020").glob("*/*/*.txt"))
    xw = sorted((c / "cctv_xinwenlianbo_2022_2026" / "news").glob("*.md"))
    gov = sorted((c / "gov_work_reports_2026_provinces" / "txt").glob("*.txt"))
    files = rng.sample(pd_files, 300) + rng.sample(xw, 40) + rng.sample(gov, 8)
    return [p.read_text(encoding="utf-8-sig", errors="replace") for p in files]


@pytest.mark.corpus
def test_every_formulation_occurrence_is_one_token_in_real_text() -> None:
    """Independent check with str.find (overlapping occurrences included): each occurrence lies
    inside one token (nested ones, 营商环境 in 营商环境建设科, lie inside a longer entry's token).
    The only allowed exception is an occurrence that overlaps a *different* formulation token
    (生态环境治理 | 治理体系): two overlapping entries cannot both be tokens. jieba itself never
    breaks an entry."""
    root = shared_dir()
    if root is None:
        pytest.skip("../shared/corpora absent: real People's Daily / 新闻联播 / report text needed")
    texts = _corpus_texts(root, random.Random(7))
    tk = tok()
    terms = sorted(tk.formulation_terms)
    found = intact = lost_to_overlap = 0
    broken: list[str] = []
    for text in texts:
        spans = tk.tokenize(text)
        token_at = [0] * (len(text) + 1)  # index of the token covering each character
        for i, (_, s, e) in enumerate(spans):
            for k in range(s, e):
                token_at[k] = i
        for term in terms:
            pos = text.find(term)
            while pos != -1:
                found += 1
                first, last = token_at[pos], token_at[pos + len(term) - 1]
                if first == last:
                    intact += 1
                elif any(tk.is_formulation(spans[i][0]) for i in range(first, last + 1)):
                    lost_to_overlap += 1
                else:
                    broken.append(text[max(0, pos - 3) : pos + len(term) + 3])
                pos = text.find(term, pos + 1)
    assert found > 5000
    print(f"integrity {intact}/{found} = {intact / found:.4%}; "
          f"{lost_to_overlap} overlap another entry; {len(broken)} broken by jieba")
    assert not broken, broken[:20]
    assert intact / found >= 0.99


@pytest.mark.corpus
def test_pku_f1_not_below_plain_jieba() -> None:
    root = shared_dir()
    if root is None:
        pytest.skip("../shared/corpora/sighan2005_icwb2 absent")
    d = root / "corpora" / "sighan2005_icwb2"
    raw = [ln.strip() for ln in (d / "pku_test.utf8").read_text(encoding="utf-8-sig").splitlines()]
    gold = [ln.split() for ln in (d / "pku_test_gold.utf8").read_text(
        encoding="utf-8-sig").splitlines()]
    n = min(len(raw), len(gold))
    raw, gold = raw[:n], gold[:n]
    for hmm in (True, False):
        plain = score_segmentation(gold, [tok("jieba", hmm, False, False).cut(x) for x in raw])["f1"]
        ours = score_segmentation(gold, [tok("jieba", hmm, True).cut(x) for x in raw])["f1"]
        print(f"PKU F1 HMM={hmm}: jieba {plain:.4f}, tifalab {ours:.4f}")
        assert plain > 0.8
        assert ours >= plain


def test_overlapping_entries_resolved_by_coverage() -> None:
    from tifalab.tokenize import TermMatcher

    m = TermMatcher(["生态环境", "生态环境治理", "治理体系", "营商环境"])
    text = "健全生态环境治理体系，优化营商环境"
    assert [text[s:e] for s, e in m.spans(text)] == ["生态环境", "治理体系", "营商环境"]
    # without a competing entry the longest one wins
    other = "加强生态环境治理。"
    assert [other[s:e] for s, e in m.spans(other)] == ["生态环境治理"]
    assert TermMatcher([]).spans(text) == []


def test_numbers_get_their_own_tokens() -> None:
    from tifalab.tokenize import split_numerals

    assert split_numerals(["二十三个", "省"]) == ["二十三", "个", "省"]
    assert split_numerals(["二十", "三", "人"]) == ["二十三", "人"]
    assert split_numerals(["一九九八年", "三十一日"]) == ["一九九八年", "三十一日"]
    assert split_numerals(["一个"]) == ["一个"]  # a single numeral stays with its measure word
    words = tok().cut("全年新签约项目15个以上，培育50家社会组织")
    assert "15" in words and "50" in words


@pytest.mark.parametrize("tokens", [[], [""], ["", "a"], ["\0", "，"], ["，", "", "x\0"],
                                    [" ", "\n", "“", "中", "３", "……", "a—"]])
def test_count_word_tokens_equals_the_per_token_test(tokens: list[str]) -> None:
    from tifalab.tokenize import count_word_tokens, is_word_token

    assert count_word_tokens(tokens) == sum(map(is_word_token, tokens))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="高质量发展营商环境，。 \n“”一二三年12ab", max_size=60))
def test_cut_with_spans_gives_exactly_the_formulation_tokens(text: str) -> None:
    """The pipeline takes formulation tokens from the spans: every span is a token that is an
    entry, and no other token is an entry; the word count matches the per-token test."""
    from tifalab.tokenize import count_word_tokens, is_word_token

    tk = tok("rjieba")
    tokens, spans = tk.cut_with_spans(SAMPLE[:300] + text)
    joined = SAMPLE[:300] + text
    offsets, pos = [], 0
    for t in tokens:
        offsets.append((pos, pos + len(t)))
        pos += len(t)
    assert [o for o, t in zip(offsets, tokens, strict=True) if tk.is_formulation(t)] == spans
    assert all(joined[s:e] in tk.formulation_terms for s, e in spans)
    assert count_word_tokens(tokens) == sum(map(is_word_token, tokens))


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="高质量发展营商环境生态治理体系，。\n𠀀\ud800ab", max_size=80))
def test_matcher_candidates_by_hash_equal_the_regex_pass(text: str) -> None:
    """The numpy head lookup finds exactly the positions of the regex pass it replaced."""
    from tifalab.tokenize import TermMatcher

    terms = [*load_formulations().themes_of, "𠀀高质", "\ud800质量"]
    fast, slow = TermMatcher(terms), TermMatcher(terms)
    slow._head_bits = None
    assert fast._head_bits is not None
    for t in (text, SAMPLE[:500] + text):
        assert fast._candidates(t) == slow._candidates(t)
        assert fast.spans(t) == slow.spans(t)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="一二三十百千万两〇○点.0123456789个年日号营\n \0，", max_size=4), max_size=9))
def test_word_count_of_split_numerals_by_windows(tokens: list[str]) -> None:
    """count_word_tokens_split only splits the runs of numeral tokens: same count as splitting all."""
    from tifalab.tokenize import count_word_tokens, count_word_tokens_split, split_numerals

    assert count_word_tokens_split(tokens) == count_word_tokens(split_numerals(tokens))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="高质量发展营商环境十四五规划，。 \n“”一二三年12ab\0", max_size=60))
def test_count_with_spans_equals_the_counts_of_cut_with_spans(text: str) -> None:
    """What ``Pipeline._formulations`` takes from count_with_spans is what the tokens give."""
    from tifalab.tokenize import count_word_tokens

    for tk in (tok("rjieba"), tok()):
        tokens, spans = tk.cut_with_spans(SAMPLE[:300] + text)
        assert tk.count_with_spans(SAMPLE[:300] + text) == (count_word_tokens(tokens), tokens.count("\n"), spans)
