"""How good are the drafts: the figures a 文秘 would look at, per occasion, before a human reads.

    /work/venv/bin/python benchmarks/bench_quality.py [--topics 招商引资,耕地保护 …] [--json]

Builds drafts through the public API (``make_answers`` → ``compose_draft``, the bundled bank and
templates) for every topic on every occasion at 3,000 and 5,000 characters (and work meetings at
8,000), all dated 2026-12-01 (a year-end meeting), and reports side by side, per occasion and
overall, with the target beside each figure:

* sub-sections on their point: the share of （一） sub-sections whose body (to the next heading)
  mentions one of its heading's content words, the topic itself masked so that a topic noun
  dropped into both does not count (``review.coherence.heading_words`` and ``touches``; a
  sub-section with no body fails; one whose heading is only the topic is not judged);
* near-duplicate pairs per draft: sentence pairs whose character-bigram likeness reaches
  ``review.coherence.NEAR_DUPLICATE`` (word-for-word repeats included);
* recurring sentences: the share of body sentences that, with the topic masked, occur in drafts
  on three or more different topics — the generic boilerplate with the topic noun dropped in;
* topic-profile words: distinct words of the topic's profile (``bank.profile.topic_profile``,
  top 30) found in the draft;
* mined share: the share of body sentences that come from mined entries, not from the base
  wording (provenance source ``draftkit``; a sentence without provenance counts as base);
* dated wording: hits of ``compose.dated`` for the draft's year;
* the coherence findings of ``draftkit check`` per draft: back-references with nothing before
  them, review and plan years that do not fit the date, instructions that do not suit the
  audience;
* length reached: drafts whose body comes within 10% of the length asked (a compose that raises
  ``AnswersError`` is not reached).

The body is the paragraphs between the first level-1 heading and the closing. Audiences rotate
through each template's list by topic, so symposia speak to entrepreneurs and experts too. Every
draft uses the same seed (``--seed``), as a user keeping the default would: a composer that
chooses by topic gives different sentences on different topics, one that chooses by role alone
gives the same ones. Composing the 132 drafts of the default topics takes about five minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import draftkit
from draftkit.bank.overlap import normalise
from draftkit.bank.profile import load_index, topic_parts, topic_profile
from draftkit.bank.store import CORE_SOURCE
from draftkit.compose.dated import load_dated
from draftkit.errors import AnswersError
from draftkit.models import Draft
from draftkit.reading.segment import sentences
from draftkit.review.check import body_start
from draftkit.review.coherence import (
    audience_bodies,
    back_references,
    heading_words,
    period_years,
    similar_pairs,
    touches,
)

# Mostly subjects the bundled corpus has no speech on (its speeches are on 作风, 政风行风 and
# 政务; the government reports touch many subjects in passing).
TOPICS = (
    "招商引资",
    "耕地保护",
    "校园安全",
    "老旧小区改造",
    "防汛抗旱",
    "食品安全",
    "数字政府",
    "信访工作",
    "森林防火",
    "就业创业",
    "营商环境",
    "养老服务",
)
OCCASIONS = ("mobilisation", "work-meeting", "commendation", "symposium", "training")
LENGTHS = (3000, 5000)
LONG = {"work-meeting": 8000}  # occasions asked for a longer draft too (length reached only)
DATE = dt.date(2026, 12, 1)
RECUR_TOPICS = 3
TOLERANCE = 0.10

# metric → (label, target, format); the order of the table's rows
ROWS = {
    "on_point": ("sub-sections on their point", "≥ 80%", "{:.0%}"),
    "near_pairs": ("near-duplicate pairs per draft", "≤ 0.5", "{:.2f}"),
    "recurring": ("body sentences recurring on ≥ 3 topics", "≤ 20%", "{:.0%}"),
    "profile_words": ("topic-profile words per draft", "≥ 5", "{:.1f}"),
    "mined": ("body sentences from mined entries", "≥ 70%", "{:.0%}"),
    "dated": ("dated-wording hits per draft", "0", "{:.2f}"),
    "dangling": ("back-references with nothing before, per draft", "0", "{:.2f}"),
    "period": ("review/plan years off the date, per draft", "0", "{:.2f}"),
    "audience": ("instructions unsuited to the audience, per draft", "0", "{:.2f}"),
    "reached_3000": ("length reached at 3,000", "all", "{}"),
    "reached_5000": ("length reached at 5,000", "all", "{}"),
    "reached_8000": ("length reached at 8,000 (work-meeting)", "all", "{}"),
}


@dataclass
class Measured:
    """One draft's figures (or only whether its length was reached, when compose refused)."""

    occasion: str
    topic: str
    length: int
    reached: bool
    body_length: int = 0
    error: str = ""
    subsections: int = 0  # judged
    on_point: int = 0
    near_pairs: int = 0
    body_sentences: list[str] = field(default_factory=list)
    profile_words: int = 0
    mined: int = 0
    dated: int = 0
    dangling: int = 0
    period: int = 0
    audience: int = 0
    seconds: float = 0.0


