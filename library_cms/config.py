"""Read the environment (and the optional ``.env`` file) into Django settings values.

Every problem is raised as :class:`ConfigError` naming the variable, so that
``manage.py`` and the WSGI entry point can print one clear line instead of a
traceback.
"""

import os
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import dj_database_url
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

SEARCH_SCHEMES = {
    "opensearch": "search.backends.OpenSearchBackend",
    "opensearch2": "search.backends.OpenSearchBackend",
    "opensearch3": "search.backends.OpenSearchBackend",
    "elasticsearch": "search.backends.Elasticsearch9Backend",
    "elasticsearch8": "search.backends.Elasticsearch8Backend",
    "elasticsearch9": "search.backends.Elasticsearch9Backend",
}
DATABASE_BACKEND = "search.backends.DatabaseBackend"
DATABASE_CONNECT_TIMEOUT = 5  # seconds


class ConfigError(Exception):
    """A setting from the environment is missing or malformed."""


def load_env_file(path=BASE_DIR / ".env"):
    """Load ``.env`` into ``os.environ``; variables already set win."""
    load_dotenv(path, override=False)


def env(name, default=""):
    """Return the variable ``name`` stripped, or ``default``."""
    return os.environ.get(name, default).strip()


def env_bool(name, default=False):
    """Read a yes/no variable (1/0, true/false, yes/no, on/off)."""
    value = env(name).lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}: expected true or false, got {value!r}")


def env_int(name, default):
    """Read an integer variable."""
    value = env(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name}: expected a whole number, got {value!r}") from None


def env_seconds(name, default):
    """Read a positive number of seconds (``2``, ``0.5``)."""
    value = env(name)
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0
    if not seconds > 0:
        raise ConfigError(f"{name}: expected a number of seconds above 0, got {value!r}")
    return seconds


