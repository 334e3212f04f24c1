"""Load test: gunicorn and PostgreSQL in the production configuration, many people at once.

Run on a throwaway database: ``scripts/with-postgres.sh scripts/loadtest.sh`` (``make loadtest``;
not part of ``make test``). docs/deploy.md#load-test.

Like scripts/smoke_two_web.py (whose helpers it imports) it migrates the empty database, loads the
demo and collects the static files, then starts one gunicorn (config.settings_production,
config/gunicorn.conf.py) on a free port of 127.0.0.1, with ``--workers`` workers (2 by default, as
the figures of issue 14 were measured; ``--workers 0`` keeps the configuration's 2 × cores + 1).
``--url http://127.0.0.1:PORT`` measures a server already running there on the demo instead.
Any host other than 127.0.0.1 is refused.

Each of ``--users`` threads (32) signs in as its role — clerks and heads of several units, the
district's office (the supervisor) — or stays anonymous on the public portal, then for
``--duration`` seconds (600; env LOADTEST_DURATION) asks for pages one after the other, with no
pause, chosen by weights: the home page, a ledger list, a report's editor, the office's campaign
board and region figures, the portal's index, region, unit and published-report pages. Signing in
and finding the pages is done before the clock starts.

``--phase ledger`` (all users clerks on ledger lists) and ``--phase home`` (all on the clerk's
home page) measure one page the way issue 14's goals are stated; ``--phase NAME:SECONDS`` gives a
phase its own length. Phases run one after the other on the same server.

Prints per page and overall: requests, req/s, p50/p95/p99 latency in ms, errors (HTTP status 400
or above, a redirect to the sign-in page, or no answer), the load average at start and end, the
gunicorn worker count and worker restarts. Exits 1 if errors exceed 1 % of requests (or the setup
fails), 0 otherwise. Only the standard library.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import smoke_two_web as smoke  # noqa: E402 - the scripts directory is not a package

ROOT = smoke.ROOT
HOST = "127.0.0.1"
ERROR_SHARE = 0.01  # exit 1 above this share of failed requests
CLERK_UNITS = ["zfb", "tcj", "sfj", "jyj", "scj", "wjw", "cgw"]  # fazhi/demo/load.py UNITS
FULL_YEAR = 2024  # the demo's complete year (fazhi/demo/load.py: draft_demo_reports(year=2024))
OFFICE = smoke.OFFICE  # nk_yfzqb, the district's 依法治区办
# The mixed phase's people, repeated over the users: of 32, 16 clerks, 4 heads, 4 office, 8 anonymous.
ROLES = ["clerk", "anonymous", "clerk", "head", "clerk", "supervisor", "clerk", "anonymous"]
# Pages each role asks for, with weights.
MIX = {
    "clerk": {"home (clerk)": 35, "ledger list": 40, "report editor": 15, "report list": 10},
    "head": {"home (head)": 50, "report editor": 30, "ledger list": 20},
    "supervisor": {"home (supervisor)": 40, "campaign board": 40, "region figures": 20},
    "anonymous": {"public index": 30, "public region": 20, "public unit": 25, "public report": 25},
}
PHASES = {
    "mixed": None,  # ROLES and MIX
    "ledger": ("clerk", {"ledger list": 1}),
    "home": ("clerk", {"home (clerk)": 1}),
}
GOALS = {  # issue 14: 32 concurrent clients, gunicorn 2 workers, one page each
    "ledger": "goal ≥ 150 req/s, p95 < 150 ms (before: 44–46 req/s, p95 790–880 ms)",
    "home": "goal ≥ 50 req/s (before: 9–13 req/s, p95 3–5 s)",
}


class LoadError(Exception):
    pass


def local_only(url: str) -> str:
    """``url`` without a trailing slash, if it is http://127.0.0.1[:port]; otherwise refused."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname != HOST or parts.path not in {"", "/"}:
        raise LoadError(f"refused: {url!r} — the load test runs against http://{HOST}:PORT only")
    return f"http://{HOST}:{parts.port or 80}"