# --- one draft ----------------------------------------------------------------------------------


def make(
    bank: Any, templates: Any, occasion: str, topic: str, n: int, length: int, seed: int
) -> Draft:
    """The draft for the ``n``-th topic: its audience rotates through the template's list."""
    audiences = templates[occasion].audiences
    answers = draftkit.make_answers(
        {
            "occasion": occasion,
            "topic": topic,
            "audience": audiences[n % len(audiences)],
            "org": "某县人民政府",
            "speaker": "县长",
            "date": DATE.isoformat(),
            "length": length,
            "seed": seed,
        }
    )
    return draftkit.compose_draft(answers, bank=bank, templates=templates)


def paragraphs_of(draft: Draft) -> list[str]:
    """The draft as ``draftkit check`` reads it: title, byline, then one line per block."""
    return [draft.title, draft.byline, *(b.text for b in draft.blocks)]


def body_blocks(draft: Draft) -> list[Any]:
    """Paragraph blocks from the first level-1 heading to the closing."""
    out, inside = [], False
    for block in draft.blocks:
        if block.kind == "heading1":
            inside = True
        elif block.kind == "closing":
            break
        elif inside and block.kind == "paragraph":
            out.append(block)
    return out


def mask(text: str, topic: str) -> str:
    """The sentence as compared across topics: the topic itself masked, punctuation left out."""
    return normalise(text.replace(topic, "※"))


def sub_sections(draft: Draft, topic: str) -> tuple[int, int]:
    """(judged, on point): sub-sections whose body mentions their heading, the topic masked."""
    blocks = list(draft.blocks)
    masked = set(topic_parts(topic))
    judged = on_point = 0
    for k, block in enumerate(blocks):
        if block.kind != "heading2":
            continue
        title = re.sub(r"^（[一二三四五六七八九十]+）", "", block.text)
        for part in sorted(masked, key=len, reverse=True):
            title = title.replace(part, " ")
        content = [w for w in heading_words(title) if w not in masked]
        if not content:
            continue
        body = []
        for below in blocks[k + 1 :]:
            if below.kind in ("heading1", "heading2", "closing"):
                break
            body.append(below.text)
        text = "".join(body)
        judged += 1
        on_point += bool(text) and any(touches(w, text) for w in content)
    return judged, on_point


def measure(
    bank: Any, templates: Any, index: Any, occasion: str, topic: str, n: int, length: int, seed: int
) -> Measured:
    started = time.perf_counter()
    try:
        draft = make(bank, templates, occasion, topic, n, length, seed)
    except AnswersError as exc:
        return Measured(occasion, topic, length, False, error=exc.message)
    seconds = time.perf_counter() - started
    reached = abs(draft.body_length - length) <= TOLERANCE * length
    result = Measured(occasion, topic, length, reached, draft.body_length, seconds=seconds)
    result.subsections, result.on_point = sub_sections(draft, topic)
    every = [
        s for b in draft.blocks if b.kind in ("paragraph", "closing") for s in sentences(b.text)
    ]
    result.near_pairs = len(similar_pairs(every))
    body = body_blocks(draft)
    result.body_sentences = [s for b in body for s in sentences(b.text)]
    mined = sum(1 for b in body for p in b.provenance if p.source != CORE_SOURCE)
    result.mined = min(mined, len(result.body_sentences))
    lines = paragraphs_of(draft)
    text = "\n".join(b.text for b in draft.blocks)
    if index is not None:
        profile = topic_profile(index, topic)
        result.profile_words = sum(1 for word, _ in profile.words if word in text)
    result.dated = len(load_dated().findings("\n".join(lines), draft.date.year))
    start = body_start(lines)
    audience = str(draft.answers.get("audience") or "") or None
    result.dangling = len(list(back_references(lines, start)))
    result.period = len(list(period_years(lines, draft.date, start)))
    result.audience = len(list(audience_bodies(lines, start, audience=audience)))
    return result


# --- the summary --------------------------------------------------------------------------------


def recurring(drafts: list[Measured]) -> dict[tuple[str, str, int], int]:
    """Per draft, how many of its body sentences occur (topic masked) on ≥ 3 topics."""
    topics: defaultdict[str, set[str]] = defaultdict(set)
    for d in drafts:
        for s in d.body_sentences:
            topics[mask(s, d.topic)].add(d.topic)
    return {
        (d.occasion, d.topic, d.length): sum(
            1 for s in d.body_sentences if len(topics[mask(s, d.topic)]) >= RECUR_TOPICS
        )
        for d in drafts
    }


