"""Settings parsing: DATABASE_URL, SEARCH_URL and MEDIA_STORAGE, good and bad."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from library_cms.config import (
    ConfigError,
    env_seconds,
    parse_database_url,
    parse_media_storage,
    parse_search_url,
)

ROOT = Path(__file__).resolve().parent.parent


def test_postgres_url():
    config = parse_database_url("postgres://lib:secret@db.example:6543/catalogue")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", 6543, "catalogue")
    assert config["USER"] == "lib" and config["PASSWORD"] == "secret"
    # a kept connection is checked before reuse; an unreachable database is given up quickly
    assert config["CONN_HEALTH_CHECKS"] is True and config["CONN_MAX_AGE"] == 60
    assert config["OPTIONS"]["connect_timeout"] == 5
    assert parse_database_url("postgres://h/db?connect_timeout=2")["OPTIONS"] == {
        "connect_timeout": 2}


def test_sqlite_url():
    config = parse_database_url("sqlite:////tmp/x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/tmp/x.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


@pytest.mark.parametrize(
    "url", ["not a url", "mysqlx://h/db", "postgres://u@h:port/db", "postgres://u@h:5432/"]
)
def test_bad_database_urls(url):
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        parse_database_url(url)


def test_empty_search_url_is_database_backend():
    assert parse_search_url("", "p_") == {"BACKEND": "search.backends.DatabaseBackend"}


def test_opensearch_url_with_several_hosts():
    config = parse_search_url("opensearch://a:9200,b:9201", "lib_")
    assert config["BACKEND"] == "search.backends.OpenSearchBackend"
    assert config["URLS"] == ["http://a:9200", "http://b:9201"]
    assert config["INDEX_PREFIX"] == "lib_"


def test_elasticsearch_https_url_with_credentials():
    config = parse_search_url("elasticsearch+https://u:pw@es.example:443", "lib_")
    assert config["BACKEND"] == "search.backends.Elasticsearch9Backend"
    assert config["URLS"] == ["https://u:pw@es.example:443"]


@pytest.mark.parametrize(
    "url", ["http://localhost:9200", "opensearch:/x", "opensearch://h:notaport", "solr://h"]
)
def test_bad_search_urls(url):
    with pytest.raises(ConfigError, match="SEARCH_URL"):
        parse_search_url(url, "p_")


def test_engine_timeouts():
    assert parse_search_url("opensearch://a:9200", "lib_")["TIMEOUT"] == 30
    assert parse_search_url("opensearch://a:9200", "lib_", timeout=2.5)["TIMEOUT"] == 2.5


@pytest.mark.parametrize("value,seconds", [("", 2), ("3", 3.0), ("0.5", 0.5)])
def test_seconds_variables(monkeypatch, value, seconds):
    monkeypatch.setenv("SEARCH_READER_TIMEOUT", value)
    assert env_seconds("SEARCH_READER_TIMEOUT", 2) == seconds


@pytest.mark.parametrize("value", ["0", "-1", "soon", "nan"])
def test_bad_seconds_variables(monkeypatch, value):
    monkeypatch.setenv("SEARCH_RETRY_AFTER", value)
    with pytest.raises(ConfigError, match="SEARCH_RETRY_AFTER"):
        env_seconds("SEARCH_RETRY_AFTER", 15)


@pytest.mark.parametrize(
    "name,value", [("DATABASE_URL", "postgres://u@h:port/db"), ("SEARCH_URL", "solr://h"),
                   ("SEARCH_READER_TIMEOUT", "two")]
)
def test_manage_py_reports_bad_url_in_one_line(name, value):
    env = {**os.environ, name: value, "DJANGO_SETTINGS_MODULE": "library_cms.settings.dev"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and "Traceback" not in result.stderr


def test_media_storage_is_the_local_disk_unless_an_s3_bucket_is_named():
    assert parse_media_storage("") == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"}
    storage = parse_media_storage(
        "s3://thuvien/media?endpoint_url=http://127.0.0.1:9000&querystring_auth=true")
    assert storage == {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": "thuvien", "location": "media", "endpoint_url": "http://127.0.0.1:9000",
        "addressing_style": "path", "file_overwrite": False, "querystring_auth": True}}
    assert parse_media_storage("s3://thuvien?region_name=ap-southeast-1")["OPTIONS"] == {
        "bucket_name": "thuvien", "location": "", "region_name": "ap-southeast-1",
        "file_overwrite": False, "querystring_auth": False}


@pytest.mark.parametrize("url", [
    "/var/media", "file:///var/media", "s3://", "s3://key:secret@bucket", "s3://b?acl=private",
])
def test_bad_media_storage(url):
    with pytest.raises(ConfigError, match="MEDIA_STORAGE"):
        parse_media_storage(url)


def test_engine_connection_pool_size():
    assert parse_search_url("opensearch://a:9200", "lib_", pool_size=6)["OPTIONS"][
        "pool_maxsize"] == 6
    assert parse_search_url("elasticsearch://a:9200", "lib_", pool_size=6)["OPTIONS"][
        "connections_per_node"] == 6


def test_several_hosts_retry_on_another_node():
    one = parse_search_url("opensearch://a:9200", "lib_")
    assert one["OPTIONS"] == {"max_retries": 1, "retry_on_timeout": False, "pool_maxsize": 10}
    three = parse_search_url("opensearch://a:9200,b:9200,c:9200", "lib_")
    assert three["OPTIONS"] == {"max_retries": 2, "retry_on_timeout": True, "pool_maxsize": 10}


def test_shards_and_replicas_of_every_index():
    config = parse_search_url("opensearch://a:9200", "lib_", replicas=1, shards=3)
    assert config["INDEX_SETTINGS"] == {
        "settings": {"index": {"number_of_replicas": 1, "number_of_shards": 3}}}
    unset = parse_search_url("opensearch://a:9200", "lib_", replicas=0)
    assert unset["INDEX_SETTINGS"] == {"settings": {"index": {"number_of_replicas": 0}}}


def test_opensearch3_url():
    config = parse_search_url("opensearch3://a:9200", "lib_")
    assert config["BACKEND"] == "search.backends.OpenSearchBackend"
