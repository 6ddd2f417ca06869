"""Topic profiles over the real corpus bank, and `draftkit bank topic` as a user runs it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from draftkit.bank.profile import load_index, rank_points, topic_profile

# What a 文秘 expects to find with each subject; the profile must learn it from the reports.
EXPECTED = {
    "安全生产": {
        "隐患",
        "排查",
        "危化品",
        "危险化学品",
        "重大事故",
        "特大事故",
        "治本",
        "攻坚",
        "应急",
    },
    "招商引资": {"项目", "产业链", "签约", "落地", "投资", "引进"},
}


@pytest.fixture(scope="module")
def index(corpus_bank):
    target, _ = corpus_bank
    found = load_index(target)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def points(corpus_bank):
    _, result = corpus_bank
    return {e.id: e for e in result.bank.entries if e.kind == "point"}


@pytest.mark.parametrize("topic", sorted(EXPECTED))
def test_a_topic_profile_holds_the_subjects_substance_words(index, topic):
    profile = topic_profile(index, topic)
    top = [w for w, _ in profile.words[:20]]
    assert len(EXPECTED[topic] & set(top)) >= 3, top
    assert len(profile.core) >= 10


@pytest.mark.parametrize("topic", sorted(EXPECTED))
def test_the_best_points_for_a_topic_are_about_it(index, points, topic):
    profile = topic_profile(index, topic)
    best = [points[i] for _, i in rank_points(index, profile)[:10]]
    about = [
        p
        for p in best
        if topic in p.text + "".join(p.body)
        or len(EXPECTED[topic] & set(re.findall("|".join(EXPECTED[topic]), "".join(p.body)))) >= 2
    ]
    assert len(about) >= 8, [p.text for p in best]


def test_common_official_wording_carries_no_weight(index):
    for topic in EXPECTED:
        words = dict(topic_profile(index, topic).words)
        for everyday in ("加强", "推进", "工作", "发展", "建设"):
            assert everyday not in words, (topic, everyday)


def test_a_topic_the_bank_never_names_whole_still_finds_its_points(index, points):
    topic = "危化品安全整治"
    profile = topic_profile(index, topic)
    best = [points[i] for _, i in rank_points(index, profile)[:5]]
    assert best
    assert all(re.search("危险化学品|危化品|安全", p.text + "".join(p.body)) for p in best)


def test_the_topic_command_shows_profile_points_sources_and_years(corpus_bank):
    target, _ = corpus_bank
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "draftkit.cli.main",
            "bank",
            "topic",
            "招商引资",
            "--bank",
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "主题：招商引资" in out and "常与之同现的词：" in out and "最贴近的要点：" in out
    sources = re.findall(r"来源：.+（(.+?\.txt)，第 \d+ 段），(\d{4})年", out)
    assert len(sources) >= 5, out
    assert all(year >= "2013" for _, year in sources)
    assert "{{" not in out and "fill(" not in out
    assert not re.search(r"[A-Za-z]{4,}", out.replace(".txt", ""))