@dataclass
class Person:
    """One simulated user: a role, a signed-in client (or none) and the pages found for it."""

    role: str
    username: str
    client: smoke.Client
    pages: dict[str, list[str]] = field(default_factory=dict)


def links(page: str, pattern: str) -> list[str]:
    return list(dict.fromkeys(re.findall(rf'href="({pattern})"', page)))


def prepare(base: str, role: str, index: int) -> Person:
    """Sign in as the ``index``-th person of ``role`` and find the pages it will ask for."""
    client = smoke.Client(base)
    if role == "anonymous":
        person = Person(role, "-", client)
        index_page = client.get("/public/")
        published = json.loads(client.get("/public/reports.json"))
        smoke.check(bool(published), "no published report in /public/reports.json")
        reports = [local_path(base, entry["url"]) for entry in published]
        units = sorted({re.sub(r"\d+/$", "", path) for path in reports})
        person.pages = {
            "public index": ["/public/"],
            "public region": links(index_page, r"/public/regions/\d+/"),
            "public unit": units,
            "public report": reports,
        }
    else:
        username = OFFICE if role == "supervisor" else f"{CLERK_UNITS[index % len(CLERK_UNITS)]}_{role}"
        client.login(username)
        person = Person(role, username, client)
        home = client.get("/")
        person.pages[f"home ({role})"] = ["/"]
        if role == "supervisor":
            campaigns = client.get("/campaigns/")
            person.pages["campaign board"] = links(campaigns, r"/campaigns/\d+/")
            person.pages["region figures"] = links(home, r"/regions/\d+/figures/\d+/")
        else:
            ledgers = client.get(links(home, r"/units/\d+/records/")[0])
            current = links(ledgers, r"/units/\d+/records/[a-z]+/\?year=\d+")
            # This year's lists as linked, and the demo's full year (2024), the longest.
            full = [re.sub(r"year=\d+$", f"year={FULL_YEAR}", path) for path in current]
            person.pages["ledger list"] = list(dict.fromkeys(current + full))
            reports = client.get("/reports/")
            person.pages["report editor"] = links(reports, r"/reports/\d+/")
            person.pages["report list"] = ["/reports/"]
    for name in MIX[role]:
        smoke.check(bool(person.pages.get(name)), f"{person.username} ({role}): no link for {name!r}")
    return person


def local_path(base: str, url: str) -> str:
    """The path of an absolute URL the server gave, which must point back at ``base``."""
    parts = urllib.parse.urlsplit(url)
    smoke.check(local_only(f"{parts.scheme}://{parts.netloc}") == base, f"not on {base}: {url}")
    return parts.path


