"""draftkit's .docx writer against pandoc on the same ~3000-character speech.

Run from the repository root:

    python benchmarks/bench_docx.py [--repeat 5] [--keep DIR]

The draft comes from ``draftkit.compose.draft`` with the bundled bank and templates; if composing
fails (for example while those are being edited) a built-in Markdown text stands in. The same
draft is written by ``write_docx`` and, as Markdown with a YAML title block, by
``pandoc draft.md -o draft.docx``. Both files go through ``draftkit.review.docx_rules.check_docx``,
the FORMAT.md rule checker the tests use; the script prints the median wall time of each, the
ratio, and the rules each output meets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from draftkit.models import Block, Draft, Span, count_hanzi
from draftkit.review.docx_rules import check_docx, rules_met
from draftkit.write.docx import write_docx

# Stand-in text, written for this benchmark. Front matter, then one block per line:
# "# " level-1 heading, "## " level-2 heading, 【待填：…】 fill-in fields.
BUILTIN = """\
title: 在全市优化营商环境工作推进会上的讲话
subtitle: ——在全市优化营商环境工作推进会上的讲话
byline: 王五（2026年11月22日）
---
同志们：
今天，我们召开全市优化营商环境工作推进会，主要任务是总结前一阶段工作，分析当前形势，部署下一步重点任务。刚才，【待填：发言单位】作了交流发言，讲得都很好，请大家认真学习借鉴。
下面，我讲三点意见。
# 一、正视差距，切实增强优化营商环境的紧迫感
## （一）成绩来之不易。
过去一年，全市上下围绕“放管服”改革这条主线，推出了一批务实管用的举措。企业开办时间压缩到【待填：天数】个工作日以内，政务服务事项网上可办率明显提升，市场主体总量稳步增长。这些成绩的取得，是各级各部门共同努力的结果，也是广大企业和群众支持配合的结果。
## （二）问题不容忽视。
在看到成绩的同时，我们也要清醒认识到，营商环境只有更好，没有最好。一些部门服务意识不强，办事环节多、材料多、时间长的问题仍然存在；有的政策落实打折扣，企业获得感不强；个别干部不作为、慢作为，群众意见较大。对这些问题，我们必须高度重视，坚决加以解决。
## （三）形势逼人、不进则退。
当前，各地都在比环境、比服务、比效率，区域竞争日趋激烈。营商环境就是生产力，就是竞争力。谁的环境好，谁就能吸引更多的项目、资金和人才。我们要有等不起的紧迫感、慢不得的危机感、坐不住的责任感，以更大的决心和力度推动营商环境持续优化。
# 二、突出重点，全力打造一流营商环境
## （一）持续深化审批制度改革。
要进一步精简审批事项，能取消的坚决取消，能下放的坚决下放，能合并的坚决合并。全面推行告知承诺制，让企业少跑腿、好办事。要加快推进“一网通办”，实现更多事项全程网上办理、一次办成。
## （二）着力提升政务服务效能。
各级政务服务中心要全面推行首问负责、一次告知、限时办结等制度，做到窗口受理、后台审批、限时办结。要建立健全“好差评”制度，让企业和群众评判服务绩效，以评促改、以评促优。
## （三）切实维护公平竞争秩序。
要依法平等保护各类市场主体的合法权益，坚决纠正滥用行政权力排除、限制竞争的行为。要加强和规范事中事后监管，推行“双随机、一公开”监管，做到对守法者无事不扰、对违法者利剑高悬。
## （四）用心用情服务企业发展。
要建立领导干部联系重点企业制度，定期走访企业，帮助解决融资、用工、用地等实际困难。对企业反映的问题，要建立台账，明确责任，限期办结，件件有回音、事事有着落。
# 三、强化保障，确保各项任务落地见效
## （一）加强组织领导。
各级党委、政府要把优化营商环境作为“一把手”工程，主要负责同志要亲自研究、亲自部署、亲自督办。各牵头部门要履职尽责，配合部门要主动作为，形成上下联动、齐抓共管的工作格局。
## （二）严格督查考核。
要把优化营商环境工作纳入年度综合考核，加大考核权重。市委督查室、市政府督查室要会同有关部门开展专项督查，对工作推进不力的，要通报批评、约谈提醒；对损害营商环境的人和事，要发现一起、查处一起、曝光一起。
## （三）营造良好氛围。
要充分利用各类媒体，广泛宣传优化营商环境的政策措施和典型经验，及时回应社会关切，形成人人都是营商环境、事事关系营商环境的浓厚氛围。
同志们，优化营商环境是一项长期任务。让我们以更加务实的作风、更加有力的举措，推动全市营商环境不断迈上新台阶，为经济社会高质量发展作出新的更大贡献！
谢谢大家！
"""

FILL_IN = re.compile(r"(【待填：[^】]*】)")


def builtin_draft() -> Draft:
    head, body = BUILTIN.split("---\n", 1)
    meta = yaml.safe_load(head)
    lines = [line for line in body.splitlines() if line.strip()]
    blocks = []
    for index, line in enumerate(lines):
        if line.startswith("## "):
            kind, text = "heading2", line[3:]
        elif line.startswith("# "):
            kind, text = "heading1", line[2:]
        elif index == 0:
            kind, text = "salutation", line
        elif index == len(lines) - 1:
            kind, text = "closing", line
        else:
            kind, text = "paragraph", line
        spans = tuple(Span(p, fill_in=bool(FILL_IN.fullmatch(p))) for p in FILL_IN.split(text) if p)
        blocks.append(Block(kind, spans))
    return Draft(
        title=meta["title"],
        subtitle=meta["subtitle"],
        byline=meta["byline"],
        date=dt.date(2026, 11, 22),
        author="王五",
        blocks=tuple(blocks),
    )


def composed_draft() -> Draft:
    from draftkit.bank.store import load_bank
    from draftkit.compose.answers import make_answers
    from draftkit.compose.draft import compose
    from draftkit.compose.templates import load_templates

    answers = make_answers(
        {
            "occasion": "work-meeting",
            "topic": "优化营商环境",
            "org": "某市人民政府",
            "speaker": "王五",
            "date": "2026-11-22",
            "length": 3000,
            "seed": 7,
        }
    )
    return compose(answers, bank=load_bank(), templates=load_templates())


def draft_markdown(draft: Draft) -> str:
    """The draft as pandoc Markdown: a YAML title block, # and ## headings, plain paragraphs."""
    meta = {"title": draft.title, "author": draft.byline}
    if draft.subtitle:
        meta["subtitle"] = draft.subtitle
    parts = ["---", yaml.safe_dump(meta, allow_unicode=True).strip(), "---", ""]
    for block in draft.blocks:
        prefix = {"heading1": "# ", "heading2": "## "}.get(block.kind, "")
        parts += [prefix + block.text, ""]
    return "\n".join(parts)


