"""Demo content of reader engagement: the reference poll and past visit counts (idempotent)."""

from datetime import timedelta

from engagement.models import DailyVisits, Poll, PollChoice

QUESTION = "Đánh giá của bạn về website Thư viện tỉnh Quảng Ninh"
CHOICES = ["Dễ sử dụng và có ích", "Dễ sử dụng", "Khó sử dụng"]
PAST_DAYS = 30


def load_poll():
    """The reference poll, open with no closing date and featured on the portal."""
    if Poll.objects.filter(question=QUESTION).exists():
        return
    poll = Poll(question=QUESTION, featured=True)
    poll.choices = [PollChoice(text=text, sort_order=n) for n, text in enumerate(CHOICES)]
    poll.save()


def load_visits(today):
    """Plausible page-view counts for the days before ``today`` that have none yet."""
    for offset in range(1, PAST_DAYS + 1):
        day = today - timedelta(days=offset)
        weekend = day.weekday() >= 5
        views = 120 + (day.toordinal() * 37) % 90 + (60 if weekend else 0)
        DailyVisits.objects.get_or_create(day=day, defaults={"views": views})


def load(today):
    """Create whatever part of the engagement demo is missing."""
    load_poll()
    load_visits(today)
