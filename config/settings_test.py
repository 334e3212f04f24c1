"""Test settings: fast hashing, a throwaway SQLite file unless FAZHI_TEST_DATABASE_URL points elsewhere."""

import os
import tempfile
from pathlib import Path

from .settings import *  # noqa: F403
from .settings import database_from_url

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; prod uses Argon2
if os.environ.get("FAZHI_TEST_DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["FAZHI_TEST_DATABASE_URL"])}
else:
    # A file, as in production (WAL, IMMEDIATE, busy timeout: settings.SQLITE_OPTIONS), not :memory:, so
    # that the concurrency tests' threads each open their own connection to one database
    # (tests/test_concurrency.py). One directory per test run: runs side by side never share it.
    _DB_DIR = Path(tempfile.mkdtemp(prefix="fazhi-test-db-"))
    DATABASES = {
        "default": database_from_url(f"sqlite:///{_DB_DIR / 'fazhi.sqlite3'}")
        | {"TEST": {"NAME": str(_DB_DIR / "test.sqlite3")}}
    }
MEDIA_ROOT = tempfile.mkdtemp(prefix="fazhi-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # jobs run inline
FAZHI_PUBLISH_PDF = False  # LibreOffice takes seconds: the PDF tests switch it on
