"""What the portal's "Bình chọn" and "Thống kê truy cập" widgets show."""

from django.contrib.messages import get_messages

from engagement.identity import Voter
from engagement.models import Poll
from engagement.visits import visit_totals
from engagement.voting import has_voted, visible_results

POLL_MESSAGE_TAG = "binh-chon"


def featured_poll():
    """The poll featured on the portal, or ``None``."""
    return Poll.objects.filter(featured=True).prefetch_related("choices").first()


def poll_context(request, poll, notices=None):
    """The poll widget's context for the reader making ``request``.

    ``notices`` are ``(level, text)`` pairs; by default, the poll's messages left by a vote
    submitted without JavaScript.
    """
    if notices is None:
        notices = [
            (message.level_tag, message.message)
            for message in get_messages(request)
            if POLL_MESSAGE_TAG in message.extra_tags
        ]
    context = {"widget_id": "poll", "poll": poll, "notices": notices, "request": request}
    if poll is None:
        return context
    voted = has_voted(poll, Voter.from_request(request))
    is_open = poll.is_open()
    context.update(
        choices=poll.choices.all(),
        voted=voted,
        is_open=is_open,
        show_form=is_open and not voted,
        results=visible_results(poll, voted, is_open),
    )
    return context


def statistics_context():
    """The visit counters (cached for a few seconds)."""
    return {"widget_id": "statistics", "totals": visit_totals()}
