"""Cost of counting a page view and throughput of votes, on a scratch PostgreSQL database.

Run: ``DATABASE_URL=postgres://… .venv/bin/python bench/engagement_bench.py``. It creates and
drops its own database (``bench_library_<checkout>``), so the site's data is never touched.
``SMOKE=1``: tiny sizes, seconds.
Prints medians; nothing is asserted.
"""

import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library_cms.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

SMOKE = os.environ.get("SMOKE") == "1"  # tiny sizes: seconds
VIEWS = int(os.environ.get("VIEWS", 50 if SMOKE else 2000))
REQUESTS = int(os.environ.get("REQUESTS", 20 if SMOKE else 300))
VOTES = int(os.environ.get("VOTES", 50 if SMOKE else 1000))
THREADS = int(os.environ.get("THREADS", 2 if SMOKE else 8))
AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"


def timed(function, repeat):
    """Per-call durations of ``function(n)`` in microseconds."""
    durations = []
    for number in range(repeat):
        start = time.perf_counter()
        function(number)
        durations.append((time.perf_counter() - start) * 1e6)
    return durations


def bench_count_view():
    from engagement.visits import count_view

    steady = timed(lambda n: count_view("same-visitor"), VIEWS)
    new_visitors = timed(lambda n: count_view(f"visitor-{n}"), VIEWS)
    print(f"count_view, returning visitor (one UPDATE): median {statistics.median(steady):.0f} µs")
    print(f"count_view, new visitor (UPDATE + upsert of last_seen): "
          f"median {statistics.median(new_visitors):.0f} µs")


def bench_page_request():
    """``GET /`` with and without the counting middleware, alternated to share the noise."""
    counter = "engagement.middleware.VisitCounterMiddleware"
    without = [m for m in settings.MIDDLEWARE if m != counter]
    with override_settings(MIDDLEWARE=without):
        plain = Client(HTTP_USER_AGENT=AGENT)
        plain.get("/")  # loads its middleware chain now, without the counter
    counting = Client(HTTP_USER_AGENT=AGENT)
    counting.get("/")
    with_counter, without_counter = [], []
    for _request in range(REQUESTS):
        with_counter += timed(lambda n: counting.get("/"), 1)
        without_counter += timed(lambda n: plain.get("/"), 1)
    print(f"GET / (empty portal), with counter: median {statistics.median(with_counter)/1000:.2f}"
          f" ms, without: {statistics.median(without_counter)/1000:.2f} ms")


def bench_votes():
    from engagement.identity import Voter
    from engagement.models import Poll, PollChoice
    from engagement.voting import cast_vote

    poll = Poll(question="Bench?")
    poll.choices = [PollChoice(text=t, sort_order=n) for n, t in enumerate("ABC")]
    poll.save()
    choices = [c.pk for c in poll.choices.all()]

    def vote(number):
        cast_vote(poll.pk, choices[number % 3], Voter(f"t{number}", f"h{number}", False))

    start = time.perf_counter()
    for number in range(VOTES):
        vote(number)
    sequential = VOTES / (time.perf_counter() - start)

    def share(thread):
        try:
            for number in range(VOTES + thread, 2 * VOTES, THREADS):
                vote(number)
        finally:
            connection.close()

    start = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(share, range(THREADS)))
    concurrent = VOTES / (time.perf_counter() - start)
    total = sum(PollChoice.objects.filter(poll=poll).values_list("votes", flat=True))
    print(f"votes: {sequential:.0f}/s on one thread, {concurrent:.0f}/s on {THREADS} threads "
          f"(3 choices; counted {total} of {2 * VOTES})")


def main():
    connection.settings_dict["TEST"]["NAME"] = f"bench_library_{settings.CHECKOUT_ID}"
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        cache.clear()
        bench_count_view()
        bench_page_request()
        bench_votes()
    finally:
        from django.db import connections

        connections.close_all()
        connection.creation.destroy_test_db(name, verbosity=0)
    print(f"{os.cpu_count()} cores, PostgreSQL on 127.0.0.1, {time.strftime('%Y-%m-%d')}")


if __name__ == "__main__":
    main()
