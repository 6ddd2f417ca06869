from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import draftkit

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SEEDS = CORPUS / "seeds"
REPORTS = CORPUS / "reports"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_speeches():
    speeches, skipped, files = draftkit.understand_corpus([SEEDS])
    return speeches


@pytest.fixture(scope="session")
def seed_bank(tmp_path_factory):
    result = draftkit.mine_corpus([SEEDS])
    target = tmp_path_factory.mktemp("bank") / "phrasebank"
    draftkit.write_mined(result, target)
    return target, result


@pytest.fixture(scope="session")
def corpus_bank(tmp_path_factory):
    """The bank of all of ``examples/corpus/`` (seeds and reports), as the bundled one is mined."""
    result = draftkit.mine_corpus([CORPUS])
    target = tmp_path_factory.mktemp("corpus-bank") / "phrasebank"
    draftkit.write_mined(result, target)
    return target, result


@pytest.fixture(scope="session")
def labels():
    return yaml.safe_load((DATA / "labels.yaml").read_text(encoding="utf-8"))["speeches"]


@pytest.fixture(scope="session")
def source_names():
    raw = yaml.safe_load((DATA / "source_names.yaml").read_text(encoding="utf-8"))
    return sorted({n for key in ("places", "people") for n in raw.get(key) or []})


@pytest.fixture
def cli():
    """Run the real ``draftkit`` command in a child process: ``cli(*args, cwd=…, env=…)``."""

    def run(*args: str, cwd: Path, env: dict[str, str] | None = None):
        return subprocess.run(
            [sys.executable, "-m", "draftkit.cli.main", *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            timeout=300,
        )

    return run
