#!/usr/bin/env python3
"""How `alongside match --json` grows with the number of funder profiles,
beside `cat` of the same files in the same run.

Two kinds of folder, each at several sizes (1,000, 10,000 and 50,000 files
by default):

- "cycled": copies of the built-in profiles in turn (every kind of profile,
  2 KB on average);
- "awards-for-all": copies of the largest built-in profile, National
  Lottery Awards for All England (7 KB, with questions).

Each copy gets its own id. For every folder the script times

    alongside --data-dir DATA match riverside-aphasia-cafe --funders DIR --json > /dev/null
    sh -c 'cd DIR && exec cat *.toml > /dev/null'

(the demo group, so every rule has an answer to check) twice: as a first
run, with the data folder's cache of checked profiles removed before each
run (every file parsed), and as later runs, with the cache a run before
left (unchanged files are not parsed again). For each: the median of
several runs after a warm-up run (with hyperfine when it is installed,
otherwise timed here), and the peak memory and processor time of each with
`/usr/bin/time -v` ("Maximum resident set size", "User time" plus "System
time"). `cat` runs inside the folder so that 50,000
names fit on one command line.

Usage, from the repository root:

    cargo build --release
    python3 bench/scale.py [--sizes 1000,10000,50000] [--runs 5] [--json out.json]

Nothing outside a temporary folder is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALONGSIDE = Path(os.environ.get("ALONGSIDE_BIN", ROOT / "target" / "release" / "alongside"))
GROUP = "riverside-aphasia-cafe"
ID_LINE = re.compile(r'^id = "[^"]*"', re.M)


def write_profiles(folder: Path, sources: list[str], count: int) -> int:
    """Writes `count` profiles cycling through `sources`, each with its own
    id; returns the total size in bytes."""
    folder.mkdir(parents=True)
    size = 0
    for i in range(count):
        text, n = ID_LINE.subn(f'id = "fund-{i:06}"', sources[i % len(sources)], count=1)
        if n != 1:
            raise SystemExit("a built-in profile has no `id = ...` line to change")
        (folder / f"fund-{i:06}.toml").write_text(text)
        size += len(text.encode())
    return size


def wall_times(cmd: list[str], runs: int, prepare: Path | None = None) -> list[float]:
    """Seconds per run, standard output to /dev/null, after one warm-up.
    With `prepare`, that folder is removed before every run (the cache, for
    a first run's time)."""
    if shutil.which("hyperfine"):
        extra = ["--prepare", f"rm -rf {prepare}"] if prepare else []
        with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
            subprocess.run(
                [
                    "hyperfine",
                    "--shell=none",
                    "--warmup",
                    "1",
                    "--runs",
                    str(runs),
                    "--style",
                    "none",
                    "--export-json",
                    out.name,
                    *extra,
                    subprocess.list2cmdline(cmd),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            return json.load(out)["results"][0]["times"]
    times = []
    for i in range(runs + 1):
        if prepare:
            shutil.rmtree(prepare, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        if i > 0:
            times.append(time.perf_counter() - start)
    return times


def peak_and_cpu(cmd: list[str], prepare: Path | None = None) -> tuple[int, float]:
    """From `/usr/bin/time -v` over three runs: the largest "Maximum
    resident set size" in KiB, and the median processor time (user plus
    system, all threads) in seconds. Processor time moves less than wall
    time when other work shares the machine."""
    peaks, cpu = [], []
    for _ in range(3):
        if prepare:
            shutil.rmtree(prepare, ignore_errors=True)
        res = subprocess.run(
            ["/usr/bin/time", "-v", *cmd],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        )
        found = {
            key: re.search(rf"{re.escape(key)}: ([0-9.]+)", res.stderr)
            for key in ("Maximum resident set size (kbytes)", "User time (seconds)", "System time (seconds)")
        }
        if not all(found.values()):
            raise SystemExit(f"unexpected /usr/bin/time -v output:\n{res.stderr}")
        values = {k: float(m.group(1)) for k, m in found.items()}
        peaks.append(int(values["Maximum resident set size (kbytes)"]))
        cpu.append(values["User time (seconds)"] + values["System time (seconds)"])
    return max(peaks), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if not ALONGSIDE.exists():
        raise SystemExit("build alongside first: cargo build --release")
    if not Path("/usr/bin/time").exists():
        raise SystemExit("needs /usr/bin/time (GNU time) for peak memory")

    builtin = sorted((ROOT / "funders").glob("*.toml"))
    kinds = {
        "cycled": [p.read_text() for p in builtin],
        "awards-for-all": [(ROOT / "funders" / "awards-for-all-england.toml").read_text()],
    }
    results = []
    with tempfile.TemporaryDirectory(prefix="alongside-scale-") as tmp:
        work = Path(tmp)
        data = work / "data"
        subprocess.run(
            [ALONGSIDE, "--data-dir", data, "demo"], check=True, capture_output=True
        )
        for kind, sources in kinds.items():
            for count in sizes:
                folder = work / f"{kind}-{count}"
                size = write_profiles(folder, sources, count)
                ours = [
                    str(ALONGSIDE), "--data-dir", str(data), "match", GROUP,
                    "--funders", str(folder), "--json",
                ]
                check = subprocess.run(ours, capture_output=True)
                if check.returncode != 0 or check.stderr:
                    raise SystemExit(f"alongside failed on {folder}:\n{check.stderr.decode()}")
                listed = len(json.loads(check.stdout)["funders"])
                if listed != count:
                    raise SystemExit(f"alongside matched {listed} of {count} profiles")
                cat = ["sh", "-c", f"cd {folder} && exec cat *.toml > /dev/null"]
                row = {"kind": kind, "profiles": count, "megabytes": size / 1e6}
                # Files just written are not cached until two seconds old.
                time.sleep(2.5)
                cache = data / "cache"
                for name, cmd, prepare in (
                    ("first", ours, cache),
                    ("alongside", ours, None),
                    ("cat", cat, None),
                ):
                    times = wall_times(cmd, args.runs, prepare)
                    row[f"{name}_median_s"] = statistics.median(times)
                    row[f"{name}_min_s"] = min(times)
                    row[f"{name}_max_s"] = max(times)
                    peak, cpu = peak_and_cpu(cmd, prepare)
                    row[f"{name}_peak_mib"] = peak / 1024
                    row[f"{name}_cpu_s"] = cpu
                row["output_mb"] = len(check.stdout) / 1e6
                results.append(row)
                print(
                    f"{kind} {count}: alongside {row['alongside_median_s']:.3f} s "
                    f"{row['alongside_peak_mib']:.1f} MiB, cat {row['cat_median_s']:.3f} s",
                    file=sys.stderr,
                )
                shutil.rmtree(folder)

    print(
        "| profiles | kind | MB of TOML | run | alongside median (range) | cat median | "
        "alongside / cat | alongside processor time | cat processor time | "
        "alongside peak memory | cat peak memory |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        for name, label in (("first", "nothing cached"), ("alongside", "cached")):
            print(
                f"| {r['profiles']:,} | {r['kind']} | {r['megabytes']:.1f} | {label} | "
                f"{r[f'{name}_median_s'] * 1000:.0f} ms "
                f"({r[f'{name}_min_s'] * 1000:.0f} to {r[f'{name}_max_s'] * 1000:.0f}) | "
                f"{r['cat_median_s'] * 1000:.0f} ms | "
                f"{r[f'{name}_median_s'] / r['cat_median_s']:.1f}x | "
                f"{r[f'{name}_cpu_s'] * 1000:.0f} ms | {r['cat_cpu_s'] * 1000:.0f} ms | "
                f"{r[f'{name}_peak_mib']:.1f} MiB | {r['cat_peak_mib']:.1f} MiB |"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.exit(main())
