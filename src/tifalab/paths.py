"""Where tifalab finds its bundled data (lexicons, sample, fonts).

The data directory lives at the repository root (``data/``) because the layout is fixed by the
design; an editable install keeps it reachable. ``TIFALAB_DATA`` overrides it so that a
relocated installation or a researcher's own lexicon folder can be used.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """Return the folder holding ``lexicons/`` and ``samples/``."""
    env = os.environ.get("TIFALAB_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "data"


def lexicon_path(name: str) -> Path:
    """Path of a bundled lexicon file under ``data/lexicons/``."""
    return data_dir() / "lexicons" / name


def sample_path() -> Path:
    """The bundled sample article (the default corpus)."""
    return data_dir() / "samples" / "zhengzhou_plenary_reactions.txt"


def shared_dir() -> Path | None:
    """The ``../shared`` folder beside the checkout, if present (tests and benchmarks only)."""
    env = os.environ.get("TIFALAB_SHARED")
    cand = Path(env) if env else Path(__file__).resolve().parents[3] / "shared"
    return cand if cand.is_dir() else None
