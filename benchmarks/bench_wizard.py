"""How long ``draftkit new`` makes a user wait: cold start, loading, composing, each wizard step.

    /work/venv/bin/python benchmarks/bench_wizard.py [--repeat 7] [--seeds 20]
        [--big-bank DIR] [--big-mb 20] [--cold-only]

Measured in one run:

* cold start against the floor: ``draftkit new --no-input … -o x.docx`` as a fresh process beside
  the floor, a process that imports python-docx and saves one paragraph; on the bundled bank and
  on a bank mined from the example corpus copied to ``--big-mb`` (20 MB, mined once into
  ``--big-bank DIR`` and reused), each with the bank's cache (the usual case: an earlier run
  made it) and with ``DRAFTKIT_CACHE=off`` (every file parsed and the segmenter's full
  dictionary built, as before the caches), and the one run that rebuilds the cache after the bank
  changed; with ``--baseline``, another checkout's draftkit beside it, with its own caches, on
  copies of the banks. Runs are interleaved, medians of ``--repeat``; wall time and CPU time
  (user + system) of the child are both shown, and the load average before and after. Bytecode
  is written and used (``PYTHONDONTWRITEBYTECODE`` is dropped for the children), as in an
  installed package;
* cold CLI: ``draftkit new --no-input --occasion mobilisation --topic 安全生产 -o x.md`` as a
  fresh process (median of ``--repeat``), beside ``python -c pass`` and
  ``python -c "import draftkit.cli.main"`` so the figure splits into interpreter, imports and work;
* loading: ``load_bank()`` + ``load_templates()`` in-process, the first call and the median of
  repeated calls;
* compose: one 3000-character 动员部署会 draft with the bank loaded, median over ``--seeds``
  seeds (the first compose of a process is shown apart: it warms the segmenter and caches);
* the wizard's steps once it has started: what runs between the user's Enter and the next
  prompt — each question's ``default`` and ``choices`` callables, ``compose`` + ``outline`` for
  the outline, the candidate lists of 从库中换一个标题, the suggested file name, and writing the
  .docx and answers file after the last prompt. Each step is timed in a fresh process that
  loads the bank and then walks the steps once, as a session does (median over ``--repeat``
  sessions), and again warm in-process (median of ``--seeds`` calls). The slowest step is
  reported against the 100 ms a prompt may take before it feels slow.

The terminal itself (prompt_toolkit drawing, and its one-second wait for a cursor-position reply
that some terminals never send) is not part of these figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BUDGET_MS = 100.0
OCCASION = "mobilisation"
TOPIC = "安全生产"
SCRIPT = {  # what the benchmark "types" at the text prompts
    "occasion": OCCASION,
    "topic": TOPIC,
    "terms": "",
    "org": "某县应急管理局",
    "speaker": "县长",
}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f}"


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def run_process(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    return run_timed(argv, cwd, env)[0]


def run_timed(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        argv, cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


FLOOR = "import sys, docx; d = docx.Document(); d.add_paragraph('一段'); d.save(sys.argv[1])"


def cold_start(
    banks: dict[str, Path], repeat: int, baseline: Path | None = None
) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of the floor and of ``new`` per bank, cached and uncached.

    Every round runs each case once, so a burst of other work on the machine falls on all of
    them alike; the rebuild case touches the bank's index.yaml first, so its cache is stale.
    """
    command = draftkit_command()
    cached_env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    cached_env.pop("DRAFTKIT_CACHE", None)
    # An installed draftkit has its bytecode compiled; with this set, every cold run would
    # compile draftkit's modules again (about 100 ms) and the floor's would not.
    cached_env.pop("PYTHONDONTWRITEBYTECODE", None)
    off_env = {**cached_env, "DRAFTKIT_CACHE": "off"}
    flags = ["new", "--no-input", "--occasion", OCCASION, "--topic", TOPIC]
    runs: dict[str, list[tuple[float, float]]] = {}
    LOAD["before"] = _load()
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        counter = iter(range(10**6))

        def new(bank: Path, env: dict[str, str], cmd: list[str] = command) -> tuple[float, float]:
            out = f"x{next(counter)}.docx"
            return run_timed([*cmd, *flags, "--bank", str(bank), "-o", out], cwd, env)

        # Another checkout's draftkit (an earlier commit, say), run from its source folder with
        # its caches, on copies of the banks: the two would otherwise replace each other's cache
        # beside a bank at every run.
        old_cmd = [sys.executable, "-m", "draftkit.cli.main"]
        old_env = {**cached_env, "PYTHONPATH": str(baseline)} if baseline else {}
        old_banks = {
            name: Path(
                shutil.copytree(bank, cwd / f"baseline-{n}", ignore=shutil.ignore_patterns(".*"))
            )
            for n, (name, bank) in enumerate(banks.items())
            if baseline
        }

        for bank in banks.values():  # bytecode, page cache and the bank's cache made once
            new(bank, cached_env)
        for bank in old_banks.values():
            new(bank, old_env, old_cmd)
        run_timed([sys.executable, "-c", FLOOR, "warm.docx"], cwd)
        for _ in range(repeat):
            runs.setdefault("floor", []).append(
                run_timed([sys.executable, "-c", FLOOR, f"f{next(counter)}.docx"], cwd)
            )
            for name, bank in banks.items():
                runs.setdefault(f"{name}, cached", []).append(new(bank, cached_env))
                runs.setdefault(f"{name}, no cache", []).append(new(bank, off_env))
                if baseline:
                    found = new(old_banks[name], old_env, old_cmd)
                    runs.setdefault(f"{name}, baseline", []).append(found)
                os.utime(bank / "index.yaml")  # a changed bank: this run rebuilds the caches
                runs.setdefault(f"{name}, rebuilding", []).append(new(bank, cached_env))
    LOAD["after"] = _load()
    return {
        name: (statistics.median(w for w, _ in times), statistics.median(c for _, c in times))
        for name, times in runs.items()
    }


