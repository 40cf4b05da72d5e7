"""Production: gunicorn behind a proxy, static files through WhiteNoise."""

from library_cms.config import ConfigError, env, env_bool, env_int

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", False)
if not env("SECRET_KEY"):
    raise ConfigError("SECRET_KEY: must be set in production")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if host != "*"]  # noqa: F405
SECURE_REFERRER_POLICY = "same-origin"
# One cache for every gunicorn worker and host (poll rate limits, visit counters, cached
# widget totals): a table in the database (`make serve` runs `createcachetable`).
CACHES = {
    "default": {
        "BACKEND": "base.cache_backends.ResilientDatabaseCache",  # a missing table: no 500
        "LOCATION": "library_cache",
        # Django's default (300) would drop API reads as soon as a few hundred are kept.
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 10000)},  # noqa: F405
    }
}
LOGGING = {
    **LOGGING,  # noqa: F405
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
