"""config.settings_production: ``check --deploy`` finds nothing, over HTTPS and over the intranet's
plain HTTP (only the HTTPS checks silenced there); the repository's development key is refused;
the static files collect under hashed names. Each runs ``manage.py`` as the server would."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FAZHI_", "DJANGO_"))  # conftest allows async-unsafe calls: not a server
    }
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings_production"
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def real_key() -> str:
    return secrets.token_urlsafe(50)


@pytest.mark.parametrize("https", ["1", "0"])
def test_check_deploy_finds_nothing(https):
    done = manage(
        "check", "--deploy", "--fail-level", "WARNING", FAZHI_SECRET_KEY=real_key(), FAZHI_HTTPS=https
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNING" not in done.stderr + done.stdout


def test_over_https_the_cookies_are_secure_and_hsts_is_on():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.DEBUG)"
    )
    done = manage("shell", "-v", "0", "-c", code, FAZHI_SECRET_KEY=real_key(), FAZHI_HTTPS="1")
    assert done.stdout.split() == ["True", "True", "True", "True", "False"], done.stderr


def test_without_a_key_of_its_own_it_refuses_to_start():
    from config.settings import DEV_SECRET_KEY

    for env in ({}, {"FAZHI_SECRET_KEY": DEV_SECRET_KEY}, {"FAZHI_SECRET_KEY": "short"}):
        done = manage("check", **env)
        assert done.returncode != 0
        assert "ImproperlyConfigured" in done.stderr
        assert "生产配置不能使用仓库中的开发密钥" in done.stderr
        assert "refuse the repository's development secret key" in done.stderr


def test_the_development_settings_still_start_with_the_repository_key():
    done = manage("check", DJANGO_SETTINGS_MODULE="config.settings")
    assert done.returncode == 0, done.stderr


def test_the_static_files_collect_under_hashed_names(tmp_path):
    done = manage(
        "collectstatic", "--noinput", "-v0", FAZHI_SECRET_KEY=real_key(), FAZHI_STATIC_ROOT=str(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.glob("js/fazhi.*.js")), "the pages' script under a hashed name"
    assert (tmp_path / "css" / "error-page.css").is_file()  # the 500 page links it by its plain name
    assert (tmp_path / "staticfiles.json").is_file()
