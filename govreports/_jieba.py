"""jieba, shared by the reader (which words are common) and the tokenizer.

jieba is imported inside the functions: importing govreports loads no dictionary.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from importlib import resources


@contextmanager
def quiet_jieba():
    """Silence jieba's logger for the duration of the block (it prints on first use)."""
    import logging  # (here: a run that loads no jieba needs no logging, 2 ms of its start)

    logger = logging.getLogger("jieba")
    old = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(old)


@lru_cache(maxsize=1)
def jieba_word_freq() -> dict[str, int]:
    """Word frequencies of jieba's bundled dictionary (read from its dict.txt)."""
    import jieba

    path = resources.files(jieba) / "dict.txt"
    freq: dict[str, int] = {}
    with path.open("r", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ")
            if len(parts) >= 2:
                freq[parts[0]] = int(parts[1])
    return freq


