"""Exact counts under concurrency: real threads, each with its own PostgreSQL connection."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from engagement.models import DailyVisits, OnlineVisitor, PollChoice, Vote
from engagement.tests.conftest import make_poll, reader
from engagement.visits import count_view, local_day

# Committed data, seen by every thread; the serialized rollback keeps the migrations' home page
# (like the browser tests, so these tests can run in any order with them).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THREADS = 12


def run_together(count, work):
    """Run ``work(n)`` for n in range(count) on ``THREADS`` threads released at once."""
    start = threading.Barrier(min(count, THREADS))

    def task(number):
        try:
            if number < THREADS:
                start.wait(timeout=30)
            return work(number)
        finally:
            connection.close()

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(task, range(count)))


def api_vote(client, poll, choice):
    return client.post(f"/api/v3/polls/{poll.pk}/vote", {"choice": choice.pk},
                       content_type="application/json").status_code


def test_many_distinct_voters_at_once_are_all_counted():
    poll = make_poll()
    choices = list(poll.choices.all())
    voters = 60

    statuses = run_together(voters, lambda n: api_vote(
        reader(f"10.0.{n // 250}.{n % 250}"), poll, choices[n % len(choices)]))

    accepted = statuses.count(201)
    assert statuses == [201] * voters
    assert Vote.objects.filter(poll=poll).count() == accepted
    assert PollChoice.objects.filter(poll=poll).aggregate(total=Sum("votes"))["total"] == accepted
    for choice in PollChoice.objects.filter(poll=poll):
        assert choice.votes == Vote.objects.filter(choice=choice).count() == voters // 3


def test_one_voter_racing_itself_gets_exactly_one_vote(settings):
    settings.ENGAGEMENT_VOTE_RATE_LIMIT = (1000, 60)
    poll = make_poll()
    choices = list(poll.choices.all())

    statuses = run_together(THREADS * 2, lambda n: api_vote(reader(), poll, choices[n % 3]))

    assert sorted(statuses) == [201] + [409] * (THREADS * 2 - 1)
    assert Vote.objects.count() == 1
    assert PollChoice.objects.aggregate(total=Sum("votes"))["total"] == 1


def test_page_views_from_many_threads_make_an_exact_daily_count():
    views_per_thread = 40
    today = local_day(timezone.now())

    run_together(THREADS, lambda n: [count_view(f"visitor-{n}")
                                     for _view in range(views_per_thread)])

    assert DailyVisits.objects.get(day=today).views == THREADS * views_per_thread


def test_page_views_through_the_middleware_from_many_threads_are_all_counted():
    views_per_thread = 8

    def browse(number):
        client = reader(f"10.1.0.{number}")
        return [client.get("/").status_code for _view in range(views_per_thread)]

    statuses = run_together(THREADS, browse)

    assert all(status == 200 for thread in statuses for status in thread)
    assert DailyVisits.objects.get(day=local_day(timezone.now())).views \
        == THREADS * views_per_thread
    assert OnlineVisitor.objects.count() == THREADS
