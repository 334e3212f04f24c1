"""Test settings: fast hashing, in-memory SQLite unless FAZHI_DATABASE_URL points elsewhere."""

import os
import tempfile

from .settings import *  # noqa: F403
from .settings import database_from_url

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; prod uses Argon2
if os.environ.get("FAZHI_TEST_DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["FAZHI_TEST_DATABASE_URL"])}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="fazhi-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # jobs run inline
FAZHI_PUBLISH_PDF = False  # LibreOffice takes seconds: the PDF tests switch it on
