"""Words and sentences: the word segmenter and sentence splitting.

The one module that talks to the segmenter: rjieba (the jieba-rs binding), with jieba as a
fallback.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _segmenter():  # type: ignore[no-untyped-def]
    try:
        import rjieba

        return rjieba.cut, rjieba.tag
    except ImportError:  # pragma: no cover - rjieba ships wheels for common platforms
        import jieba
        import jieba.posseg

        return (lambda t: jieba.lcut(t)), (
            lambda t: [(p.word, p.flag) for p in jieba.posseg.cut(t)]
        )


def words(text: str) -> list[str]:
    """Segment Chinese text into words."""
    return list(_segmenter()[0](text))


def tagged(text: str) -> list[tuple[str, str]]:
    """Words with their part-of-speech tags (``ns`` place, ``nr`` person, ``nt`` unit …)."""
    return list(_segmenter()[1](text))


_SENTENCE_END = re.compile(r"([。！？；!?]+[”’」』]?)")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping each end mark (and a closing quote) attached."""
    parts = _SENTENCE_END.split(paragraph)
    out = []
    for i in range(0, len(parts), 2):
        text = parts[i] + (parts[i + 1] if i + 1 < len(parts) else "")
        if text.strip():
            out.append(text.strip())
    return out
