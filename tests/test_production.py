"""The production settings pass Django's deployment checks with a real secret."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_reports_no_warnings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "library_cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "thuvien.example.vn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_requires_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "library_cms.settings.production"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_cache_is_shared_between_processes(django_db_setup, settings):
    """Rate limits and counters must hold across gunicorn workers: one process writes, another
    reads."""
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "library_cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
    }

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
            text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    manage("createcachetable")
    manage("shell", "-c", "from django.core.cache import cache; cache.set('thu', 'chung', 60)")
    read = "from django.core.cache import cache; print(cache.get('thu'))"
    assert manage("shell", "-c", read).splitlines()[-1] == "chung"
