"""The real job worker in a test: the database queue instead of the tests' immediate backend, and
``manage.py db_worker --batch`` to run what is ready."""

from __future__ import annotations

import io
import logging
import signal
from unittest import mock

from django.core.management import call_command

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker() -> str:
    """``manage.py db_worker --batch``: every ready task, then exit. The worker closes a connection it
    finds inside a transaction (``close_old_connections``), which a test case's always is: that one
    call is stood down; the worker's signal handlers and loggers are put back afterwards."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    saved = [(lg, lg.level, list(lg.handlers)) for lg in loggers]
    out = io.StringIO()
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command(
                "db_worker",
                batch=True,
                interval=0,
                startup_delay=False,
                reload=False,
                worker_id="test-worker",
                verbosity=0,
                stdout=out,
            )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        for lg, level, kept in saved:
            lg.setLevel(level)
            lg.handlers[:] = kept
    return out.getvalue()