def timed(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the two .docx files in this folder")
    parser.add_argument(
        "--builtin", action="store_true", help="skip compose, use the built-in text"
    )
    args = parser.parse_args(argv)
    if shutil.which("pandoc") is None:
        print("pandoc is not installed (apt-get install pandoc)", file=sys.stderr)
        return 2

    source = "built-in text"
    draft = builtin_draft()
    if not args.builtin:
        try:
            draft, source = composed_draft(), "draftkit.compose.draft (work-meeting, seed 7)"
        except Exception as exc:  # noqa: BLE001 - any failure falls back to the stand-in
            print(f"compose failed ({exc}); using the built-in text", file=sys.stderr)

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        ours, theirs, markdown = (folder / n for n in ("draftkit.docx", "pandoc.docx", "draft.md"))
        markdown.write_text(draft_markdown(draft), encoding="utf-8")
        ours_time = timed(lambda: write_docx(draft, ours, force=True), args.repeat)
        command = ["pandoc", str(markdown), "-o", str(theirs)]
        pandoc_time = timed(lambda: subprocess.run(command, check=True), args.repeat)
        results = {"draftkit": check_docx(ours), "pandoc": check_docx(theirs)}

    print(
        f"draft: {source}; {count_hanzi(draft.title)} + {draft.body_length} characters, "
        f"{len(draft.blocks)} blocks; median of {args.repeat} runs"
    )
    print(f"  draftkit write_docx  {ours_time * 1000:8.1f} ms")
    print(f"  pandoc md -> docx    {pandoc_time * 1000:8.1f} ms")
    print(f"  ratio draftkit/pandoc {ours_time / pandoc_time:.2f}")
    width = max(len(r.rule) for r in results["draftkit"])
    print(f"\n  {'FORMAT.md rule':<{width}}  draftkit  pandoc")
    mark = {True: "yes", False: "no", None: "n/a"}
    for mine, other in zip(results["draftkit"], results["pandoc"], strict=True):
        print(f"  {mine.rule:<{width}}  {mark[mine.passed]:>8}  {mark[other.passed]:>6}")
    for name, found in results.items():
        passed, applied = rules_met(found)
        print(f"  {name}: {passed}/{applied} rules met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