def env_list(name, default=()):
    """Read a comma-separated list."""
    value = env(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_database_url(url):
    """Turn ``DATABASE_URL`` into a Django ``DATABASES['default']`` dict.

    A connection is kept for a minute and checked before it is reused (so the first request
    after a database restart reconnects instead of failing); PostgreSQL gives up connecting
    after 5 s (``?connect_timeout=`` in the URL to change it), so that an unreachable database
    is answered 503 at once rather than after the operating system's long TCP timeout.
    """
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError on a malformed port
    except Exception as exc:  # dj-database-url raises several types
        raise ConfigError(f"DATABASE_URL is malformed ({exc}): {url!r}") from None
    engine = config.get("ENGINE", "")
    if "sqlite" not in engine and not config.get("NAME"):
        raise ConfigError(f"DATABASE_URL names no database: {url!r}")
    if "sqlite" in engine:
        config.pop("CONN_HEALTH_CHECKS", None)
        config["CONN_MAX_AGE"] = 0
        # Readers never wait for a writer (write-ahead log), a commit does not wait for the
        # disk twice, and a write takes its lock when its transaction starts (no deadlock
        # between two workers upgrading read locks: "database is locked").
        config.setdefault("OPTIONS", {}).update(
            init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            transaction_mode="IMMEDIATE")
    if "postgresql" in engine:
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    return config


def parse_site_url(url):
    """Turn ``SITE_URL`` into ``(url, hostname, port)``, the public address of the site.

    Wagtail's ``Site`` keeps a host name and a port and writes ``https://`` for port 443 only,
    ``http://`` otherwise: so ``https`` must be on 443 and ``http`` on any other port.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"SITE_URL is malformed ({exc}): {url!r}") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(f"SITE_URL must be http(s)://host[:port]: {url!r}")
    if parts.path.strip("/") or parts.query or parts.fragment or parts.username:
        raise ConfigError(f"SITE_URL is the site's root, with no path: {url!r}")
    port = port or (443 if parts.scheme == "https" else 80)
    if (parts.scheme == "https") != (port == 443):
        raise ConfigError(
            f"SITE_URL: https is served on port 443 only, http on any other port: {url!r}"
        )
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    default_port = 443 if parts.scheme == "https" else 80
    root = f"{parts.scheme}://{host}" + ("" if port == default_port else f":{port}")
    return root, parts.hostname, port


def search_backends(url, index_prefix, replicas=1, timeout=30, shards=None, pool_size=10):
    """Return ``WAGTAILSEARCH_BACKENDS``: the engine of ``SEARCH_URL`` as ``default``, and
    Wagtail's database backend, kept up to date beside it, as the readers' ``fallback``
    while the engine is down. An empty ``SEARCH_URL`` makes the database the default.
    """
    default = parse_search_url(url, index_prefix, replicas, timeout, shards, pool_size)
    if default["BACKEND"] == DATABASE_BACKEND:
        return {"default": default}
    return {"default": default, "fallback": {"BACKEND": DATABASE_BACKEND}}


def parse_search_url(url, index_prefix, replicas=1, timeout=30, shards=None, pool_size=10):
    """Turn ``SEARCH_URL`` into one ``WAGTAILSEARCH_BACKENDS`` entry.

    ``opensearch://host:port`` (or ``opensearch3://``) selects OpenSearch 2.x or 3.x (opensearch-py
    3, which serves both), ``elasticsearch://`` the Elasticsearch backend of the installed client;
    several hosts (the nodes of a cluster) are comma-separated (``opensearch://a:9200,b:9200``):
    a request that cannot reach one node, or times out on it, is sent to another, and a node
    that failed is left aside for a while (the clients' own retries and dead-node back-off).
    ``shards`` (``SEARCH_SHARDS``), when given, is every index's number of shards; add
    ``+https`` to the scheme (``opensearch+https://user:pw@host``) for TLS.
    An empty value selects Wagtail's database backend. ``timeout`` (seconds) is the client's
    (``SEARCH_TIMEOUT``); while a web request is served, ``SEARCH_READER_TIMEOUT`` caps it
    (``search.breaker``). ``pool_size`` is how many connections to each engine host the client
    keeps open (``SEARCH_POOL_SIZE``): at least one per thread that searches at once, else each
    request beyond opens a new connection (opensearch-py keeps only one by default).
    """
    if not url:
        return {"BACKEND": DATABASE_BACKEND}
    scheme, sep, rest = url.partition("://")
    engine, _, transport = scheme.lower().partition("+")
    transport = transport or "http"
    if not sep or engine not in SEARCH_SCHEMES or transport not in {"http", "https"}:
        known = ", ".join(f"{name}://" for name in SEARCH_SCHEMES)
        raise ConfigError(f"SEARCH_URL must start with one of {known}: {url!r}")
    userinfo, _, hosts = rest.rpartition("@")
    urls = []
    for host in hosts.rstrip("/").split(","):
        candidate = f"{transport}://{userinfo + '@' if userinfo else ''}{host.strip()}"
        try:
            parsed = urlsplit(candidate)
            parsed.port  # noqa: B018 -- raises ValueError on a malformed port
        except ValueError as exc:
            raise ConfigError(f"SEARCH_URL is malformed ({exc}): {url!r}") from None
        if not parsed.hostname:
            raise ConfigError(f"SEARCH_URL names no host: {url!r}")
        urls.append(candidate)
    index = {"number_of_replicas": replicas, **({"number_of_shards": shards} if shards else {})}
    return {
        "BACKEND": SEARCH_SCHEMES[engine],
        "URLS": urls,
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        "INDEX_SETTINGS": {"settings": {"index": index}},
        # one retry on another node per other node; a timeout is retried only when there is one
        "OPTIONS": {"max_retries": max(1, len(urls) - 1), "retry_on_timeout": len(urls) > 1, (
            "pool_maxsize" if engine.startswith("opensearch") else "connections_per_node"):
            pool_size},
    }


MEDIA_STORAGE_OPTIONS = {  # query parameters of MEDIA_STORAGE -> django-storages' S3 options
    "endpoint_url": str, "region_name": str, "custom_domain": str, "addressing_style": str,
    "default_acl": str, "querystring_auth": bool,
}


def parse_media_storage(url):
    """Turn ``MEDIA_STORAGE`` into ``STORAGES['default']``: empty for the local disk
    (``MEDIA_ROOT``), ``s3://bucket[/prefix]?endpoint_url=…&region_name=…`` for an S3-compatible
    server through django-storages. The credentials come from ``AWS_ACCESS_KEY_ID`` and
    ``AWS_SECRET_ACCESS_KEY``. Media URLs are the bucket's own, unsigned (the bucket lets anyone
    read: media is public) unless ``querystring_auth=true``; uploads never overwrite a file.
    """
    if not url:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc or parts.username or parts.fragment:
        raise ConfigError(f"MEDIA_STORAGE must be s3://bucket[/prefix]?options: {url!r}")
    options = {"bucket_name": parts.netloc, "location": parts.path.strip("/"),
               "file_overwrite": False, "querystring_auth": False}
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name not in MEDIA_STORAGE_OPTIONS:
            known = ", ".join(MEDIA_STORAGE_OPTIONS)
            raise ConfigError(f"MEDIA_STORAGE: unknown option {name!r} (known: {known}): {url!r}")
        is_flag = MEDIA_STORAGE_OPTIONS[name] is bool
        options[name] = value.lower() in {"1", "true", "yes", "on"} if is_flag else value
    if "endpoint_url" in options:  # a server of our own: no bucket-named host in its DNS
        options.setdefault("addressing_style", "path")
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
