"""Work on an untrusted file in a child process that is killed at a time limit and capped in memory.

pdfminer (under pdfplumber) is pure Python: one crafted object (a page tree of millions of
entries, a stream that unpacks to gigabytes) keeps it busy for minutes and gigabytes inside a
single call that nothing in the process can interrupt. ``run_isolated`` forks: the child (a copy
of this process, nothing to import or start) runs the function and sends back its JSON result;
the parent waits at most ``seconds`` and kills the child past it. The child's address space may
grow by ``memory`` bytes at most; beyond, its allocations fail (MemoryError). It touches no
database, no lock held elsewhere, and leaves through ``os._exit`` (no atexit, no flush).

Framework-free, typed strictly; where ``fork`` does not exist (Windows), the function runs in
this process without the limits.
"""

from __future__ import annotations

import json
import os
import select
import signal
import time
from collections.abc import Callable
from typing import Any

try:
    import resource
except ImportError:  # pragma: no cover - not POSIX
    resource = None  # type: ignore[assignment]


class IsolatedError(Exception):
    """The child did not finish: ``kind`` is "timeout", "memory", "raised" (``message``: what it
    raised, ``error``: the exception's class name) or "crashed"."""

    def __init__(self, kind: str, message: str = "", error: str = "") -> None:
        super().__init__(f"{kind}: {error} {message}".strip())
        self.kind = kind
        self.message = message
        self.error = error


def run_isolated(work: Callable[[], Any], *, seconds: float, memory: int) -> Any:
    """``work()`` (returning JSON-able data) run in a child process; ``IsolatedError`` when it
    raised, ran past ``seconds``, or needed more than ``memory`` more bytes."""
    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        return work()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(reader)
        _child(work, writer, memory)
    os.close(writer)
    try:
        data, status = _collect(reader, pid, time.monotonic() + seconds)
    finally:
        os.close(reader)
    if data is None:
        raise IsolatedError("timeout")
    try:
        answer = json.loads(data)
    except ValueError:
        raise IsolatedError("crashed", f"exit status {status}") from None
    if "error" in answer:
        kind = "memory" if answer["error"] == "MemoryError" else "raised"
        raise IsolatedError(kind, answer.get("message", ""), answer["error"])
    return answer["result"]


def _collect(fd: int, pid: int, deadline: float) -> tuple[bytes | None, int]:
    """What the child wrote and its exit status; None for the data when it was killed at the
    deadline. The end is the child's exit, not only the pipe's end: a child forked meanwhile by
    another thread may hold a copy of the pipe."""
    os.set_blocking(fd, False)
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, signal.SIGKILL)
            return None, os.waitpid(pid, 0)[1]
        if select.select([fd], [], [], min(left, 0.2))[0] and _drain(fd, chunks):
            return b"".join(chunks), os.waitpid(pid, 0)[1]
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            _drain(fd, chunks)
            return b"".join(chunks), status


def _drain(fd: int, chunks: list[bytes]) -> bool:
    """Read what is there; whether the pipe has ended."""
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except BlockingIOError:
            return False
        if not chunk:
            return True
        chunks.append(chunk)


def _child(work: Callable[[], Any], writer: int, memory: int) -> None:
    status = 1
    try:
        _limit_memory(memory)
        try:
            answer: dict[str, Any] = {"result": work()}
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the parent
            # A MemoryError wrapped by the library (pdfplumber wraps everything pdfminer raises).
            cause: BaseException | None = exc
            while cause is not None and not isinstance(cause, MemoryError):
                cause = cause.__cause__ or cause.__context__
            error = "MemoryError" if cause is not None else type(exc).__name__
            answer = {"error": error, "message": str(exc)[:500]}
        data = json.dumps(answer, ensure_ascii=False).encode()
        view = memoryview(data)
        while view:
            view = view[os.write(writer, view) :]
        status = 0
    finally:
        os._exit(status)


def _limit_memory(memory: int) -> None:
    """The child may map ``memory`` bytes beyond what the copy of the parent already maps."""
    if resource is None:  # pragma: no cover
        return
    try:
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):  # not Linux: no memory cap, the time limit still holds
        return
    limit = mapped + memory
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
