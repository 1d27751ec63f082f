"""Imported once by the build's fork server, before it forks the workers (see ``tifalab.build``).

Why: every worker imported the same modules (numpy, pyarrow, the parser modules and their
compiled patterns) and loaded the same two dictionaries that depend only on installed packages
(rjieba's built-in one, and jieba's ``dict.txt`` read for the speaker rules), ~0.6 s of CPU per
worker. Done here, each worker is forked with them already in memory (shared copy-on-write),
so a build pays for them once. Nothing that depends on tifalab's lexicons or a user's files is
loaded here: a lexicon edited between two builds of one session still reaches the next build's
workers, which build their own ``Pipeline``.

Importing this module never raises: the fork server stops on anything but an ImportError, and
whatever fails here is simply done by each worker, as without the preload.
"""

from __future__ import annotations

import contextlib
import importlib

MODULES = (
    "numpy", "pyarrow", "tifalab.build", "tifalab.io", "tifalab.anatomy", "tifalab.statements",
    "tifalab.speakers", "tifalab.slogans", "tifalab.numbers", "tifalab.tokenize",
    "tifalab.formulations", "tifalab.tables", "tifalab.jieba_shared",
)


def _preload() -> None:
    for name in MODULES:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        from tifalab.jieba_shared import shared_rjieba

        shared_rjieba()
    with contextlib.suppress(Exception):
        from tifalab.speakers import jieba_words

        jieba_words()


_preload()