LOAD: dict[str, str] = {"before": "?", "after": "?"}


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def print_cold_start(found: dict[str, tuple[float, float]], sizes: dict[str, str]) -> None:
    floor_wall, floor_cpu = found["floor"]
    print("cold start: `draftkit new --no-input … -o x.docx` against the floor (median)")
    print(f"  load average before {LOAD['before']}, after {LOAD['after']} ({os.cpu_count()} CPUs)")
    print(f"  {'':34} {'wall ms':>8} {'× floor':>8} {'CPU ms':>8} {'× floor':>8}")
    for name, (wall, cpu) in found.items():
        print(
            f"  {name:34} {wall * 1000:8.0f} {wall / floor_wall:8.2f} "
            f"{cpu * 1000:8.0f} {cpu / floor_cpu:8.2f}"
        )
    for name, size in sizes.items():
        print(f"  {name}: {size}")
    print("  floor: a python process that imports python-docx and saves one paragraph")
    print()


def draftkit_command() -> list[str]:
    script = Path(sys.executable).with_name("draftkit")
    if script.exists():
        return [str(script)]
    found = shutil.which("draftkit")
    return [found] if found else [sys.executable, "-m", "draftkit.cli.main"]


# --- a bank mined from a large corpus ----------------------------------------------------------


def big_bank(folder: Path, target_mb: float) -> Path:
    """A bank mined from the example corpus copied to ``target_mb``; reused when ``folder`` has it.

    Mining 20 MB takes minutes, so the bank is kept in ``folder`` for later runs.
    """
    bank = folder / "phrasebank"
    if (bank / "index.yaml").is_file():
        return bank
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_mine import MB, corpus_bytes, write_copies

    import draftkit

    corpus = folder / "corpus"
    one = corpus_bytes(Path(__file__).resolve().parents[1] / "examples" / "corpus")
    copies = max(1, round(target_mb * MB / one))
    write_copies(corpus, 0, copies)
    print(f"mining {corpus_bytes(corpus) / MB:.1f} MB ({copies} copies) into {bank} …", flush=True)
    start = time.perf_counter()
    draftkit.write_mined(draftkit.mine_corpus([corpus], jobs=os.cpu_count() or 1), bank)
    print(f"  mined in {time.perf_counter() - start:.0f} s", flush=True)
    shutil.rmtree(corpus)
    return bank