class Recorder:
    """Latencies (ms) and errors per page, from all threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: list[str] = []

    def add(self, page: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.times[page].append(ms)
            if error:
                self.errors[page] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{page}: {error}")


def work(person: Person, weights: dict[str, int], deadline: float, seed: int, rec: Recorder) -> None:
    rng = random.Random(seed)  # noqa: S311 - a traffic mix, not a secret
    names, shares = list(weights), list(weights.values())
    while time.monotonic() < deadline:
        page = rng.choices(names, shares)[0]
        path = rng.choice(person.pages[page])
        started = time.perf_counter()
        error = None
        try:
            status, url, _ = person.client.request(path)
            if status >= 400:
                error = f"HTTP {status} {path}"
            elif person.role != "anonymous" and "/login/" in urllib.parse.urlsplit(url).path:
                error = f"signed out: {path} → {url}"
        except Exception as exc:  # noqa: BLE001 - a timeout or a reset counts as an error
            error = f"{type(exc).__name__}: {exc} {path}"
        rec.add(page, (time.perf_counter() - started) * 1000, error)


def percentile(ordered: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least ``share`` of the values at or below it."""
    rank = max(1, -(-int(share * 1000) * len(ordered) // 1000))
    return ordered[min(rank, len(ordered)) - 1]


def run_phase(
    base: str, name: str, seconds: float, users: int, seed: int, log: Path | None
) -> tuple[int, int]:
    """One phase; prints its table and returns (requests, errors). ``log``: gunicorn's access log."""
    if PHASES[name] is None:
        plan = [(ROLES[i % len(ROLES)], MIX[ROLES[i % len(ROLES)]]) for i in range(users)]
    else:
        role, weights = PHASES[name]
        plan = [(role, weights)] * users
    counters: dict[str, int] = defaultdict(int)
    people = []
    for role, weights in plan:
        people.append((prepare(base, role, counters[role]), weights))
        counters[role] += 1
    who = ", ".join(f"{n} {r}" for r, n in counters.items())
    print(f"\n== phase {name}: {users} users ({who}), {seconds:.0f} s", flush=True)
    rec = Recorder()
    log_offset = log.stat().st_size if log else 0
    load_start = os.getloadavg()
    cpu_start = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    deadline = started + seconds
    threads = [
        threading.Thread(target=work, args=(p, w, deadline, seed + i, rec), daemon=True)
        for i, (p, w) in enumerate(people)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    cpu_end = resource.getrusage(resource.RUSAGE_SELF)
    load_end = os.getloadavg()
    client_cpu = (cpu_end.ru_utime + cpu_end.ru_stime) - (cpu_start.ru_utime + cpu_start.ru_stime)

    head = (
        f"{'page':<20} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}"
    )
    print(head)
    print("-" * len(head))
    rows = sorted(rec.times.items(), key=lambda item: -len(item[1]))
    every: list[float] = []
    for page, times in [*rows, ("all", every)]:
        if page != "all":
            every.extend(times)
        else:
            print("-" * len(head))
        ordered = sorted(times) or [0.0]
        errors = sum(rec.errors.values()) if page == "all" else rec.errors[page]
        print(
            f"{page:<20} {len(times):>8} {len(times) / elapsed:>7.1f} {percentile(ordered, 0.50):>7.0f} "
            f"{percentile(ordered, 0.95):>7.0f} {percentile(ordered, 0.99):>7.0f} {errors:>7}"
        )
    total, errors = len(every), sum(rec.errors.values())
    print(
        f"{elapsed:.0f} s; load average (1/5/15 min) at start {fmt_load(load_start)}, at end "
        f"{fmt_load(load_end)}; this client used {client_cpu:.0f} s of CPU ({client_cpu / elapsed:.0%} of a core)"
    )
    if log:
        # config/gunicorn.conf.py logs each request's time in the worker: the rest is the wait
        # in the listen queue for a free worker (and the client's own time).
        with log.open("rb") as lines:
            lines.seek(log_offset)
            served = sorted(float(ms) for ms in re.findall(rb'" [0-9]{3} \S+ ([0-9]+)ms "', lines.read()))
        if served:
            print(
                f"time in the worker (gunicorn's log, {len(served)} requests): p50 {percentile(served, 0.5):.0f} ms, "
                f"p95 {percentile(served, 0.95):.0f} ms, p99 {percentile(served, 0.99):.0f} ms"
            )
    if name in GOALS:
        print(f"issue 14: {GOALS[name]}")
    for sample in rec.samples:
        print(f"  error: {sample}")
    return total, errors


def fmt_load(load: tuple[float, float, float]) -> str:
    return "/".join(f"{x:.2f}" for x in load)


def worker_pids(master: int) -> list[int]:
    """The gunicorn master's children, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                found.append(int(entry.name))
    return found


def parse_phases(values: list[str] | None, duration: float) -> list[tuple[str, float]]:
    phases = []
    for value in values or ["mixed"]:
        name, _, seconds = value.partition(":")
        if name not in PHASES:
            raise LoadError(f"unknown phase {name!r}: one of {', '.join(PHASES)}")
        phases.append((name, float(seconds) if seconds else duration))
    return phases


def start_stack(stack: smoke.Stack, workers: int) -> tuple[str, int]:
    """Migrate, load the demo, start gunicorn; returns its URL and its master's pid."""
    manage = (str(smoke.PYTHON), "manage.py")
    static = stack.start("collectstatic", *manage, "collectstatic", "--noinput", "-v0")
    stack.run("migrate", *manage, "migrate", "--noinput", "-v0")
    smoke.check(static.wait() == 0, "collectstatic failed")
    base = local_only(f"http://{HOST}:{smoke.free_port()}")
    extra = {"FAZHI_BIND": base.removeprefix("http://")}
    if workers:
        extra["FAZHI_WEB_WORKERS"] = str(workers)
    web = stack.start("web", str(smoke.GUNICORN), "-c", "config/gunicorn.conf.py", extra=extra)
    stack.run("load_demo", *manage, "load_demo")
    smoke.wait_healthy(stack, base)
    if web.poll() is not None:
        raise LoadError(f"gunicorn stopped (exit {web.returncode})")
    return base, web.pid


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/loadtest.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=32, help="concurrent users (default 32)")
    parser.add_argument(
        "--duration",
        type=float,
        default=float(os.environ.get("LOADTEST_DURATION") or 600),
        help="seconds of each phase (default 600, or env LOADTEST_DURATION)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="gunicorn workers (default 2, as issue 14 measured; 0: config/gunicorn.conf.py's 2 × cores + 1)",
    )
    parser.add_argument(
        "--phase",
        action="append",
        metavar="NAME[:SECONDS]",
        help="mixed (default), ledger or home; repeat to run several one after the other",
    )
    parser.add_argument("--url", help=f"a running server on the demo, http://{HOST}:PORT (no setup)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    try:
        phases = parse_phases(args.phase, args.duration)
        url = local_only(args.url) if args.url else None
    except LoadError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.users < 1 or any(seconds <= 0 for _, seconds in phases):
        print("--users and the durations must be positive", file=sys.stderr)
        return 2

    database = os.environ.get("FAZHI_LOADTEST_DATABASE_URL") or os.environ.get("FAZHI_TEST_DATABASE_URL")
    if url is None and not (database or "").startswith(("postgres://", "postgresql://")):
        print(
            "needs a throwaway PostgreSQL: scripts/with-postgres.sh scripts/loadtest.sh "
            "(or FAZHI_LOADTEST_DATABASE_URL naming an empty database, or --url of a running server)",
            file=sys.stderr,
        )
        return 2
    work = Path(tempfile.mkdtemp(prefix="fazhi-loadtest."))
    (work / "logs").mkdir()
    env = smoke.production_env(work, database or "")
    stack = smoke.Stack(env, work / "logs")

    def on_signal(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    total = errors = 0
    try:
        if url is None:
            print(f"setting up: migrate, load_demo, collectstatic (cores: {os.cpu_count()}) …", flush=True)
            base, master = start_stack(stack, args.workers)
            count = len(worker_pids(master))
            how = f"--workers {args.workers}" if args.workers else "config/gunicorn.conf.py's 2 × cores + 1"
            print(f"gunicorn on {base}: {count} workers ({how}), PostgreSQL, config.settings_production")
        else:
            base, master = url, 0
            print(f"server already running on {base} (its workers are not known here)")
        for number, (name, seconds) in enumerate(phases):
            log = work / "logs" / "web.log" if master else None
            phase_total, phase_errors = run_phase(
                base, name, seconds, args.users, args.seed + 1000 * number, log
            )
            total += phase_total
            errors += phase_errors
        if master:
            booted = (work / "logs" / "web.log").read_text("utf-8", "replace").count("Booting worker")
            print(f"\ngunicorn worker starts: {booted} (max_requests recycles workers; first start included)")
    except Exception as exc:  # noqa: BLE001 - whatever stops the setup: its reason and the logs
        stack.stop()
        stack.tails()
        reason = exc if isinstance(exc, smoke.SmokeFailure | LoadError) else f"{type(exc).__name__}: {exc}"
        print(f"FAIL: load test: {reason}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        stack.stop()
        shutil.rmtree(work, ignore_errors=True)
    share = errors / total if total else 1.0
    verdict = "FAIL" if share > ERROR_SHARE else "ok"
    print(f"{verdict}: {errors} errors in {total} requests ({share:.2%}; limit {ERROR_SHARE:.0%})")
    return 1 if share > ERROR_SHARE else 0


if __name__ == "__main__":
    sys.exit(main())