def summarise(drafts: list[Measured], recur: dict[tuple[str, str, int], int]) -> dict[str, Any]:
    """The figures of a group of drafts, as the table shows them."""
    made = [d for d in drafts if not d.error and d.length in LENGTHS]
    sentences_ = sum(len(d.body_sentences) for d in made)

    def mean(attr: str) -> float:
        return statistics.fmean(getattr(d, attr) for d in made) if made else 0.0

    def share(numerator: int, denominator: int) -> float:
        return numerator / denominator if denominator else 0.0

    def reached(length: int) -> str:
        asked = [d for d in drafts if d.length == length]
        return f"{sum(d.reached for d in asked)}/{len(asked)}" if asked else "–"

    return {
        "drafts": len(made),
        "on_point": share(sum(d.on_point for d in made), sum(d.subsections for d in made)),
        "subsections": sum(d.subsections for d in made),
        "near_pairs": mean("near_pairs"),
        "recurring": share(sum(recur[(d.occasion, d.topic, d.length)] for d in made), sentences_),
        "profile_words": mean("profile_words"),
        "mined": share(sum(d.mined for d in made), sentences_),
        "dated": mean("dated"),
        "dangling": mean("dangling"),
        "period": mean("period"),
        "audience": mean("audience"),
        "reached_5000": reached(5000),
        "reached_8000": reached(8000),
        "reached_3000": reached(3000),
    }


def table(columns: dict[str, dict[str, Any]], title: str) -> str:
    names = list(columns)
    lines = [
        f"**{title}**",
        "",
        "| | target | " + " | ".join(names) + " |",
        "|---|---|" + "---|" * len(names),
    ]
    for key, (label, target, fmt) in ROWS.items():
        cells = [fmt.format(columns[n][key]) for n in names]
        if all(c == "–" for c in cells):
            continue
        lines.append(f"| {label} | {target} | " + " | ".join(cells) + " |")
    judged = [str(columns[n]["subsections"]) for n in names]
    lines.append("| sub-sections judged | | " + " | ".join(judged) + " |")
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--topics", help="comma-separated topics (default: the twelve in the script)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    args = parser.parse_args()
    topics = (
        [t.strip() for t in args.topics.split(",") if t.strip()] if args.topics else list(TOPICS)
    )

    started = time.perf_counter()
    bank = draftkit.load_bank()
    templates = draftkit.load_templates()
    index = load_index(bank.path)
    loaded = time.perf_counter() - started

    drafts: list[Measured] = []
    for occasion in OCCASIONS:
        lengths = [*LENGTHS, *([LONG[occasion]] if occasion in LONG else [])]
        for n, topic in enumerate(topics):
            for length in lengths:
                drafts.append(
                    measure(bank, templates, index, occasion, topic, n, length, args.seed)
                )
                print(".", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    recur = recurring([d for d in drafts if d.length in LENGTHS])

    by_occasion = {o: summarise([d for d in drafts if d.occasion == o], recur) for o in OCCASIONS}
    by_occasion["overall"] = summarise(drafts, recur)
    by_length = {f"{n:,}": summarise([d for d in drafts if d.length == n], recur) for n in LENGTHS}
    seconds = [d.seconds for d in drafts if not d.error]
    # how many of the bank's points name each topic: a topic with none is one the corpus does not
    # mention, and its profile-word target does not apply
    named = {t: len(topic_profile(index, t).core) if index else 0 for t in topics}

    if args.json:
        report = {
            "date": DATE.isoformat(),
            "topics": topics,
            "seed": args.seed,
            "points_naming_topic": named,
            "by_occasion": by_occasion,
            "by_length": by_length,
            "drafts": [
                {k: v for k, v in asdict(d).items() if k != "body_sentences"}
                | {"body_sentences": len(d.body_sentences)}
                for d in drafts
            ],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{len(drafts)} drafts on {len(topics)} topics ({', '.join(topics)}), dated "
        f"{DATE.isoformat()}, seed {args.seed}; bank loaded in {loaded:.1f} s, median compose "
        f"{statistics.median(seconds) if seconds else 0:.2f} s\n"
    )
    print(
        "Bank points naming each topic: " + ", ".join(f"{t} {n}" for t, n in named.items()) + "\n"
    )
    print(table(by_occasion, "By occasion (3,000 and 5,000 characters together)"))
    print()
    print(table(by_length, "By length (all occasions)"))
    refused = [d for d in drafts if d.error]
    if refused:
        print("\nNot composed:")
        for d in refused:
            print(f"- {d.occasion} {d.topic} {d.length}: {d.error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
