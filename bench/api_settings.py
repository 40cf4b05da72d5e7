"""Settings of the API benchmark: production settings plus a stock Wagtail v2 pages endpoint."""

from library_cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.api_urls"

API_CACHE_BYPASS_HEADER = "X-Bench-Cold"  # the cold runs: every request a miss
