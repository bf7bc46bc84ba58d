#!/usr/bin/env python3
"""alongside beside two existing tools on the same small jobs.

Jobs, each run several times: the median wall time (with hyperfine when it
is installed, else timed here), the CPU time (user plus system) and peak
memory (`/usr/bin/time`):

1. check an application's word limits: three questions, three answers, the
   same limits for every tool;
2. render a Markdown draft from the stored answers;
3. alongside only: `match` one group against 10,000 funder profiles, beside
   `cat` of the same files (the floor for reading them at all);
4. alongside only: time from launch to the first screen of the full-screen
   program, on a fresh 80x24 pseudo-terminal (until the frame's title and
   footer have been written), and in tmux beside the same measurement for
   a program that prints one line (tmux's own overhead).

The peers:

- GrantKit (`pip install grantkit`, Python 3.12 or newer; it also needs
  `pip install "bibtexparser<2"`): `grantkit check DIR` and
  `grantkit build DIR --format md`, with the three questions as sections
  of grant.yaml with `word_limit`s and the answers in responses/*.md.
- copier (`pip install copier`): a template whose copier.yml asks the three
  questions with a validator for each word limit; `copier copy --pretend`
  checks the answers (copier has no separate check: validating the answers
  without writing anything is the closest it has), and `copier copy` renders
  draft.md from a Jinja template.

Usage (from the repository root, after `cargo build --release`):

    python3 bench/compare.py [--runs 20] [--json results.json] [--peers-only]

(`--peers-only` runs only jobs 1 and 2.)

Tools that are not installed are skipped with a note. Nothing outside a
temporary folder is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALONGSIDE = Path(os.environ.get("ALONGSIDE_BIN", ROOT / "target" / "release" / "alongside"))
FUNDER = "bench-fund"
SLUG = "bench-group"

# The three questions: id, prompt, word limit.
QUESTIONS = [
    ("idea", "What would you like to do?", 250),
    ("difference", "What difference will it make?", 300),
    ("community", "How does your community lead it?", 500),
]

SENTENCE = (
    "We meet every Tuesday in the church hall, share a cup of tea and talk "
    "about how the week has gone for each of us. "
)


def answer(words: int) -> str:
    """An answer of exactly `words` words."""
    per = len(SENTENCE.split())
    return " ".join((SENTENCE * (words // per + 1)).split()[:words])


# Answers: the first within its limit, the second over it, the third well
# within: every tool must report exactly one answer over its limit.
ANSWERS = {"idea": answer(200), "difference": answer(320), "community": answer(150)}


# ---------------------------------------------------------------------------
# Timing


def run_once(cmd: list[str], cwd: Path | None = None, env: dict | None = None):
    """Runs `cmd`; returns (seconds, CPU seconds, exit code, output). CPU
    time is the child's user plus system time: on a shared machine the wall
    time of a few-millisecond program is mostly waiting for a core, and CPU
    time shows the work each tool itself does."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)  # noqa: F841
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, proc.returncode, out.decode(errors="replace")


def peak_memory_kib(cmd: list[str], cwd=None, env=None) -> int | None:
    """Peak resident memory of one run, as `/usr/bin/time -v` reports it
    ("Maximum resident set size"). Python's own rusage for a child counts
    the interpreter's memory from before the child's exec, so it is not
    used."""
    if not Path("/usr/bin/time").exists():
        return None
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        text = out.read().strip().splitlines()
    return int(text[-1]) if text else None