# --- the session: every step a user waits for, once, in order -------------------------------------


def session_steps(bank: Any, templates: Any, out_dir: Path) -> list[tuple[str, float]]:
    """Walk the wizard's steps once, as ``run_wizard`` does, timing what each one computes."""
    import questionary

    from draftkit.cli.drafts import answers_path
    from draftkit.cli.outline import heading_keys, outline
    from draftkit.cli.wizard import questions, suggest_output
    from draftkit.compose.answers import make_answers, save_answers
    from draftkit.compose.draft import compose
    from draftkit.compose.headings import heading1_options, heading2_candidates
    from draftkit.write.text import write_draft

    steps: list[tuple[str, float]] = []
    answers: dict[str, Any] = {}
    for q in questions(templates, bank):
        start = time.perf_counter()
        default = q.default(answers)
        choices = q.choices(answers) if q.choices else None
        steps.append((f"ask {q.key}", time.perf_counter() - start))
        if q.key in SCRIPT:
            value = SCRIPT[q.key]
        elif choices and q.kind == "select":
            values = [c.value if isinstance(c, questionary.Choice) else c for c in choices]
            value = default if default in values else values[0]
        else:
            value = default
        if value not in ("", None):
            answers[q.key] = value

    start = time.perf_counter()
    final = make_answers(answers)
    draft = compose(final, bank=bank, templates=templates)
    outline(draft)
    steps.append(("outline (compose)", time.perf_counter() - start))

    keys = heading_keys(draft)
    top = next(k for k in keys if "." not in k[0])
    start = time.perf_counter()
    options = heading1_options(bank, top[1], final, templates)
    steps.append(("swap: level-1 list", time.perf_counter() - start))
    sub = next((k for k in keys if "." in k[0]), None)
    if sub:
        start = time.perf_counter()
        heading2_candidates(bank, sub[1], final, templates)
        steps.append(("swap: level-2 list", time.perf_counter() - start))

    if options:
        start = time.perf_counter()
        swapped = final.with_heading(top[0], options[-1])
        draft = compose(swapped, bank=bank, templates=templates)
        outline(draft)
        steps.append(("outline after swap", time.perf_counter() - start))
        final = swapped

    start = time.perf_counter()
    output = out_dir / suggest_output(draft)
    steps.append(("suggest file name", time.perf_counter() - start))

    start = time.perf_counter()
    try:
        from draftkit.write.profiles import load_profile

        write_draft(draft, output, force=True, profile=load_profile(None))
        save_answers(final, answers_path(output))
        steps.append(("write .docx + answers", time.perf_counter() - start))
    except Exception as exc:  # the .docx writer is another module's; report, don't stop
        print(f"  (writing the .docx failed: {exc})", file=sys.stderr)
    return steps


def session_child() -> None:
    """One wizard session in this fresh process; prints JSON to stdout."""
    start = time.perf_counter()
    from draftkit.bank.store import load_bank
    from draftkit.cli.wizard import warm_up
    from draftkit.compose.templates import load_templates

    bank, templates = load_bank(), load_templates()
    load = time.perf_counter() - start
    warm_start = time.perf_counter()
    warm_up(bank, templates)  # what `draftkit new` does before its first prompt
    load += time.perf_counter() - warm_start
    with tempfile.TemporaryDirectory() as tmp:
        steps = session_steps(bank, templates, Path(tmp))
    print(json.dumps({"load": load, "steps": steps}))


