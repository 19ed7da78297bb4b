"""Benchmark: the import floor, builds of seeds/ and of synthetic archives, watch latency, peak memory.

Every case runs ``briefing`` in a fresh child process, as a user would; each
time is a wall-clock median of several runs and peak memory is the most the
child and its worker processes held together (sampled), or the child's own
``ru_maxrss`` if that is higher.  Ratios are to the import floor (``import
click`` for the no-op) run in turns with the case, one reference run before
each run of the case, so a load that comes and goes on a shared machine moves
both alike; each ratio is also given in CPU seconds (user + system of the
child and the workers it waited for), which the load disturbs far less.
Prints the table and writes bench/results.md.

    .venv/bin/python bench/run.py [--quick] [--no-profile]
"""

from __future__ import annotations

import argparse
import cProfile  # noqa: F401  (the profile runs in a child: python -m cProfile)
import io
import os
import platform
import pstats
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "_work"
PY = str(Path(sys.executable))
BRIEFING = [PY, "-m", "briefing"]
sys.path.insert(0, str(ROOT / "bench"))

FLOOR = "import pandas, reportlab.platypus, jinja2, click"
PEER = ROOT / "bench" / ".venv" / "bin" / "python"  # jinja2 + WeasyPrint, made by `make bench`
GIB = 1024**3


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants now, in bytes (0 once it is gone)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0)
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def run(argv: list[str], cwd: Path = ROOT) -> tuple[float, int, float]:
    """Run one child to completion; return (wall seconds, peak memory in bytes, CPU seconds). Fails loudly.

    Peak memory is the larger of the child's own ``ru_maxrss`` and the highest
    sum over the child and its worker processes, sampled every 50 ms.
    """
    import threading

    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, stop = [0], threading.Event()

    def sample():
        while not stop.wait(0.05):
            peak[0] = max(peak[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    stop.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{err}")
    return elapsed, max(usage.ru_maxrss * 1024, peak[0]), usage.ru_utime + usage.ru_stime


def median_of(runs: int, argv_for, before=None, reference: list[str] | None = None) -> dict:
    """Median wall and CPU time and max peak memory of ``runs`` runs; ``before(i)`` prepares run i.

    With ``reference`` (the import floor, or ``import click``), one run of it comes before
    each run of the case, and its medians are returned too ("ref_s", "ref_cpu").
    """
    times, peaks, cpus, ref_times, ref_cpus = [], [], [], [], []
    for i in range(runs):
        if reference:
            t, _, c = run(reference)
            ref_times.append(t)
            ref_cpus.append(c)
        if before:
            before(i)
        t, m, c = run(argv_for(i) if callable(argv_for) else argv_for)
        times.append(t)
        peaks.append(m)
        cpus.append(c)
    out = {
        "s": statistics.median(times),
        "runs": times,
        "peak": max(peaks),
        "cpu": statistics.median(cpus),
        "cpus": cpus,
    }
    if reference:
        out.update(
            ref_s=statistics.median(ref_times),
            ref_cpu=statistics.median(ref_cpus),
            ref_runs=ref_times,
            ref_cpus=ref_cpus,
        )
    return out


def merged(a: dict, b: dict) -> dict:
    """Two ``median_of`` results of one case as one."""
    out = {
        "s": statistics.median(a["runs"] + b["runs"]),
        "runs": a["runs"] + b["runs"],
        "peak": max(a["peak"], b["peak"]),
        "cpus": a["cpus"] + b["cpus"],
    }
    out["cpu"] = statistics.median(out["cpus"])
    if "ref_runs" in a:
        out.update(ref_runs=a["ref_runs"] + b["ref_runs"], ref_cpus=a["ref_cpus"] + b["ref_cpus"])
        out.update(ref_s=statistics.median(out["ref_runs"]), ref_cpu=statistics.median(out["ref_cpus"]))
    return out


def build_argv(seeds: Path, out: Path, force: bool = False) -> list[str]:
    return BRIEFING + ["-q", "build", "--seeds", str(seeds), "--out", str(out)] + (["--force"] if force else [])


def fresh(out: Path):
    """A ``before`` hook that removes the output folder: no PDF, no cache, a cold build."""

    def wipe(_i):
        shutil.rmtree(out.parent, ignore_errors=True)

    return wipe


def touch_article(path: Path, i: int) -> None:
    """Change one article's content (a new sentence each time), as an editor's save would."""
    text = path.read_text(encoding="utf-8")
    marker = "\n\nCorrection:"
    text = text.split(marker)[0]
    path.write_text(text + f"{marker} an earlier version of this dispatch misspelt a name ({i}).\n", encoding="utf-8")


def watch_latency(seeds_src: Path, runs: int) -> dict | None:
    """Seconds from saving a seed to the new PDF being in place, under ``briefing watch``; None if absent."""
    try:
        import importlib.util

        if importlib.util.find_spec("watchfiles") is None or importlib.util.find_spec("briefing.watch") is None:
            return None
    except ImportError:
        return None
    import inspect

    from briefing.watch import watch_loop

    params = inspect.signature(watch_loop).parameters
    step = params["step"].default / 1000 if "step" in params else 0.0
    seeds = WORK / "watch" / "seeds"
    out = WORK / "watch" / "out" / "b.pdf"
    shutil.rmtree(WORK / "watch", ignore_errors=True)
    shutil.copytree(seeds_src, seeds)
    proc = subprocess.Popen(
        BRIEFING + ["watch", "--seeds", str(seeds), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    latencies = []
    try:
        deadline = time.time() + 60
        while not out.exists():
            if time.time() > deadline or proc.poll() is not None:
                return None
            time.sleep(0.05)
        time.sleep(1.0)  # watcher armed after the first build
        target = sorted(seeds.glob("*.txt"))[0]
        for i in range(runs):
            before = out.stat().st_mtime_ns
            t0 = time.perf_counter()
            touch_article(target, i)
            deadline = time.time() + 60
            while out.stat().st_mtime_ns == before:
                if time.time() > deadline:
                    return None
                time.sleep(0.01)
            latencies.append(time.perf_counter() - t0)
            time.sleep(1.0)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    s = statistics.median(latencies)
    return {"s": s, "runs": latencies, "step": step, "beyond": s - step}


def peer_race(seeds_out: Path, runs: int) -> dict | None:
    """Our cold build of seeds/ and the peer (the same brief, the tool's JSON, through jinja2 + WeasyPrint), in turns.

    Both are whole processes, imports included, as a user would run them; ours
    also reads and extracts the articles, the peer starts from the extracted JSON.
    """
    if not PEER.exists():
        print("peer: bench/.venv missing (make bench makes it); not measured", flush=True)
        return None
    brief = WORK / "brief.json"
    data = subprocess.run(
        BRIEFING + ["-q", "extract", "--seeds", str(ROOT / "seeds")], cwd=ROOT, capture_output=True, check=True
    ).stdout
    brief.write_bytes(data)
    peer_pdf = WORK / "peer" / "brief.pdf"
    peer_pdf.parent.mkdir(parents=True, exist_ok=True)
    peer_argv = [str(PEER), str(ROOT / "bench" / "peer" / "peer.py"), str(brief), str(peer_pdf)]
    run(peer_argv)  # first run: font configuration and bytecode, as our first run had
    ours, theirs = [], []
    for i in range(runs):
        fresh(seeds_out)(i)
        ours.append(run(build_argv(ROOT / "seeds", seeds_out, force=True)))
        theirs.append(run(peer_argv))

    def pack(xs):
        return {
            "s": statistics.median(t for t, _, _ in xs),
            "runs": [t for t, _, _ in xs],
            "peak": max(m for _, m, _ in xs),
            "cpu": statistics.median(c for _, _, c in xs),
            "cpus": [c for _, _, c in xs],
        }

    return {"ours": pack(ours), "peer": pack(theirs)}


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    mem = next(
        (
            int(line.split()[1]) * 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram": f"{mem / GIB:.1f} GiB",
        "python": platform.python_version(),
        "os": platform.platform(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def profile_top(seeds: Path, lines: int = 30) -> str:
    """cProfile of one cold build of ``seeds``: the top functions by cumulative and by own time."""
    out = WORK / "profile" / "b.pdf"
    shutil.rmtree(out.parent, ignore_errors=True)
    prof = WORK / "profile.pstats"
    run(
        [
            PY,
            "-m",
            "cProfile",
            "-o",
            str(prof),
            "-m",
            "briefing",
            "-q",
            "build",
            "--seeds",
            str(seeds),
            "--out",
            str(out),
        ]
    )
    text = []
    for order in ("cumulative", "tottime"):
        buf = io.StringIO()
        stats = pstats.Stats(str(prof), stream=buf)
        stats.strip_dirs().sort_stats(order).print_stats(lines)
        body = buf.getvalue()
        body = body[body.index("   ncalls") :] if "   ncalls" in body else body
        text.append(f"by {order} time:\n\n" + body.rstrip())
    return "\n\n".join(text)


def fmt_mem(b: int | None) -> str:
    return "" if b is None else f"{b / 1024**2:.0f} MiB"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs, no 10,000-article archive")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--pair", default="Chile,Peru")
    args = ap.parse_args(argv)
    from synth import make_archive

    t_start = time.perf_counter()
    small = 3 if args.quick else 5
    big = 1 if args.quick else 3
    pair = tuple(p.strip() for p in args.pair.split(","))
    WORK.mkdir(parents=True, exist_ok=True)
    info = machine()
    print(f"machine: {info}", flush=True)

    sizes = [1000] if args.quick else [1000, 10000]
    archives = {}
    for n in sizes:
        t0 = time.perf_counter()
        archives[n] = WORK / f"archive_{n}"
        make_archive(archives[n], n, pair)
        print(f"generated {n} articles in {time.perf_counter() - t0:.1f}s", flush=True)

    res: dict[str, dict] = {}
    res["floor"] = median_of(small, [PY, "-c", FLOOR])
    res["click"] = median_of(small, [PY, "-c", "import click"])
    print(f"import floor {res['floor']['s']:.2f}s, import click {res['click']['s']:.2f}s", flush=True)

    seeds_out = WORK / "seeds_out" / "b.pdf"
    floor_argv, click_argv = [PY, "-c", FLOOR], [PY, "-c", "import click"]
    res["seeds"] = median_of(small, build_argv(ROOT / "seeds", seeds_out, force=True), fresh(seeds_out), floor_argv)
    run(build_argv(ROOT / "seeds", seeds_out))
    res["noop"] = median_of(small, build_argv(ROOT / "seeds", seeds_out), reference=click_argv)
    print(f"seeds cold {res['seeds']['s']:.2f}s, no-op {res['noop']['s']:.2f}s", flush=True)

    peer = peer_race(seeds_out, small)
    if peer:
        res.update(peer)
        print(f"same brief: ours {res['ours']['s']:.2f}s, WeasyPrint {res['peer']['s']:.2f}s", flush=True)

    for n in sizes:
        out = WORK / f"out_{n}" / "b.pdf"
        runs = big
        res[f"cold{n}"] = median_of(1, build_argv(archives[n], out, force=True), fresh(out), floor_argv)
        if runs > 1 and res[f"cold{n}"]["s"] * (runs - 1) < 240:
            more = median_of(runs - 1, build_argv(archives[n], out, force=True), fresh(out), floor_argv)
            res[f"cold{n}"] = merged(res[f"cold{n}"], more)
        print(
            f"{n} cold {res[f'cold{n}']['s']:.2f}s ({len(res[f'cold{n}']['runs'])} runs), "
            f"peak {fmt_mem(res[f'cold{n}']['peak'])}",
            flush=True,
        )

    out = WORK / "out_1000" / "b.pdf"
    run(build_argv(archives[1000], out))  # the cache is warm
    article = sorted(archives[1000].glob("*.txt"))[len(list(archives[1000].glob("*.txt"))) // 2]
    res["changed"] = median_of(big, build_argv(archives[1000], out), lambda i: touch_article(article, i), floor_argv)
    print(f"one changed of 1000 {res['changed']['s']:.2f}s", flush=True)

    watch = watch_latency(ROOT / "seeds", small)
    print("watch: " + (f"{watch['s']:.2f}s" if watch else "not measured"), flush=True)

    pages = {}
    for n in sizes:
        pdf = WORK / f"out_{n}" / "b.pdf"
        pages[n] = _pages(pdf)

    profile = "" if args.no_profile else profile_top(archives[1000])
    total = time.perf_counter() - t_start
    report = write_report(info, res, watch, pages, profile, total, sizes, archives)
    print(report.split("## Profile")[0])


def _pages(pdf: Path) -> int | None:
    try:
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        data = pdf.read_bytes() if pdf.exists() else b""
        return data.count(b"/Type /Page\n") or data.count(b"/Type /Page ") or None
    return next((int(line.split()[1]) for line in out.splitlines() if line.startswith("Pages:")), None)


def _revision() -> str:
    """The commit measured, and whether the work tree had changes on top of it."""
    try:
        rev = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "an unknown revision"
    return f"commit {rev}"


def _peer_version() -> str:
    try:
        return subprocess.run(
            [str(PEER), "-c", "import weasyprint; print(weasyprint.__version__)"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def write_report(info, res, watch, pages, profile, total, sizes, archives) -> str:
    floor, click = res["floor"]["s"], res["click"]["s"]
    rows = []

    def row(name, key, base, base_name, limit, mem_limit=None, base_cpu=None):
        r = res.get(key)
        if r is None:
            rows.append(f"| {name} | not measured | | | | {limit}x {base_name} | no |")
            return
        ratio = r["s"] / r.get("ref_s", base)  # against the reference run in turns with it
        cpu = r["cpu"] / r.get("ref_cpu", base_cpu or float("nan"))
        ok = ratio <= limit and (mem_limit is None or r["peak"] <= mem_limit)
        mem = fmt_mem(r["peak"]) + (f" (<= {mem_limit // GIB} GiB)" if mem_limit else "")
        rows.append(
            f"| {name} | {r['s']:.2f} | {ratio:.2f}x {base_name} | {cpu:.2f}x | {mem} | <= {limit}x"
            f"{' ' + base_name if base_name != 'floor' else ''} | {'yes' if ok else '**no**'} |"
        )

    row("cold build of seeds/", "seeds", floor, "floor", 1.5)
    row("no-op build (seeds/)", "noop", click, "click", 1.5)
    row("1,000 articles, cold", "cold1000", floor, "floor", 6, 1 * GIB)
    if 10000 in sizes:
        row("10,000 articles, cold", "cold10000", floor, "floor", 40, 1 * GIB)
    row("one article changed of 1,000", "changed", floor, "floor", 2)
    if "peer" in res:
        row(
            "the same brief: ours (cold build of seeds/) vs jinja2 + WeasyPrint",
            "ours",
            res["peer"]["s"],
            "WeasyPrint",
            0.5,
            base_cpu=res["peer"]["cpu"],
        )
    else:
        rows.append("| the same brief vs jinja2 + WeasyPrint | not measured (no bench/.venv) | | | | <= 0.5x | |")
    if watch:
        ok = watch["beyond"] <= 1.0
        rows.append(
            f"| watch: save to new PDF (seeds/) | {watch['s']:.2f} | {watch['beyond']:.2f} s beyond "
            f"the {watch['step']:.1f} s quiet period | | | <= 1 s beyond | {'yes' if ok else '**no**'} |"
        )
    else:
        rows.append("| watch: save to new PDF | not measured (no `briefing watch`) | | | | <= 1 s beyond | |")

    words = {n: sum(len(p.read_text(encoding="utf-8").split()) for p in archives[n].glob("*.txt")) for n in sizes}
    runs = "\n".join(
        f"- {k}: "
        + ", ".join(f"{t:.2f}" for t in v["runs"])
        + (" (reference in turns: " + ", ".join(f"{t:.2f}" for t in v["ref_runs"]) + ")" if "ref_runs" in v else "")
        + ("; CPU " + ", ".join(f"{t:.2f}" for t in v["cpus"]) if "cpus" in v else "")
        for k, v in res.items()
    )
    peer_line = (
        f"| the peer: `bench/.venv/bin/python bench/peer/peer.py brief.json` (jinja2 + WeasyPrint "
        f"{_peer_version()}) | {res['peer']['s']:.2f} |\n"
        if "peer" in res
        else ""
    )
    text = f"""# Benchmark results

Written by `make bench` (`bench/run.py`) in {total / 60:.1f} minutes, at {_revision()}.

## Machine

- CPUs (nproc): {info["nproc"]}; CPU: {info["cpu"]}
- RAM: {info["ram"]}; Python {info["python"]}; {info["os"]}
- load average at start: {info["load"]} (other work on the machine makes every figure slower, the floor too)

## Reference times

| what | median s |
|---|---|
| import floor: `python -c "{FLOOR}"` | {floor:.2f} |
| `python -c "import click"` | {click:.2f} |
{peer_line}
## Targets

Each ratio is to the reference (the floor; `import click` for the no-op; WeasyPrint for the
peer) run in turns with the case, one reference run before each of its runs; "CPU" is the same
ratio in CPU seconds (the build and its workers), which other work on the machine disturbs least.
"met" reads the wall-clock ratio.

| case | median s | ratio (wall) | ratio (CPU) | peak memory | target | met |
|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Archives: synthetic (bench/synth.py, {", ".join(f"{n:,} articles, {words[n] / n:.0f} words each on average" for n in sizes)});
PDF pages: {", ".join(f"{n:,} articles: {pages[n]}" for n in sizes)}.

Cold builds remove the output folder (PDF and cache) before each run; "one article changed" edits one
article of the 1,000 between runs, after a build that filled the cache.

Every run (seconds):

{runs}

## Profile

cProfile of one cold build of the 1,000-article archive (profiling slows it down):

```
{profile}
```
"""
    notes = ROOT / "bench" / "notes.md"
    if notes.exists():
        text = text.replace("## Profile", notes.read_text(encoding="utf-8").rstrip() + "\n\n## Profile", 1)
    (ROOT / "bench" / "results.md").write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    main()
