"""Django settings for Fazhi. One file; environment variables override the defaults.

FAZHI_DATABASE_URL: ``sqlite:///path`` (default: db.sqlite3 beside manage.py) or
``postgresql://user:pass@host:port/name``.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def database_from_url(url: str) -> dict:
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path[1:] if parsed.path.startswith("//") else parsed.path)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path or BASE_DIR / "db.sqlite3"}
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parsed.path.lstrip("/"),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            # ?host=/path/to/socket-dir selects a Unix socket (as libpq's own URIs do)
            "HOST": parse_qs(parsed.query).get("host", [parsed.hostname or ""])[0],
            "PORT": str(parsed.port or ""),
        }
    raise ValueError(f"不支持的数据库地址：{url}")


SECRET_KEY = env("FAZHI_SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789")
DEBUG = env_bool("FAZHI_DEBUG", default=False)
ALLOWED_HOSTS = env("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "simple_history",
    "config.apps.AxesConfig",  # axes and django_tasks_db, named in Chinese for the admin
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "config.apps.TasksDatabaseConfig",
    "fazhi.orgs",
    "fazhi.records",
    "fazhi.reports",
    "fazhi.deadlines",
    "fazhi.campaigns",
    "fazhi.inbox",
    "fazhi.portal",
    "fazhi.home",
    "fazhi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "fazhi.lib.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "fazhi.lib.edge.FazhiErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.orgs.context.roles",
                "fazhi.inbox.context.unread",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {"default": database_from_url(env("FAZHI_DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Argon2 first: new and re-saved passwords are hashed with it.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# 等保二级 practice: lock after 5 failures, idle session ends after 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]  # the interface is Chinese whatever the browser asks for
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]  # Chinese for what third-party apps show in the admin
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(env("FAZHI_MEDIA_ROOT", str(BASE_DIR / "media")))

# Uploads: evidence files and Excel imports. Checked again per field in fazhi.lib.uploads.
FAZHI_MAX_UPLOAD_BYTES = int(env("FAZHI_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background jobs (django-tasks): stored in the database, run by `manage.py db_worker` (README, 运维).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The PDF of a published report is made by LibreOffice (`soffice`) in a background job.
FAZHI_PUBLISH_PDF = env_bool("FAZHI_PUBLISH_PDF", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Static files are served by WhiteNoise straight from the app and vendor folders, so
# the demo and an intranet install need no CDN and no separate web server.
WHITENOISE_USE_FINDERS = True
CSRF_FAILURE_VIEW = "fazhi.lib.views.csrf_failure"
