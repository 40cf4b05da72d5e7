"""The production settings pass Django's deployment checks with a real secret, share their
cache between processes and serve hashed, collected static files."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_reports_no_warnings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "library_cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "thuvien.example.vn",
        "SITE_URL": "https://thuvien.example.vn",
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


def production_setting(expression):
    """``expression`` (on ``settings``) evaluated in a process run with the production settings."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "library_cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
    }
    code = f"import json; from django.conf import settings; print(json.dumps({expression}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.django_db
def test_production_static_files_are_collected_hashed_and_served(settings, tmp_path, client):
    storage = production_setting('settings.STORAGES["staticfiles"]')
    assert storage == {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": storage}
    settings.STATIC_ROOT = str(tmp_path / "static")
    call_command("collectstatic", interactive=False, verbosity=0)

    home = client.get("/")  # the first request: WhiteNoise reads STATIC_ROOT now
    assert home.status_code == 200
    html = home.content.decode()
    link = re.search(r'<link rel="stylesheet" href="/static/(css/site\.[0-9a-f]{12}\.css)">', html)
    assert link, "the stylesheet is not linked by its hashed name"
    collected = tmp_path / "static" / link[1]
    assert collected.is_file() and (tmp_path / "static" / f"{link[1]}.gz").is_file()
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert manifest["paths"]["css/site.css"] == link[1]
    served = client.get(f"/static/{link[1]}")
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == collected.read_bytes()
    assert "immutable" in served["Cache-Control"]  # a hashed name never changes its content


def test_the_wsgi_application_keeps_what_loading_made_out_of_the_collectors_full_passes():
    """A full garbage collection walks only what requests made, not the ~190,000 objects of the
    loaded site (modules, models, the URLconf), which gunicorn's workers keep for their life."""
    probe = ("import gc, sys, library_cms.wsgi; "
             "print(gc.get_freeze_count(), 'library_cms.urls' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env=os.environ)
    assert result.returncode == 0, result.stderr
    frozen, urls_loaded = result.stdout.split()
    assert int(frozen) > 100_000 and urls_loaded == "True"
