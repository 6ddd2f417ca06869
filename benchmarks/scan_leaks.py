"""Which specifics of one source may still be in a bank's reusable text: candidates to read.

    /work/venv/bin/python benchmarks/scan_leaks.py [--bank DIR] [--corpus DIR] [--top 60]

Reads every reusable text of the bank (points' leads and bodies, phrases not marked specific)
and lists, each with its count and one example:

* rare names: words the segmenter tags as a name or an abbreviation (ns, nz, nt, nr, j, s) that
  only one file of the corpus uses: a county, a port, an enterprise, a festival (义乌, 泰达);
* quoted coinages still in the text that fewer than ``schemes.shared_by`` speeches of the corpus
  quote (data/local_terms.yaml): a province's own scheme, or a national one to list there;
* level claims: X强省/强市/强区 and 全乡/我镇 left as the source wrote them;

and the fill-in fields of the bank by label, so a change to the rules shows in the totals.
Nothing here decides: a maintainer reads the candidates and puts what is one region's in
data/places.yaml or data/local_terms.yaml, then mines again.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from draftkit.bank.facts import QUOTED
from draftkit.bank.local_terms import load_local_terms
from draftkit.bank.store import load_bank
from draftkit.reading.segment import tagged

ROOT = Path(__file__).resolve().parents[1]
_NAME_TAGS = frozenset(("ns", "nz", "nt", "nr", "nrt", "nrfg", "j", "s"))
_FIELD = re.compile(r"\{\{.*?\}\}")
_LABEL = re.compile(r"fill\('([^']+)'\)")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
_CLAIM = re.compile(
    r"[\u4e00-\u9fff]{2}强[省市区州](?![场域间会])|(?<![健])全[乡镇](?![村])|我[乡镇]"
)


def reusable_texts(bank_dir: Path | None) -> list[tuple[str, str]]:
    """(source file, text) for every reusable text of the bank."""
    bank = load_bank(bank_dir) if bank_dir else load_bank()
    return [
        (entry.origins[0].file if entry.origins else "", said)
        for entry in bank.entries
        if not entry.specific
        for said in (entry.text, *entry.body)
    ]


def corpus_spread(corpus: Path) -> tuple[Counter[str], Counter[str]]:
    """How many corpus files use each word, and quote each coinage."""
    words: Counter[str] = Counter()
    quotes: Counter[str] = Counter()
    for path in sorted(corpus.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        words.update({w for w, _ in tagged(text)})
        quotes.update(set(QUOTED.findall(text)))
    return words, quotes


def show(title: str, found: Counter[str], examples: dict[str, str], top: int) -> None:
    print(f"\n## {title}: {len(found)}")
    for word, n in found.most_common(top):
        print(f"{n:4}  {word}  {examples[word][:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, help="a bank folder (default: the bundled bank)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    parser.add_argument("--top", type=int, default=60, help="candidates shown per list")
    args = parser.parse_args()

    texts = reusable_texts(args.bank)
    word_files, quote_files = corpus_spread(args.corpus)
    shared_by = load_local_terms().shared_by
    names: Counter[str] = Counter()
    quoted: Counter[str] = Counter()
    claims: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for file, said in texts:
        labels.update(_LABEL.findall(said))
        plain = _FIELD.sub("|", said)
        example = f"{file[:14]}  {said}"
        for word, tag in tagged(plain):
            if tag in _NAME_TAGS and _HAN_WORD.fullmatch(word) and word_files[word] == 1:
                names[word] += 1
                examples.setdefault(word, example)
        for quote in QUOTED.findall(plain):
            if quote_files[quote] < shared_by:
                quoted[f"“{quote}”"] += 1
                examples.setdefault(f"“{quote}”", example)
        for claim in _CLAIM.findall(plain):
            claims[claim] += 1
            examples.setdefault(claim, example)

    print(f"# {len(texts)} reusable texts")
    show("rare names", names, examples, args.top)
    show(f"quoted by fewer than {shared_by} speeches", quoted, examples, args.top)
    show("level claims", claims, examples, args.top)
    print("\n## fill-in fields by label")
    for label, n in labels.most_common():
        print(f"{n:6}  {label}")


if __name__ == "__main__":
    main()
