"""Production settings (docs/deploy.md): ``DJANGO_SETTINGS_MODULE=config.settings_production``.

The base settings with DEBUG off, static files collected into STATIC_ROOT and served by WhiteNoise
under hashed names, and the repository's development key refused. Over HTTPS (``FAZHI_HTTPS=1``,
nginx in front setting ``X-Forwarded-Proto``): HSTS, secure cookies, redirect to https. Without
it the intranet runs plain HTTP, and only the checks about HTTPS are silenced.

``manage.py check --deploy --settings=config.settings_production`` is clean either way
(tests/test_production_settings.py).
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403
from .settings import BASE_DIR, DEV_SECRET_KEY, SECRET_KEY, env, env_bool

DEBUG = False

if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "生产配置不能使用仓库中的开发密钥或过短的密钥：请在环境变量 FAZHI_SECRET_KEY 中设置至少50个字符的随机密钥"
        '（例如 python -c "import secrets; print(secrets.token_urlsafe(50))" 的输出），并妥善保管。\n'
        "The production settings refuse the repository's development secret key (or a short one): set "
        "FAZHI_SECRET_KEY to a random key of at least 50 characters, e.g. the output of "
        'python -c "import secrets; print(secrets.token_urlsafe(50))".'
    )

# collectstatic copies every static file here once; WhiteNoise serves them with far-future caching
# under names carrying their hash, and compressed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
STATIC_ROOT = Path(env("FAZHI_STATIC_ROOT", str(BASE_DIR / "staticfiles")))

# nginx on the same server: its X-Real-IP names the client in the audit log (docs/deploy.md).
FAZHI_PROXY_ADDRESSES = [a for a in env("FAZHI_PROXY_ADDRESSES", "127.0.0.1,::1").split(",") if a]

HTTPS = env_bool("FAZHI_HTTPS")
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes on the server itself ask over plain HTTP
    # nginx terminates TLS and says so; gunicorn listens on 127.0.0.1 only, so nobody else can.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("FAZHI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False
    SILENCED_SYSTEM_CHECKS = [
        # Browsers' HSTS preload list is for public domain names; an intranet name cannot be on it.
        "security.W021",
    ]
else:
    SILENCED_SYSTEM_CHECKS = [
        # A unit's intranet may serve the platform over plain HTTP (no certificate authority there):
        # these four checks are about HTTPS only. Set FAZHI_HTTPS=1 once nginx has a certificate.
        "security.W004",  # SECURE_HSTS_SECONDS
        "security.W008",  # SECURE_SSL_REDIRECT
        "security.W012",  # SESSION_COOKIE_SECURE
        "security.W016",  # CSRF_COOKIE_SECURE
    ]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},  # to journald
    "root": {"handlers": ["console"], "level": env("FAZHI_LOG_LEVEL", "WARNING")},
}
