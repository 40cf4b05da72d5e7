"""The catalogue's sitemap and the home page's "Sách mới" at whatever the database holds.

Run after ``bench/opac/import.sh`` (a million records: 100 sitemap pages of 10,000):

    source bench/opac/env.sh && PYTHONPATH=. .venv/bin/python bench/opac/sitemap_bench.py

``SMOKE=1`` with a ``DATABASE_URL`` of your own scratch database (migrated) adds a few thousand
bare records first and measures in seconds. Prints medians of ``ROUNDS`` (default 5): the
sitemap index, the first, middle and last record pages, and the "Sách mới" query.
"""

import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library_cms.settings.production")
django.setup()

from django.test import Client  # noqa: E402

from catalogue.models import Record  # noqa: E402
from catalogue.sitemaps import RECORDS_PER_SITEMAP  # noqa: E402
from catalogue.templatetags.catalogue_tags import newest_with_covers  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "5"))
SMOKE_RECORDS = 3_000


def median_ms(action):
    timings = []
    for _round in range(ROUNDS):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main():
    if os.environ.get("SMOKE") == "1":
        Record.objects.bulk_create(
            [Record(control_number=f"SMOKE{n}", title=f"Sách {n}") for n in range(SMOKE_RECORDS)],
            ignore_conflicts=True,
        )
    client = Client(HTTP_HOST="127.0.0.1")
    count = Record.objects.count()
    pages = max(1, count // RECORDS_PER_SITEMAP)
    print(f"records: {count}, sitemap pages: about {pages}")
    print(f"sitemap.xml: {median_ms(lambda: client.get('/sitemap.xml')):.1f} ms")
    for label, number in (("first", 1), ("middle", max(1, pages // 2)), ("last", pages)):
        ms = median_ms(lambda n=number: client.get("/sitemap-records.xml", {"p": n}))
        print(f"sitemap-records.xml?p={number} ({label}): {ms:.1f} ms")
    print(f"Sách mới (newest 8 with covers): {median_ms(newest_with_covers):.1f} ms")


if __name__ == "__main__":
    main()