def hyperfine_times(cmd: list[str], runs: int, cwd=None, env=None) -> list[float] | None:
    """Wall times in seconds from hyperfine (no shell, two warm-up runs),
    when it is installed."""
    if not shutil.which("hyperfine"):
        return None
    import shlex

    with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
        subprocess.run(
            [
                "hyperfine",
                "--shell=none",
                "--warmup",
                "2",
                "--runs",
                str(runs),
                "--ignore-failure",
                "--style",
                "none",
                "--export-json",
                out.name,
                shlex.join(str(c) for c in cmd),
            ],
            cwd=cwd,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        result = json.load(out)["results"][0]
        return result["times"], result["user"] + result["system"]


def measure(name: str, cmd: list[str], runs: int, ok_codes=(0,), cwd=None, env=None):
    """Times `cmd` `runs` times after warming up (with hyperfine if it is
    installed, else here), then measures its peak memory in three runs."""
    _, _, code, out = run_once(cmd, cwd, env)
    if code not in ok_codes:
        raise SystemExit(f"{name}: exit {code}\n{' '.join(cmd)}\n{out}")
    timed = hyperfine_times(cmd, runs, cwd, env)
    timer = "hyperfine"
    if timed is not None:
        times, cpu_ms = timed[0], timed[1] * 1000
    else:
        timer = "python"
        times, cpus = [], []
        for _ in range(runs):
            t, cpu, code, out = run_once(cmd, cwd, env)
            if code not in ok_codes:
                raise SystemExit(f"{name}: exit {code}\n{out}")
            times.append(t)
            cpus.append(cpu)
        cpu_ms = statistics.median(cpus) * 1000
    peaks = [peak_memory_kib(cmd, cwd, env) for _ in range(3)]
    peaks = [p for p in peaks if p is not None]
    return {
        "job": name,
        "command": " ".join(str(c) for c in cmd),
        "runs": runs,
        "timer": timer,
        "median_ms": statistics.median(times) * 1000,
        "min_ms": min(times) * 1000,
        "max_ms": max(times) * 1000,
        "cpu_ms": cpu_ms,
        "peak_rss_kib": max(peaks) if peaks else None,
        "last_output": out,
    }


# ---------------------------------------------------------------------------
# Setting up each tool's copy of the same application


def profile_toml() -> str:
    questions = "".join(
        f'\n[[question]]\nid = "{qid}"\nprompt = "{prompt}"\nmax_words = {limit}\n'
        for qid, prompt, limit in QUESTIONS
    )
    return f"""id = "{FUNDER}"
name = "Bench Small Grants"
funder = "The Bench Trust"
kind = "trust"
website = "https://example.org/"
sources = ["https://example.org/small-grants"]
checked = 2026-11-01
summary = "Small grants for self help groups, used to compare tools."

[status]
state = "rolling"

[grant]
min_pounds = 500
max_pounds = 5000
{questions}"""


def toml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def group_toml() -> str:
    wording = "".join(
        f"\n[wording.{FUNDER}.{qid}]\ntext = {toml_str(ANSWERS[qid])}\n"
        'by = "group"\nat = 2026-11-20T10:00:00Z\nround = 1\n'
        for qid, _, _ in QUESTIONS
    )
    return (
        "format = 1\n"
        'name = "Bench Group"\n'
        f'slug = "{SLUG}"\n'
        "created = 2026-11-20T10:00:00Z\n"
        "updated = 2026-11-20T10:00:00Z\n"
        "round = 1\n"
        "\n[answers.group_name]\n"
        'text = "Bench Group"\nby = "group"\nat = 2026-11-20T10:00:00Z\nround = 1\n'
        + wording
    )


def setup_alongside(work: Path) -> tuple[Path, Path]:
    data = work / "alongside-data"
    funders = work / "alongside-funders"
    funders.mkdir(parents=True)
    (funders / f"{FUNDER}.toml").write_text(profile_toml())
    group_file = work / "bench-group.toml"
    group_file.write_text(group_toml())
    subprocess.run(
        [ALONGSIDE, "--data-dir", data, "import", group_file],
        check=True,
        capture_output=True,
    )
    res = subprocess.run(
        [ALONGSIDE, "funders", "check", funders], capture_output=True, text=True
    )
    if res.returncode != 0:
        raise SystemExit(f"the bench profile does not check:\n{res.stdout}{res.stderr}")
    return data, funders


def setup_grantkit(work: Path) -> Path:
    project = work / "grantkit"
    (project / "responses").mkdir(parents=True)
    sections = "".join(
        f"- id: {qid}\n  title: {prompt}\n  word_limit: {limit}\n"
        f"  required: true\n  file: responses/{qid}.md\n"
        for qid, prompt, limit in QUESTIONS
    )
    (project / "grant.yaml").write_text(
        "title: Bench Group application\nfunder: The Bench Trust\n"
        "program: Bench Small Grants\ndeadline: ''\naccepts_markdown: true\n"
        "locale: en-GB\nsections:\n" + sections
    )
    for qid, prompt, _ in QUESTIONS:
        (project / "responses" / f"{qid}.md").write_text(ANSWERS[qid] + "\n")
    return project


def setup_copier(work: Path) -> tuple[Path, Path]:
    template = work / "copier-template"
    template.mkdir()
    questions = "".join(
        f"{qid}:\n  type: str\n  help: {prompt}\n  multiline: true\n"
        f"  validator: \"{{% if ({qid} | wordcount) > {limit} %}}"
        f"{qid}: {{{{ {qid} | wordcount }}}} words, the limit is {limit}"
        f"{{% endif %}}\"\n"
        for qid, prompt, limit in QUESTIONS
    )
    (template / "copier.yml").write_text("_templates_suffix: .jinja\n" + questions)
    body = "# Bench Group: application to Bench Small Grants\n\n" + "".join(
        f"## {prompt}\n\n{{{{ {qid} }}}}\n\n" for qid, prompt, _ in QUESTIONS
    )
    (template / "draft.md.jinja").write_text(body)
    answers = work / "copier-answers.yml"
    answers.write_text(
        "".join(f"{qid}: {toml_str(ANSWERS[qid])}\n" for qid, _, _ in QUESTIONS)
    )
    return template, answers


# ---------------------------------------------------------------------------
# Launch to first frame


def first_frame_pty_ms(cmd: list[str], texts: list[bytes], runs: int) -> list[float]:
    """From starting `cmd` on a fresh 80x24 pseudo-terminal to the moment
    every one of `texts` has been written to it (ratatui writes a whole
    frame in one go, so the first frame's title and footer arrive
    together)."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    times = []
    env = dict(os.environ, TERM="xterm-256color", TZ="UTC")
    env.pop("NO_COLOR", None)
    for _ in range(runs + 1):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        seen = b""
        while not all(t in seen for t in texts):
            ready, _, _ = select.select([master], [], [], 10)
            if not ready:
                raise SystemExit(f"no first frame after 10 s: {seen[-300:]!r}")
            seen += os.read(master, 65536)
        times.append((time.perf_counter() - start) * 1000)
        proc.kill()
        proc.wait()
        os.close(master)
    return times[1:]


def first_frame_ms(command: str, text: str, runs: int) -> list[float]:
    """The same in tmux: from starting the session to `text` on screen, as
    read with capture-pane (so it includes tmux's own work)."""
    socket = f"alongside-bench-{os.getpid()}-{time.monotonic_ns()}"
    tmux = ["tmux", "-L", socket]
    subprocess.run(
        [*tmux, "-f", "/dev/null", "new-session", "-d", "-s", "keep", "sleep 3600"],
        check=True,
    )
    times = []
    try:
        for _ in range(runs + 1):
            start = time.perf_counter()
            subprocess.run(
                [*tmux, "new-session", "-d", "-s", "t", "-x", "80", "-y", "24", command],
                check=True,
            )
            while True:
                screen = subprocess.run(
                    [*tmux, "capture-pane", "-p", "-t", "t"],
                    capture_output=True,
                    text=True,
                ).stdout
                if text in screen:
                    break
                if time.perf_counter() - start > 10:
                    raise SystemExit(f"no {text!r} after 10 s:\n{screen}")
            times.append((time.perf_counter() - start) * 1000)
            subprocess.run([*tmux, "kill-session", "-t", "t"], check=True)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    return times[1:]


# ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument(
        "--peers-only",
        action="store_true",
        help="only jobs 1 and 2 (alongside beside GrantKit and copier)",
    )
    args = parser.parse_args()
    if not ALONGSIDE.exists():
        raise SystemExit("build alongside first: cargo build --release")

    results = []
    notes = []
    with tempfile.TemporaryDirectory(prefix="alongside-bench-") as tmp:
        work = Path(tmp)
        env = dict(os.environ, TZ="UTC")
        env.pop("ALONGSIDE_DATA_DIR", None)

        # 1 and 2: alongside.
        data, funders = setup_alongside(work)
        base = [str(ALONGSIDE), "--data-dir", str(data)]
        r = measure(
            "check word limits: alongside",
            [*base, "check", SLUG, "--funder", FUNDER, "--funders", str(funders)],
            args.runs,
            ok_codes=(0, 1),
            env=env,
        )
        over = [q for q, _, limit in QUESTIONS if len(ANSWERS[q].split()) > limit]
        if "difference" not in r["last_output"] or not over:
            notes.append("alongside check did not name the answer over its limit")
        results.append(r)
        draft = work / "alongside-draft.md"
        results.append(
            measure(
                "render Markdown draft: alongside",
                [
                    *base,
                    "draft",
                    SLUG,
                    "--funder",
                    FUNDER,
                    "--funders",
                    str(funders),
                    "--format",
                    "md",
                    "-o",
                    str(draft),
                ],
                args.runs,
                env=env,
            )
        )

        # GrantKit.
        grantkit = shutil.which("grantkit")
        if grantkit:
            project = setup_grantkit(work)
            results.append(
                measure(
                    "check word limits: GrantKit",
                    [grantkit, "check", str(project)],
                    args.runs,
                    ok_codes=(0, 1),
                    env=env,
                )
            )
            results.append(
                measure(
                    "render Markdown draft: GrantKit",
                    [grantkit, "build", str(project), "--format", "md"],
                    args.runs,
                    ok_codes=(0, 1),
                    env=env,
                )
            )
        else:
            notes.append("GrantKit not installed: pip install grantkit 'bibtexparser<2'")

        # copier.
        copier = shutil.which("copier")
        if copier:
            template, answers = setup_copier(work)
            out = work / "copier-out"
            common = [
                copier,
                "copy",
                "--data-file",
                str(answers),
                "--defaults",
                "--overwrite",
                "--quiet",
            ]
            # Over the limit, copier refuses the answers: the check "fails"
            # with exit 1, as `alongside check` does.
            results.append(
                measure(
                    "check word limits: copier",
                    [*common, "--pretend", str(template), str(out)],
                    args.runs,
                    ok_codes=(0, 1),
                    env=env,
                )
            )
            # To render, the answers must pass the validators: render with
            # limits that fit (the work done is the same).
            within = work / "copier-template-within"
            shutil.copytree(template, within)
            yml = (within / "copier.yml").read_text().replace("> 300 %", "> 3000 %")
            (within / "copier.yml").write_text(yml)
            results.append(
                measure(
                    "render Markdown draft: copier",
                    [*common, str(within), str(out)],
                    args.runs,
                    env=env,
                )
            )
        else:
            notes.append("copier not installed: pip install copier")

        if not args.peers_only:
            # 3: match against 10,000 profiles, beside cat.
            many = work / "many-profiles"
            many.mkdir()
            source = (ROOT / "funders" / "awards-for-all-england.toml").read_text()
            for i in range(args.profiles):
                (many / f"fund-{i:05}.toml").write_text(
                    source.replace(
                        'id = "awards-for-all-england"', f'id = "fund-{i:05}"', 1
                    )
                )
            size = sum(p.stat().st_size for p in many.iterdir())
            match_runs = max(3, args.runs // 4)
            results.append(
                measure(
                    f"match one group against {args.profiles} profiles: alongside",
                    [*base, "match", SLUG, "--funders", str(many), "--json"],
                    match_runs,
                    env=env,
                )
            )
            results.append(
                measure(
                    f"cat the same {args.profiles} files ({size / 1e6:.1f} MB)",
                    ["sh", "-c", f"cat {many}/*.toml > /dev/null"],
                    match_runs,
                    env=env,
                )
            )

            # 4: launch to first frame.
            launch = first_frame_pty_ms(
                [str(ALONGSIDE), "--data-dir", str(data)], [b"Your groups", b"help"], args.runs
            )
            results.append(
                {
                    "job": "launch to first frame (pseudo-terminal, 80x24): alongside",
                    "runs": args.runs,
                    "median_ms": statistics.median(launch),
                    "min_ms": min(launch),
                    "max_ms": max(launch),
                    "peak_rss_kib": None,
                }
            )
            if shutil.which("tmux"):
                launch = first_frame_ms(
                    f"exec env TZ=UTC {ALONGSIDE} --data-dir {data}", "Your groups", args.runs
                )
                floor = first_frame_ms("printf 'Your groups\\n'; exec sleep 60", "Your groups", args.runs)
                results.append(
                    {
                        "job": "launch to first frame (tmux, 80x24): alongside",
                        "runs": args.runs,
                        "median_ms": statistics.median(launch),
                        "min_ms": min(launch),
                        "max_ms": max(launch),
                        "peak_rss_kib": None,
                    }
                )
                results.append(
                    {
                        "job": "launch to first line (tmux, 80x24): printf, tmux's own overhead",
                        "runs": args.runs,
                        "median_ms": statistics.median(floor),
                        "min_ms": min(floor),
                        "max_ms": max(floor),
                        "peak_rss_kib": None,
                    }
                )
            else:
                notes.append("tmux not installed: launch to first frame not measured")


    # Report.
    print("| job | runs | median ms | min ms | max ms | CPU ms | peak memory MiB |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        rss = f"{r['peak_rss_kib'] / 1024:.1f}" if r.get("peak_rss_kib") else "-"
        cpu = f"{r['cpu_ms']:.1f}" if r.get("cpu_ms") is not None else "-"
        print(
            f"| {r['job']} | {r['runs']} | {r['median_ms']:.1f} | {r['min_ms']:.1f} | {r['max_ms']:.1f} | {cpu} | {rss} |"
        )
    by_job = {r["job"]: r for r in results}
    print()
    for job in ("check word limits", "render Markdown draft"):
        ours = by_job.get(f"{job}: alongside")
        for peer in ("GrantKit", "copier"):
            theirs = by_job.get(f"{job}: {peer}")
            if ours and theirs:
                print(
                    f"{job}: {peer} takes {theirs['median_ms'] / ours['median_ms']:.1f}x as long as alongside"
                    f" (fastest runs: {theirs['min_ms'] / ours['min_ms']:.1f}x;"
                    f" CPU time: {theirs['cpu_ms'] / ours['cpu_ms']:.1f}x)"
                    f" and {theirs['peak_rss_kib'] / ours['peak_rss_kib']:.1f}x the memory"
                )
    for note in notes:
        print(f"note: {note}")
    if args.json:
        for r in results:
            r.pop("last_output", None)
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.exit(main())
