"""The headless API of polls and visit counters, on Wagtail's v3 NinjaAPI (``/api/v3/``).

CSRF: these endpoints are anonymous (no session or bearer authentication), so Django Ninja does
not apply Django's CSRF check to them, and the portal's HTML form has its own CSRF-protected
view (``engagement.views.vote``). What stands in for CSRF on ``POST /polls/{id}/vote`` is that
it only accepts ``Content-Type: application/json``: a page on another site cannot make a browser
send that without a CORS preflight, which this site never grants.
"""

from datetime import date, datetime
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from wagtail.api.v3.errors import ProblemDetail, problem_response

from base.dates import LIBRARY_TZ
from engagement.identity import Voter
from engagement.models import Poll
from engagement.ratelimit import allow_vote_attempt
from engagement.visits import daily_series, visit_totals
from engagement.voting import (
    PollNotFound,
    TooManyAttempts,
    VoteRefused,
    cast_vote,
    has_voted,
    visible_results,
)

polls_router = Router(tags=["polls"])
stats_router = Router(tags=["stats"])


class ChoiceSchema(Schema):
    id: int
    text: str


class ChoiceResultSchema(Schema):
    id: int
    text: str
    votes: int
    percent: float = Field(description="share of all votes, 0–100, one decimal")


class ResultsSchema(Schema):
    total: int
    choices: list[ChoiceResultSchema]


class PollSummarySchema(Schema):
    id: int
    question: str
    opens_at: datetime
    closes_at: datetime | None
    featured: bool


class PollSchema(PollSummarySchema):
    is_open: bool
    has_voted: bool = Field(description="whether this client (cookie or address) has voted")
    choices: list[ChoiceSchema]
    results: ResultsSchema | None = Field(
        description="null until the client has voted, unless the poll shows results before "
        "voting or is closed"
    )


class VoteIn(Schema):
    choice: int = Field(description="id of one of the poll's choices")


class DayVisitsSchema(Schema):
    day: date
    views: int


class VisitsSchema(Schema):
    online: int = Field(description="distinct visitors in the last 5 minutes")
    today: int
    this_month: int
    total: int
    day: date = Field(description="today in the library's time zone")
    time_zone: str
    last_30_days: list[DayVisitsSchema]


def poll_detail(request, poll):
    """The ``PollSchema`` data of ``poll`` for the client making ``request``."""
    voted = has_voted(poll, Voter.from_request(request))
    is_open = poll.is_open()
    return {
        "id": poll.pk,
        "question": poll.question,
        "opens_at": poll.opens_at,
        "closes_at": poll.closes_at,
        "featured": poll.featured,
        "is_open": is_open,
        "has_voted": voted,
        "choices": [{"id": c.pk, "text": c.text} for c in poll.choices.all()],
        "results": visible_results(poll, voted, is_open),
    }


@polls_router.get("/", response=list[PollSummarySchema], summary="Các cuộc bình chọn đang mở",
                  operation_id="polls_list")
def list_polls(request: HttpRequest):
    """Polls open now, newest first."""
    return Poll.objects.open_at(timezone.now())


@polls_router.get("/{poll_id}", response={200: PollSchema, 404: ProblemDetail},
                  summary="Một cuộc bình chọn và kết quả", operation_id="polls_detail")
def get_poll(request: HttpRequest, poll_id: int):
    """A poll with its choices, and its results when the client may see them."""
    poll = Poll.objects.prefetch_related("choices").filter(pk=poll_id).first()
    if poll is None:
        raise HttpError(404, str(PollNotFound.message))
    return poll_detail(request, poll)


def json_vote_attempt(run):
    """Refuse bodies that are not JSON (415) and clients over the rate limit (429).

    Runs before Ninja reads the body, so malformed and refused attempts count towards the limit.
    """

    @wraps(run)
    def guarded(request, *args, **kwargs):
        if request.content_type != "application/json":
            return problem_response(
                status=415, detail=_("Nội dung gửi lên phải là JSON (application/json).")
            )
        if not allow_vote_attempt(request):
            return problem_response(status=429, detail=str(TooManyAttempts.message))
        return run(request, *args, **kwargs)

    return guarded


@polls_router.post(
    "/{poll_id}/vote",
    response={201: PollSchema, frozenset({400, 404, 409, 415, 422, 429}): ProblemDetail},
    summary="Bình chọn",
    operation_id="polls_vote",
)
@decorate_view(json_vote_attempt)
def vote(request: HttpRequest, response: HttpResponse, poll_id: int, data: VoteIn):
    """Vote once in an open poll; the answer carries the results and a signed voter cookie."""
    voter = Voter.from_request(request)
    try:
        poll = cast_vote(poll_id, data.choice, voter)
    except VoteRefused as refusal:
        raise HttpError(refusal.status, str(refusal)) from refusal
    voter.remember(response)
    return Status(201, poll_detail(request, poll))


@stats_router.get("/visits", response=VisitsSchema, summary="Thống kê truy cập",
                  operation_id="stats_visits")
def visits(request: HttpRequest):
    """Online now, today, this month and total (cached a few seconds), and the last 30 days."""
    totals = visit_totals()
    return {
        "online": totals.online,
        "today": totals.today,
        "this_month": totals.this_month,
        "total": totals.total,
        "day": totals.day,
        "time_zone": str(LIBRARY_TZ),
        "last_30_days": [{"day": day, "views": views} for day, views in daily_series()],
    }


routers = [("/polls/", polls_router), ("/stats/", stats_router)]