# --- the report ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="cold processes per figure")
    parser.add_argument("--seeds", type=int, default=20, help="seeds for compose")
    parser.add_argument(
        "--big-bank",
        type=Path,
        metavar="DIR",
        help="where the bank mined from --big-mb of corpus is kept (made when missing)",
    )
    parser.add_argument("--big-mb", type=float, default=20.0, help="corpus size of the big bank")
    parser.add_argument("--cold-only", action="store_true", help="only the cold-start figures")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="SRC",
        help="also time the draftkit whose source folder (…/src) is SRC, for a before/after",
    )
    parser.add_argument("--session-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.session_child:
        session_child()
        return 0

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    os.environ.update(env)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled once
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; repeat {args.repeat}, "
        f"seeds {args.seeds}\n"
    )

    # 0. cold start against the floor, on the bundled bank and a bank mined from 20 MB
    from draftkit.bank.store import default_bank_dir

    with tempfile.TemporaryDirectory() as scratch:
        big = big_bank(args.big_bank or Path(scratch), args.big_mb)
        banks = {"bundled bank": default_bank_dir(), f"{args.big_mb:g} MB bank": big}
        sizes = {
            name: f"{sum(p.stat().st_size for p in bank.iterdir() if p.is_file()) / 1e6:.1f} MB "
            f"of bank files ({bank})"
            for name, bank in banks.items()
        }
        if args.baseline:
            sizes["baseline"] = f"draftkit from {args.baseline}"
        print_cold_start(cold_start(banks, args.repeat, args.baseline), sizes)
    if args.cold_only:
        return 0

    # 1. cold CLI
    command = draftkit_command()
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        flags = ["new", "--no-input", "--occasion", OCCASION, "--topic", TOPIC]
        run_process([*command, *flags, "-o", "warm.md"], cwd)  # bytecode and page cache
        cold = [run_process([*command, *flags, "-o", f"x{i}.md"], cwd) for i in range(args.repeat)]
        bare = [run_process([sys.executable, "-c", "pass"], cwd) for _ in range(args.repeat)]
        imports = [
            run_process([sys.executable, "-c", "import draftkit.cli.main"], cwd)
            for _ in range(args.repeat)
        ]
    cold_s, bare_s, import_s = (statistics.median(x) for x in (cold, bare, imports))

    # 2. loading, in this process
    from draftkit.bank.store import load_bank
    from draftkit.compose.answers import make_answers
    from draftkit.compose.draft import compose
    from draftkit.compose.templates import load_templates

    start = time.perf_counter()
    bank = load_bank()
    first_bank = time.perf_counter() - start
    start = time.perf_counter()
    templates = load_templates()
    first_templates = time.perf_counter() - start
    bank_s, _ = median_time(load_bank, args.repeat)
    templates_s, _ = median_time(load_templates, args.repeat)

    # 3. compose, 3000 characters
    def answers(seed: int) -> Any:
        return make_answers({**SCRIPT, "length": 3000, "seed": seed, "date": dt.date.today()})

    start = time.perf_counter()
    compose(answers(1000), bank=bank, templates=templates)
    first_compose = time.perf_counter() - start
    times, lengths, failures = [], [], 0
    for seed in range(1, args.seeds + 1):
        start = time.perf_counter()
        try:
            draft = compose(answers(seed), bank=bank, templates=templates)
        except Exception:  # a seed the bank cannot fill to length still cost its time
            failures += 1
        else:
            lengths.append(draft.body_length)
        times.append(time.perf_counter() - start)
    compose_s = statistics.median(times)

    # 4. the wizard's steps: fresh sessions, then warm in-process
    sessions = []
    for _ in range(args.repeat):
        result = subprocess.run(
            [sys.executable, __file__, "--session-child"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
        )
        if result.returncode != 0:
            raise SystemExit(f"session child failed:\n{result.stderr}")
        sessions.append(json.loads(result.stdout.strip().splitlines()[-1]))
    names = [name for name, _ in sessions[0]["steps"]]
    first = {n: statistics.median(dict(s["steps"])[n] for s in sessions) for n in names}
    warm_runs: dict[str, list[float]] = {n: [] for n in names}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.seeds):
            for name, seconds in session_steps(bank, templates, Path(tmp)):
                warm_runs.setdefault(name, []).append(seconds)
    warm = {n: statistics.median(v) for n, v in warm_runs.items() if v}

    # --- print
    print("cold start (fresh process, median)                    ms")
    print(f"  python -c pass                               {ms(bare_s)}")
    print(f"  python -c 'import draftkit.cli.main'              {ms(import_s)}")
    print(
        f"  draftkit new --no-input … -o x.md            {ms(cold_s)}"
        f"   (min {min(cold) * 1000:.0f}, max {max(cold) * 1000:.0f})"
    )
    print(f"    of which interpreter                       {ms(bare_s)}  {bare_s / cold_s:6.0%}")
    print(
        f"    of which imports                           {ms(import_s - bare_s)}  "
        f"{(import_s - bare_s) / cold_s:6.0%}"
    )
    print(
        f"    of which load + compose + write            {ms(cold_s - import_s)}  "
        f"{(cold_s - import_s) / cold_s:6.0%}"
    )
    print()
    print("loading, in-process                      first call   median")
    print(f"  load_bank()  ({len(bank.entries)} entries)        {ms(first_bank)} {ms(bank_s)}")
    print(
        f"  load_templates()  ({len(templates)} occasions)     {ms(first_templates)} "
        f"{ms(templates_s)}"
    )
    print(
        f"  bank + templates                        {ms(first_bank + first_templates)} "
        f"{ms(bank_s + templates_s)}"
    )
    print()
    mean_len = statistics.mean(lengths) if lengths else 0
    print(f"compose, 3000-character {OCCASION} draft, bank loaded")
    print(f"  first compose in the process            {ms(first_compose)}")
    print(
        f"  median over {args.seeds} seeds                  {ms(compose_s)}"
        f"   (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}; "
        f"mean length {mean_len:.0f} chars; {failures} seeds failed)"
    )
    print(f"  compose / (bank + templates load)       {compose_s / (bank_s + templates_s):9.2f}×")
    print(f"  compose / cold CLI                      {compose_s / cold_s:9.2%}")
    print()
    print(f"wizard steps once started (budget {BUDGET_MS:.0f} ms)")
    print(f"  {'step':<28} {'first, ms':>10} {'warm, ms':>10}  under budget")
    for name in names:
        f, w = first[name] * 1000, warm.get(name, float("nan")) * 1000
        print(f"  {name:<28} {f:10.1f} {w:10.1f}  {'yes' if f < BUDGET_MS else 'NO'}")
    slowest = max(names, key=lambda n: first[n])
    slowest_prompt = max(
        (n for n in names if n.startswith(("ask", "outline", "swap"))), key=lambda n: first[n]
    )
    print()
    print(
        f"  slowest step: {slowest} — {first[slowest] * 1000:.1f} ms first time, "
        f"{warm.get(slowest, 0) * 1000:.1f} ms warm: "
        f"{'under' if first[slowest] * 1000 < BUDGET_MS else 'OVER'} {BUDGET_MS:.0f} ms"
    )
    if slowest_prompt != slowest:
        print(
            f"  slowest step before a prompt: {slowest_prompt} — "
            f"{first[slowest_prompt] * 1000:.1f} ms: "
            f"{'under' if first[slowest_prompt] * 1000 < BUDGET_MS else 'OVER'} "
            f"{BUDGET_MS:.0f} ms"
        )
    load_first = statistics.median(s["load"] for s in sessions)
    print(
        f"  before the first prompt: bank + templates {load_first * 1000:.0f} ms "
        f"(fresh process, median)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
