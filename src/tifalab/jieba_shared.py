"""jieba resources shared inside one process: one pristine rjieba, jieba's dictionary cached.

Why: every build worker loads these before it parses its first file, and that start-up is on
the critical path of a build (both workers wait for it). Measured per worker before this
module: a second ``rjieba.Jieba()`` for the pronoun tagger ~0.17 s, and reading jieba's
``dict.txt`` into the word -> tag lookup ~0.33 s.

* :func:`shared_rjieba` is ONE ``rjieba.Jieba()`` per process, never given user words. The
  statements tagger and every :class:`tifalab.tokenize.Tokenizer` without user words use it;
  a tokenizer that adds words takes a private instance first (``Tokenizer.add_word``), so
  nobody's segmentation changes behind their back (the reason tifalab never uses jieba's
  global tokenizer).
* :func:`cached_dict_words` is the regex extraction over ``dict.txt`` that
  ``speakers._jieba_dict`` did, stored once in a ``marshal`` file in the temp folder (where the
  tokenizer's jieba cache lives). The file name holds a hash of the dictionary's bytes and of
  the two patterns, so an edited dictionary or pattern never reads a stale entry; the payload
  carries its own sha256, and anything unexpected (absent, truncated, foreign, wrong types)
  means: extract from ``dict.txt`` as before and rewrite the cache. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

_FORMAT = b"tifalab-jieba-words/1"  # bump when the payload's layout changes


@cache
def shared_rjieba() -> Any:
    """The process's one rjieba instance with jieba's bundled dictionary only (never add words)."""
    return new_rjieba()


def new_rjieba() -> Any:
    """A new ``rjieba.Jieba()``, without the instance ``import rjieba`` builds for its globals.

    Why: the package's ``__init__`` builds a module-level ``Jieba()`` (~0.1 s of dictionary
    loading) that tifalab never uses. When nothing in the process has imported ``rjieba`` yet,
    its compiled module is loaded on its own and registered under its usual name, so a later
    ``import rjieba`` finds it and behaves as always; any surprise falls back to the import.
    """
    mod = sys.modules.get("rjieba") or sys.modules.get("rjieba.rjieba")
    if mod is None:
        try:
            mod = _load_rjieba_extension()
        except (ImportError, OSError, AttributeError, IndexError, TypeError):
            mod = None
    if mod is None:
        import rjieba as mod
    return mod.Jieba()


def _load_rjieba_extension() -> Any:
    """The ``rjieba.rjieba`` extension module, loaded without running ``rjieba/__init__.py``."""
    import importlib.machinery
    import importlib.util

    spec = importlib.util.find_spec("rjieba")  # finds the package; does not run it
    if spec is None or not spec.submodule_search_locations:
        return None
    name = "rjieba.rjieba"
    for folder in spec.submodule_search_locations:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, "rjieba" + suffix)
            if os.path.isfile(path):
                loader = importlib.machinery.ExtensionFileLoader(name, path)
                ext_spec = importlib.util.spec_from_file_location(name, path, loader=loader)
                if ext_spec is None:
                    return None
                mod = importlib.util.module_from_spec(ext_spec)
                sys.modules[name] = mod  # a later ``import rjieba`` reuses it (no second init)
                try:
                    loader.exec_module(mod)
                except BaseException:
                    del sys.modules[name]
                    raise
                return mod
    return None


def _dict_bytes() -> bytes | None:
    import importlib.resources

    try:
        return (importlib.resources.files("jieba") / "dict.txt").read_bytes()
    except (OSError, ModuleNotFoundError):  # pragma: no cover - jieba is a dependency
        return None


def cache_dir() -> Path:
    """Folder of the dictionary cache: the temp folder, like the tokenizer's jieba cache.

    ``TIFALAB_CACHE_DIR`` overrides it (tests, read-only temp folders)."""
    env = os.environ.get("TIFALAB_CACHE_DIR")
    return Path(env) if env else Path(tempfile.gettempdir())


def _extract(text: str, line_re: re.Pattern[str], four_re: re.Pattern[str]) -> tuple[dict[str, str], frozenset[str]]:
    """The lookup straight from ``dict.txt`` (what ``speakers._jieba_dict`` always did)."""
    return dict(line_re.findall(text)), frozenset(four_re.findall(text))


def _load(path: Path, key: bytes) -> tuple[dict[str, str], frozenset[str]] | None:
    """The cached lookup, or None when the file is absent, damaged or not ours."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head = _FORMAT + key
    if len(raw) < len(head) + 32 or not raw.startswith(head):
        return None
    digest, payload = raw[len(head):len(head) + 32], raw[len(head) + 32:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        keys, tags, fours = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(keys, list) and isinstance(tags, list) and isinstance(fours, list)
            and len(keys) == len(tags)):
        return None
    return dict(zip(keys, tags, strict=True)), frozenset(fours)


def _store(path: Path, key: bytes, words: dict[str, str], fours: frozenset[str]) -> None:
    """Write the cache atomically; a failure only costs the next process the extraction."""
    # the tags are a few dozen distinct strings: interned, marshal writes each once
    payload = marshal.dumps((list(words), [sys.intern(t) for t in words.values()], list(fours)))
    data = _FORMAT + key + hashlib.sha256(payload).digest() + payload
    try:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass



def cached_dict_words(line_re: re.Pattern[str], four_re: re.Pattern[str]) -> tuple[dict[str, str], frozenset[str]]:
    """``(dict(line_re.findall(text)), frozenset(four_re.findall(text)))`` over jieba's ``dict.txt``,
    from the cache when it holds exactly that (see the module docstring)."""
    raw = _dict_bytes()
    if raw is None:  # pragma: no cover - jieba is a dependency
        return {}, frozenset()
    h = hashlib.sha256(raw)
    for pat in (line_re, four_re):
        h.update(b"\0" + pat.pattern.encode("utf-8") + b"\0" + str(pat.flags).encode())
    key = h.hexdigest().encode()
    path = cache_dir() / f"tifalab-jieba-words-{key[:16].decode()}.marshal"
    hit = _load(path, key)
    if hit is not None:
        return hit
    # text mode's universal newlines, as ``read_text`` gave the extraction before
    text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    words, fours = _extract(text, line_re, four_re)
    _store(path, key, words, fours)
    return words, fours
