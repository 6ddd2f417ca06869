"""What a draft has said, so that nothing is said twice, not even in other words.

Every sentence said is noted whole, clause by clause (by bigrams) and by the rare words of each
clause; a sentence about to be said loses the clauses that say again what was said already
(``without_echoes``), and is not said at all when its first clause or half of it repeats.
"""

from __future__ import annotations

import re

from draftkit.compose.choose import DraftState
from draftkit.compose.material import STRONG_WORDS, bigrams
from draftkit.reading.segment import words

_CLAUSE = re.compile(r"[，；。！？：]")
# A clause this long is a statement of its own; saying it twice is repeating oneself.
CLAUSE_MIN = 8
# Likeness (bigrams) above which a clause says again what a clause already said: 推行长期护理保险
# 制度 after 健全长期护理保险制度, 要实施稳岗扩容提质行动 after 加力实施稳岗扩容提质行动.
CLAUSE_ECHO = 0.5
# The shortest clause that can echo another (a short one, such as 推动高质量发展, is a formula).
ECHO_MIN = 7
_PIECE = re.compile(r"[^，；。！？]*[，；。！？]?")
_NOT_HAN = re.compile(r"\{\{.*?\}\}|【[^】]*】|[^\u4e00-\u9fff]")


def clauses_of(text: str) -> set[str]:
    found = (re.sub(r"[^\u4e00-\u9fff]", "", c) for c in _CLAUSE.split(text))
    return {c for c in found if len(c) >= CLAUSE_MIN}


def note_said(text: str, grams: frozenset[str], state: DraftState) -> None:
    """Record a sentence the draft now says, so nothing later says it again."""
    state.used_texts.add(text)
    state.said.add(grams)
    state.clauses.update(clauses_of(text))
    for piece in _PIECE.findall(text):
        plain = _NOT_HAN.sub("", piece)
        if len(plain) >= ECHO_MIN:
            state.said_clauses.add(bigrams(plain))
            state.said_rare.add(_rare_words(piece, state))


def clause_said(text: str, state: DraftState) -> bool:
    return bool(clauses_of(text) & state.clauses)


def _rare_words(piece: str, state: DraftState) -> frozenset[str]:
    """The clause's words that name one measure, the topic's own left out.

    The topic's names and strongest words (隐患, 排查 of 安全生产) recur in every measure of it;
    in a list (农垦、供销社等改革) they are the items, and the same items are the same list.
    """
    material = state.material
    if material is None or not material.rare:
        return frozenset()
    own = (
        material.names
        if "、" in piece
        else (*material.names, *material.profile_words[:STRONG_WORDS])
    )
    return frozenset(
        w
        for w in words(_NOT_HAN.sub("", piece))
        if len(w) >= 2 and w in material.rare and not any(n in w for n in own)
    )


def said_already(clause: str, state: DraftState) -> bool:
    """Whether a clause like this one (a heading's, say) was said already."""
    return state.said_clauses.already(bigrams(_NOT_HAN.sub("", clause)), CLAUSE_ECHO)


def without_echoes(text: str, state: DraftState) -> str:
    """The sentence without the clauses that say again what the draft has said, or "".

    A sentence whose first clause, or half of whose clauses, were said already is not said at
    all; otherwise only the repeated clauses of a list go ("…，健全长期护理保险制度，…").
    """
    pieces = [p for p in _PIECE.findall(text) if p]
    echoed = []
    for n, piece in enumerate(pieces):
        plain = _NOT_HAN.sub("", piece)
        if len(plain) < ECHO_MIN:
            continue
        if said_already(piece, state) or state.said_rare.already(_rare_words(piece, state)):
            echoed.append(n)
    if not echoed:
        return text
    if echoed[0] == 0 or len(echoed) * 2 >= len(pieces):
        return ""
    kept = [p for n, p in enumerate(pieces) if n not in echoed]
    out = "".join(kept)
    if not out.endswith(("。", "！", "？", "；")):
        out = out.rstrip("，：") + "。"
    return out
