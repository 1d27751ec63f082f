"""The shared rjieba instance and the on-disk cache of jieba's dictionary (tifalab.jieba_shared)."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest

from tifalab import jieba_shared
from tifalab.speakers import _DICT_FOUR_RE, _DICT_LINE_RE
from tifalab.tokenize import Tokenizer


def _fresh() -> tuple[dict[str, str], frozenset[str]]:
    text = (importlib.resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    return dict(_DICT_LINE_RE.findall(text)), frozenset(_DICT_FOUR_RE.findall(text))


def test_dictionary_cache_equals_the_extraction_absent_present_and_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIFALAB_CACHE_DIR", str(tmp_path))
    want = _fresh()
    first = jieba_shared.cached_dict_words(_DICT_LINE_RE, _DICT_FOUR_RE)  # absent: written
    files = list(tmp_path.glob("tifalab-jieba-words-*.marshal"))
    assert len(files) == 1
    second = jieba_shared.cached_dict_words(_DICT_LINE_RE, _DICT_FOUR_RE)  # read back
    for got in (first, second):
        assert got == want
        assert list(got[0].items()) == list(want[0].items())  # same order too
    for damage in (b"", files[0].read_bytes()[:1000], files[0].read_bytes()[:-1] + b"x"):
        files[0].write_bytes(damage)
        assert jieba_shared.cached_dict_words(_DICT_LINE_RE, _DICT_FOUR_RE) == want


def test_dictionary_cache_is_keyed_by_the_patterns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    monkeypatch.setenv("TIFALAB_CACHE_DIR", str(tmp_path))
    jieba_shared.cached_dict_words(_DICT_LINE_RE, _DICT_FOUR_RE)
    other = re.compile(r"^([\u4e00-\u9fff]{5}) ", re.M)
    _words, fives = jieba_shared.cached_dict_words(_DICT_LINE_RE, other)
    assert fives and all(len(w) == 5 for w in fives)  # not the four-character entry's cache
    assert len(list(tmp_path.glob("tifalab-jieba-words-*.marshal"))) == 2


def test_unwritable_cache_folder_still_gives_the_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIFALAB_CACHE_DIR", str(tmp_path / "missing" / "folder"))
    assert jieba_shared.cached_dict_words(_DICT_LINE_RE, _DICT_FOUR_RE) == _fresh()


def test_a_tokenizer_given_words_never_changes_the_shared_instance() -> None:
    plain = Tokenizer(backend="rjieba", formulations=False)
    assert plain._engine is jieba_shared.shared_rjieba()
    before = plain.cut("区块链赋能乡村振兴示范点")
    own = Tokenizer(backend="rjieba", formulations=False)
    own.add_word("振兴示范点", 100000)
    assert own._engine is not jieba_shared.shared_rjieba()
    assert "振兴示范点" in own.cut("区块链赋能乡村振兴示范点")
    assert plain.cut("区块链赋能乡村振兴示范点") == before
    assert Tokenizer(backend="rjieba", formulations=False).cut("区块链赋能乡村振兴示范点") == before
