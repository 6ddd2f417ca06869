"""Words and sentences: the word segmenter and sentence splitting.

The one module that talks to the segmenter: rjieba (the jieba-rs binding), with jieba as a
fallback. rjieba builds its full dictionary when it starts (about 100 ms). A process that
segments little (``draftkit new``: a topic, some headings, a few paragraphs) skips that: it gives
an empty rjieba segmenter only the dictionary words that occur in its texts, read from the
``lexicon``, and the full dictionary's total, and gets the same words and tags. Past
``LEAN_BUDGET`` characters (mining, a long check) the full dictionary is built once and serves
the rest of the process.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
import sys
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from draftkit.reading.lexicon import Lexicon, load_lexicon
from draftkit.resources import data_file

# Characters segmented through the lexicon before the full dictionary pays for itself: a draft
# and its check take about 4,000; each character costs some 5 µs this way, against 100 ms once.
LEAN_BUDGET = 20_000
# The word that stands for the rest of the dictionary: private-use characters, which no real text
# holds; a text that does is segmented by the full dictionary.
_FILLER_CHAR = "\ue000"


class LeanSegmenter:
    """An rjieba segmenter that holds only the dictionary words of the texts it was given.

    jieba's choice of words depends on the dictionary words inside the text, their frequencies
    and the total of all frequencies; a filler word no text contains carries the frequencies of
    the words not loaded, so the total, and every probability, is the full dictionary's.
    """

    def __init__(self, jieba_type: Any, lexicon: Lexicon) -> None:
        self._jieba = jieba_type.empty()
        self._lexicon = lexicon
        self._known: set[str] = set()
        # A short run asks for the same few texts again and again (a draft's topic, each source
        # speech's topic); their words are kept, as the budget bounds them.
        self._cuts: dict[str, tuple[str, ...]] = {}
        self._tags: dict[str, tuple[tuple[str, str], ...]] = {}
        self._loaded = 0  # the frequencies of the words given so far
        self._filler = _FILLER_CHAR * lexicon.longest  # as long as the longest word, too
        self._jieba.add_word(self._filler, lexicon.total, "x")

    def knows(self, text: str) -> bool:
        """Whether ``text`` was cut or tagged before (and costs nothing again)."""
        return text in self._cuts or text in self._tags

    def cut(self, text: str) -> list[str]:
        found = self._cuts.get(text)
        if found is None:
            self._learn(text)
            found = self._cuts[text] = tuple(self._jieba.cut(text))
        return list(found)

    def tag(self, text: str) -> list[tuple[str, str]]:
        found = self._tags.get(text)
        if found is None:
            self._learn(text)
            found = self._tags[text] = tuple(self._jieba.tag(text))
        return list(found)

    def _learn(self, text: str) -> None:
        new = {w: e for w, e in self._lexicon.words_in(text).items() if w not in self._known}
        if not new:
            return
        for word, (freq, tag) in new.items():
            self._jieba.add_word(word, freq, tag)
            self._loaded += freq
        self._known.update(new)
        self._jieba.add_word(self._filler, self._lexicon.total - self._loaded, "x")


@cache
def _segmenter() -> tuple[Callable[[str], list[str]], Callable[[str], list[tuple[str, str]]]]:
    """The full dictionary's cut and tag."""
    try:
        import rjieba

        return rjieba.cut, rjieba.tag
    except ImportError:  # pragma: no cover - rjieba ships wheels for common platforms
        import jieba
        import jieba.posseg

        return (lambda t: jieba.lcut(t)), (
            lambda t: [(p.word, p.flag) for p in jieba.posseg.cut(t)]
        )


def _extension() -> ModuleType:
    """The compiled module of rjieba, without the package, whose import builds the dictionary.

    Registered under its own name, so a later ``import rjieba`` finds it rather than loading the
    extension a second time.
    """
    name = "rjieba.rjieba"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec("rjieba")
    if spec is None or not spec.origin:
        raise ImportError("rjieba")
    folder = Path(spec.origin).parent
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = folder / f"rjieba{suffix}"
        if path.is_file():
            break
    else:
        raise ImportError("rjieba's extension module")
    loader = importlib.machinery.ExtensionFileLoader(name, str(path))
    found = importlib.util.spec_from_file_location(name, path, loader=loader)
    if found is None:
        raise ImportError("rjieba's extension module")
    module = importlib.util.module_from_spec(found)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


def probe_texts() -> list[str]:
    """Texts a new lexicon must segment exactly as the full dictionary does before it is used."""
    text = data_file("core_phrases.yaml").read_text(encoding="utf-8")
    return [
        *text.splitlines(),
        "我们中出了一个叛徒，他来到了网易杭研大厦。",
        "2026年GDP增长5.2%，C++ 和 AT&T 的T恤衫；B超检查 A股上涨。",
        "深入学习贯彻党的二十大精神，统筹发展和安全，全力以赴抓好安全生产和森林防火工作。",
    ]


def agrees(jieba_type: Any, lexicon: Lexicon) -> bool:
    """Whether the lexicon cuts and tags ``probe_texts()`` as rjieba's full dictionary does."""
    full, lean = jieba_type(), LeanSegmenter(jieba_type, lexicon)
    try:
        return all(list(full.tag(t)) == lean.tag(t) for t in probe_texts())
    except (ValueError, OverflowError, TypeError):
        return False


class _Choice:
    """Which segmenter serves a text: the lean one while the budget lasts, then the full one."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # the lean segmenter grows as it works
        self.spent = 0
        self.lean: LeanSegmenter | None = None
        self.tried = False

    def lean_for(self, text: str) -> LeanSegmenter | None:
        """The lean segmenter, when it may take ``text``; call with ``lock`` held."""
        if self.lean is not None and self.lean.knows(text):
            return self.lean  # a text asked for again (the wizard recomposes) costs no budget
        if self.spent + len(text) > LEAN_BUDGET or _FILLER_CHAR in text:
            self.spent = LEAN_BUDGET + 1  # from here on the full dictionary serves every text
            return None
        if not self.tried:
            self.tried = True
            self.lean = _make_lean()
        if self.lean is not None:
            self.spent += len(text)
        return self.lean

    def give_up(self) -> None:
        self.lean, self.spent = None, LEAN_BUDGET + 1


def _make_lean() -> LeanSegmenter | None:
    try:
        jieba_type = _extension().Jieba
    except (ImportError, AttributeError, OSError):
        return None
    if not (hasattr(jieba_type, "empty") and hasattr(jieba_type, "add_word")):
        return None  # an rjieba too old to build a segmenter word by word
    lexicon = load_lexicon(lambda found: agrees(jieba_type, found))
    return LeanSegmenter(jieba_type, lexicon) if lexicon is not None else None


_CHOICE = _Choice()


def words(text: str) -> list[str]:
    """Segment Chinese text into words."""
    with _CHOICE.lock:
        lean = _CHOICE.lean_for(text)
        if lean is not None:
            try:
                return lean.cut(text)
            except (ValueError, OverflowError):  # a damaged lexicon: the full dictionary
                _CHOICE.give_up()
    return list(_segmenter()[0](text))


def tagged(text: str) -> list[tuple[str, str]]:
    """Words with their part-of-speech tags (``ns`` place, ``nr`` person, ``nt`` unit …)."""
    with _CHOICE.lock:
        lean = _CHOICE.lean_for(text)
        if lean is not None:
            try:
                return lean.tag(text)
            except (ValueError, OverflowError):
                _CHOICE.give_up()
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
