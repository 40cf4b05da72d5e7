"""The engagement demo: the reference poll, featured, and 30 past days of visits, idempotent."""

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from engagement.demo import load as load_engagement_demo
from engagement.models import DailyVisits, Poll

pytestmark = pytest.mark.django_db


def test_demo_poll_and_visits_are_created_once():
    today = date(2027, 3, 15)
    load_engagement_demo(today)
    load_engagement_demo(today)
    poll = Poll.objects.get()
    assert poll.featured and poll.is_open()
    assert poll.question.startswith("Đánh giá của bạn về website")
    assert [c.text for c in poll.choices.all()] == [
        "Dễ sử dụng và có ích", "Dễ sử dụng", "Khó sử dụng"
    ]
    assert DailyVisits.objects.count() == 30
    assert not DailyVisits.objects.filter(day__gte=today).exists()  # today is counted for real


def test_engagement_sources_are_nfc():
    root = Path(__file__).resolve().parent.parent
    for path in root.rglob("*"):
        if path.suffix in {".py", ".html", ".js", ".css"}:
            text = path.read_text(encoding="utf-8")
            assert unicodedata.is_normalized("NFC", text), path
