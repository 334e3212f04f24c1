"""Two web processes and one job worker on one PostgreSQL: the production configuration, end to end.

Run on a throwaway database: ``scripts/with-postgres.sh scripts/smoke-two-web.sh`` (``make smoke``;
``make test`` runs it after the PostgreSQL suite). docs/deploy.md#two-process-check.

It migrates the empty database, loads the demo, collects the static files, then starts two gunicorn
servers (config.settings_production, config/gunicorn.conf.py) on two ports of 127.0.0.1 and one
``manage.py db_worker``, waits for both ``/healthz``, and over HTTP:

1. on A, a unit's clerk signs in, writes a marker into a draft report's preamble and submits it;
2. on B, the unit's head, in a session of his own, sees the marker and the status 待负责人审定,
   and returns the report with a comment;
3. on A, the clerk's session (made on A) sees the return and the comment; the same session
   cookie is honoured by B (sessions live in the database, not in one process);
4. on A, the office uploads a file to its campaign (a background job); on B the upload panel
   shows the file handled by the worker, no longer queued.

Everything it started is stopped on exit. Prints PASS or FAIL; exits 1 on failure.
Only the standard library: urllib with a cookie jar.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DEMO_PASSWORD = "Fazhi@2024demo"  # noqa: S105 - the demo's published password (fazhi/demo/load.py)
# Demo units whose 2024 report stays a draft (fazhi/demo): the first one found editable is used.
DEMO_PREFIXES = ["cgw", "jyj", "scj", "sfj", "wjw"]
OFFICE = "nk_yfzqb"  # 南开区依法治区办, which runs the district's campaigns
TIMEOUT = 30.0  # seconds: a server's start, a job's run


class SmokeFailure(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def say(message: str) -> None:
    print(f"[smoke {time.monotonic() - START:5.1f}s] {message}", flush=True)


START = time.monotonic()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Client:
    """A browser of one person on one server: its own cookie jar, the CSRF token from the forms."""

    def __init__(self, base: str, jar: http.cookiejar.CookieJar | None = None) -> None:
        self.base = base
        self.jar = jar if jar is not None else http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(
        self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})  # noqa: S310 - http://127.0.0.1 only
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.geturl(), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.geturl(), exc.read().decode("utf-8", "replace")

    def get(self, path: str) -> str:
        status, url, body = self.request(path)
        check(status == 200, f"GET {self.base}{path}: HTTP {status} ({url})\n{body[:500]}")
        return body

    def csrf(self, page: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        check(found is not None, "no CSRF token in the page")
        assert found is not None
        return found.group(1)

    def post(self, path: str, fields: dict[str, str], *, token_from: str) -> tuple[str, str]:
        fields = {"csrfmiddlewaretoken": self.csrf(token_from), **fields}
        data = urllib.parse.urlencode(fields).encode()
        status, url, body = self.request(
            path, data, {"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base + path}
        )
        check(status == 200, f"POST {self.base}{path}: HTTP {status} ({url})\n{body[:500]}")
        return url, body

    def post_file(self, path: str, field: str, name: str, content: bytes, *, token_from: str) -> str:
        boundary = uuid.uuid4().hex
        quoted = urllib.parse.quote(name)
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{self.csrf(token_from)}\r\n".encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{quoted}"; '
            f"filename*=UTF-8''{quoted}\r\nContent-Type: text/plain\r\n\r\n".encode()
            + content
            + b"\r\n",
            f"--{boundary}--\r\n".encode(),
        ]
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": self.base + path}
        status, url, body = self.request(path, b"".join(parts), headers)
        check(status == 200, f"POST {self.base}{path} (file): HTTP {status} ({url})\n{body[:500]}")
        return body

    def login(self, username: str) -> None:
        page = self.get("/login/")
        url, body = self.post("/login/", {"username": username, "password": DEMO_PASSWORD}, token_from=page)
        check("/login/" not in url, f"{username} could not sign in on {self.base}\n{body[:500]}")


def report_status(page: str) -> str:
    found = re.search(r'<span class="status status-(\w+)">', page)
    return found.group(1) if found else ""


def find_draft_report(base: str) -> tuple[str, Client, int, str]:
    """A demo clerk on ``base`` with a report they may still edit: (prefix, client, id, page)."""
    for prefix in DEMO_PREFIXES:
        clerk = Client(base)
        clerk.login(f"{prefix}_clerk")
        listing = clerk.get("/reports/")
        for report_id in dict.fromkeys(int(i) for i in re.findall(r'href="/reports/(\d+)/"', listing)):
            page = clerk.get(f"/reports/{report_id}/")
            if 'id="report-head"' in page:
                return prefix, clerk, report_id, page
    raise SmokeFailure("no demo clerk has a draft report to edit")


def scenario(a: str, b: str) -> None:
    marker = f"冒烟测试 {uuid.uuid4().hex[:12]}"

    # 1. A: the clerk writes and submits.
    prefix, clerk, report_id, page = find_draft_report(a)
    revision = re.search(r'name="revision" value="(\d+)"', page)
    check(revision is not None, "no revision in the report editor")
    assert revision is not None
    clerk.post(
        f"/reports/{report_id}/preamble/",
        {"text": f"{marker}：本报告经两个进程写入和读取。", "revision": revision.group(1)},
        token_from=page,
    )
    page = clerk.get(f"/reports/{report_id}/")
    check(marker in page, "A: the preamble just saved is not on A's page")
    clerk.post(f"/reports/{report_id}/submit/", {}, token_from=page)
    say(f"A: {prefix}_clerk saved the preamble of report {report_id} and submitted it")

    # 2. B: the head, signed in on B only, reads it and returns it.
    head = Client(b)
    head.login(f"{prefix}_head")
    page = head.get(f"/reports/{report_id}/")
    check(marker in page, "B: the preamble written through A is not on B's page")
    check(report_status(page) == "submitted", f"B: status {report_status(page)!r}, expected 'submitted'")
    comment = f"{marker} 退回：请补充数据来源。"
    head.post(f"/reports/{report_id}/return/", {"comment": comment}, token_from=page)
    say(f"B: {prefix}_head read the marker and the status 'submitted', and returned the report")

    # 3. A: the clerk sees the return; the clerk's session, made on A, is good on B.
    page = clerk.get(f"/reports/{report_id}/")
    check(report_status(page) == "returned", f"A: status {report_status(page)!r}, expected 'returned'")
    check(comment in page, "A: the head's comment written through B is not on A's page")
    page = Client(b, clerk.jar).get(f"/reports/{report_id}/")
    check(marker in page and 'id="report-head"' in page, "B: the clerk's session from A is not honoured")
    say("A: the clerk reads the return and its comment; B honours the clerk's session made on A")

    # 4. A: the office uploads a file (a background job); B shows it handled by the worker.
    office = Client(a)
    office.login(OFFICE)
    campaign = re.search(r'href="/campaigns/(\d+)/"', office.get("/campaigns/"))
    check(campaign is not None, "A: the office has no campaign")
    assert campaign is not None
    board_path = f"/campaigns/{campaign.group(1)}/"
    name = f"冒烟测试-{uuid.uuid4().hex[:8]}.txt"
    body = f"{marker}\n某单位2024年度法治政府建设情况报告\n一、主要举措和成效\n".encode()
    office.post_file(f"{board_path}uploads/", "files", name, body, token_from=office.get(board_path))
    watcher = Client(b)
    watcher.login(OFFICE)
    deadline = time.monotonic() + TIMEOUT
    status = ""
    while time.monotonic() < deadline:
        panel = watcher.get(f"{board_path}uploads/progress/")
        found = re.search(
            rf'data-item="{re.escape(name)}" data-status="(\w+)">.*?</tr>', panel, flags=re.DOTALL
        )
        check(found is not None, f"B: the file uploaded through A is not in B's upload panel: {name}")
        assert found is not None
        status = found.group(1)
        if status != "queued":
            break
        time.sleep(0.5)
    check(status not in {"", "queued"}, f"the worker did not handle the upload within {TIMEOUT:.0f} s")
    cells = re.findall(r"<td>(.*?)</td>", found.group(0), flags=re.DOTALL) if found else []
    reason = re.sub(r"<[^>]+>", "", cells[-1]).strip() if cells else ""
    say(f"A: the office uploaded {name}; B shows the worker's result: {status} {reason[:80]}")


class Stack:
    """The processes started here, each in its own process group, stopped on exit."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs = env, logs
        self.procs: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, *cmd: str, extra: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        proc = subprocess.Popen(  # noqa: S603 - our own commands
            cmd,
            cwd=ROOT,
            env={**self.env, **(extra or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs.append((name, proc))
        return proc

    def run(self, name: str, *cmd: str) -> None:
        proc = self.start(name, *cmd)
        if proc.wait() != 0:
            raise SmokeFailure(f"{name} failed (exit {proc.returncode})")

    def alive(self) -> None:
        for name, proc in self.procs:
            if name in {"web-a", "web-b", "worker"} and proc.poll() is not None:
                raise SmokeFailure(f"{name} stopped (exit {proc.returncode})")

    def stop(self) -> None:
        for _, proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for _, proc in self.procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def tails(self) -> None:
        for path in sorted(self.logs.glob("*.log")):
            lines = path.read_text("utf-8", "replace").splitlines()[-25:]
            if lines:
                print(f"--- {path.name} (last {len(lines)} lines) ---", file=sys.stderr)
                print("\n".join(lines), file=sys.stderr)


def wait_healthy(stack: Stack, base: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        stack.alive()
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200 and response.read() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise SmokeFailure(f"{base}/healthz did not answer ok within {TIMEOUT:.0f} s")


def production_env(work: Path, database: str) -> dict[str, str]:
    """The production configuration's environment for a throwaway run in ``work`` on ``database``:
    a fresh secret key, 127.0.0.1 only, no HTTPS. The demo publishes reports: their PDFs
    (LibreOffice, seconds each) would queue before the jobs a run watches, so they are off."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_production",
        "FAZHI_SECRET_KEY": secrets.token_urlsafe(50),
        "FAZHI_DATABASE_URL": database,
        "FAZHI_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "FAZHI_STATIC_ROOT": str(work / "static"),
        "FAZHI_MEDIA_ROOT": str(work / "media"),
        "FAZHI_HTTPS": "0",
        "FAZHI_PUBLISH_PDF": "0",
        "PYTHONUNBUFFERED": "1",
    }


def main() -> int:
    # Never FAZHI_DATABASE_URL from the environment: this loads the demo into the database it is given.
    database = os.environ.get("FAZHI_SMOKE_DATABASE_URL") or os.environ.get("FAZHI_TEST_DATABASE_URL")
    if not database or not database.startswith(("postgres://", "postgresql://")):
        print(
            "FAIL: needs a throwaway PostgreSQL: scripts/with-postgres.sh scripts/smoke-two-web.sh "
            "(or FAZHI_SMOKE_DATABASE_URL naming an empty database)",
            file=sys.stderr,
        )
        return 2
    work = Path(tempfile.mkdtemp(prefix="fazhi-smoke."))
    (work / "logs").mkdir()
    # Two servers are the point, not workers within one.
    env = production_env(work, database) | {"FAZHI_WEB_WORKERS": "1"}
    stack = Stack(env, work / "logs")

    def on_signal(
        signum: int, frame: object
    ) -> None:  # a TERM from make or CI: stop what was started, then go
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        manage = (str(PYTHON), "manage.py")
        # What needs no database runs beside what does: collectstatic beside migrate, the servers'
        # start beside load_demo (two cores: the whole run stays near a minute).
        static = stack.start("collectstatic", *manage, "collectstatic", "--noinput", "-v0")
        stack.run("migrate", *manage, "migrate", "--noinput", "-v0")
        check(static.wait() == 0, "collectstatic failed")
        say("migrated, static files collected")
        port_a, port_b = free_port(), free_port()
        a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        gunicorn = (str(GUNICORN), "-c", "config/gunicorn.conf.py")
        stack.start("web-a", *gunicorn, extra={"FAZHI_BIND": f"127.0.0.1:{port_a}"})
        stack.start("web-b", *gunicorn, extra={"FAZHI_BIND": f"127.0.0.1:{port_b}"})
        stack.start("worker", *manage, "db_worker", "--interval", "0.5")
        stack.run("load_demo", *manage, "load_demo")
        say("demo loaded")
        wait_healthy(stack, a)
        wait_healthy(stack, b)
        say(f"web A {a} and web B {b} answer /healthz; worker running")
        scenario(a, b)
        stack.alive()
    except (SmokeFailure, Exception) as exc:
        stack.stop()
        stack.tails()
        reason = exc if isinstance(exc, SmokeFailure) else f"{type(exc).__name__}: {exc}"
        print(f"FAIL: two web processes + worker on PostgreSQL: {reason}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("FAIL: interrupted", file=sys.stderr)
        return 130
    finally:
        stack.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"PASS: two web processes + worker on PostgreSQL ({time.monotonic() - START:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
