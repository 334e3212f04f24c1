"""Shared pytest set-up: the browser tests' live server needs sync DB access from its thread."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
