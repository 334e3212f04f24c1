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


# SQLite shared by several people at once (the demo, a small unit's install): readers never wait for
# the writer (WAL); a write transaction takes the write lock when it begins (IMMEDIATE), so two writers
# queue for it, up to ``timeout`` seconds, instead of one failing half-way with "database is locked";
# NORMAL is safe with WAL (a power cut may lose the last commits, never corrupt the file).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database_from_url(url: str) -> dict:
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path[1:] if parsed.path.startswith("//") else parsed.path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path or BASE_DIR / "db.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
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


# The repository's key, for development only: config.settings_production refuses to start with it.
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789"  # noqa: S105
SECRET_KEY = env("FAZHI_SECRET_KEY", DEV_SECRET_KEY)
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
    "csp",
    "simple_history",
    "config.apps.AxesConfig",  # axes and django_tasks_db, named in Chinese for the admin
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "config.apps.TasksDatabaseConfig",
    "fazhi.orgs",
    "fazhi.security",
    "fazhi.records",
    "fazhi.reports",
    "fazhi.disclosure",
    "fazhi.deadlines",
    "fazhi.campaigns",
    "fazhi.inbox",
    "fazhi.portal",
    "fazhi.home",
    "fazhi.demo",
    "fazhi.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "fazhi.lib.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fazhi.ops.middleware.NoStoreMiddleware",  # Cache-Control: no-store except /public/ (and static files)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fazhi.lib.middleware.SessionRefreshMiddleware",  # the idle expiry renewed every 5 minutes, not every request
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fazhi.security.middleware.AuditMiddleware",  # who and from where; downloads and refusals
    "django.contrib.messages.middleware.MessageMiddleware",
    "fazhi.security.passwords.PasswordExpiryMiddleware",
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

# Password policy (等保2.0 二级 身份鉴别, fazhi/security/passwords.py): length, a mix of character
# kinds, and a change at sign-in once a password is older than FAZHI_PASSWORD_MAX_AGE_DAYS (0: never).
FAZHI_PASSWORD_MIN_LENGTH = int(env("FAZHI_PASSWORD_MIN_LENGTH", "8"))
FAZHI_PASSWORD_MIN_CLASSES = int(env("FAZHI_PASSWORD_MIN_CLASSES", "3"))
FAZHI_PASSWORD_MAX_AGE_DAYS = int(env("FAZHI_PASSWORD_MAX_AGE_DAYS", "90"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": FAZHI_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "fazhi.security.passwords.ComplexityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# 等保二级 practice: five wrong passwords lock the user name (not the address: behind an intranet's one
# address that would lock everybody) for 30 minutes; an address trying many names is locked at its own,
# higher limit; the page says when to try again (fazhi/orgs/lockout.py). Idle sessions end after 30 minutes.
AXES_FAILURE_LIMIT = 5  # per user name
FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT = int(env("FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT", "50"))  # per address
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: fazhi.orgs.lockout weighs them
AXES_HANDLER = "fazhi.orgs.lockout.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "fazhi.orgs.lockout.lockout_response"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True  # a successful sign-in clears that name's failures (only them)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the time the page tells holds
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False  # renewed by fazhi.lib.middleware.SessionRefreshMiddleware
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No inline script or style anywhere (tests/test_csp.py): what a page runs is a file under static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # the favicon is a data: URL
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The proxies in front (nginx) whose X-Real-IP header names the client for the audit log; none here,
# 127.0.0.1 in config/settings_production.py.
FAZHI_PROXY_ADDRESSES = [a for a in env("FAZHI_PROXY_ADDRESSES", "").split(",") if a]
# Security audit log (fazhi/security): entries younger than this are never purged (at least 180).
FAZHI_AUDIT_RETENTION_DAYS = int(env("FAZHI_AUDIT_RETENTION_DAYS", "180"))

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
# Evidence files sent by nginx after the permission check (X-Accel-Redirect, docs/deploy.md#nginx).
FAZHI_X_ACCEL = env_bool("FAZHI_X_ACCEL")
FAZHI_X_ACCEL_LOCATION = env("FAZHI_X_ACCEL_LOCATION", "/protected-media/")
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
