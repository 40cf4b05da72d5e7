"""Fixtures of the engagement tests: an empty cache, readers' browsers and polls."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from engagement.models import Poll, PollChoice

BROWSER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)
CHOICES = ["Dễ sử dụng và có ích", "Dễ sử dụng", "Khó sử dụng"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters, online marks and cached totals do not leak between tests."""
    cache.clear()
    yield
    cache.clear()


def reader(address="203.0.113.7", agent=BROWSER_AGENT, **kwargs):
    """A test client that looks like a reader's browser at ``address``."""
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent, **kwargs)


@pytest.fixture
def browser():
    return reader()


def make_poll(question="Đánh giá của bạn về website?", choices=CHOICES, **fields):
    """A saved poll, open since an hour ago unless ``fields`` say otherwise."""
    fields.setdefault("opens_at", timezone.now() - timedelta(hours=1))
    poll = Poll(question=question, **fields)
    poll.choices = [PollChoice(text=text, sort_order=n) for n, text in enumerate(choices)]
    poll.save()
    return poll


@pytest.fixture
def poll():
    return make_poll(featured=True)
