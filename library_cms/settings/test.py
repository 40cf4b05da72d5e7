"""Test settings: PostgreSQL only, fast hashing, an index prefix of its own."""

import hashlib

from library_cms.config import ConfigError, env, env_int, search_backends

from .base import *  # noqa: F403

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    raise ConfigError(
        "DATABASE_URL: the tests run on PostgreSQL only; use `make test`, which starts it"
    )

# One test database and index prefix per checkout, so two clones can run `make test`
# on one PostgreSQL server and one search engine.
CHECKOUT_ID = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:8]  # noqa: F405
DATABASES["default"]["TEST"] = {"NAME": f"test_library_{CHECKOUT_ID}"}  # noqa: F405
# A process that a test starts (the catalogue import job) works in that test's database.
if env("TEST_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = env("TEST_DATABASE_NAME")  # noqa: F405
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
SEARCH_INDEX_PREFIX = env("TEST_SEARCH_INDEX_PREFIX", f"test_library_{CHECKOUT_ID}_")
WAGTAILSEARCH_BACKENDS = search_backends(
    env("SEARCH_URL"), SEARCH_INDEX_PREFIX, env_int("SEARCH_REPLICAS", 1),  # noqa: F405
    SEARCH_TIMEOUT, SEARCH_SHARDS, SEARCH_POOL_SIZE,  # noqa: F405
)
