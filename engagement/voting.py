"""Casting votes and reading results; every refusal is a ``VoteRefused`` with its message."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.models import Poll, PollChoice, Vote


class VoteRefused(Exception):
    """A vote that is not counted: ``status`` is the HTTP status, ``message`` says why."""

    status = 400
    message = _("Không ghi nhận được phiếu bình chọn.")

    def __str__(self):
        return str(self.message)


class NoChoice(VoteRefused):
    status = 400
    message = _("Xin chọn một câu trả lời trước khi gửi.")


class PollNotFound(VoteRefused):
    status = 404
    message = _("Không tìm thấy cuộc bình chọn này.")


class PollClosed(VoteRefused):
    status = 409
    message = _("Cuộc bình chọn này không nhận phiếu vào lúc này.")


class UnknownChoice(VoteRefused):
    status = 422
    message = _("Lựa chọn không thuộc cuộc bình chọn này.")


class AlreadyVoted(VoteRefused):
    status = 409
    message = _("Bạn đã bình chọn cho câu hỏi này rồi. Mỗi người chỉ được bình chọn một lần.")


class TooManyAttempts(VoteRefused):
    status = 429
    message = _("Bạn gửi quá nhiều lượt bình chọn. Xin thử lại sau ít phút.")


VOTER_CONSTRAINTS = {"engagement_one_vote_per_token", "engagement_one_vote_per_client"}


def _constraint_name(error):
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None)


@dataclass(frozen=True)
class ChoiceResult:
    """One choice's share of the votes."""

    id: int
    text: str
    votes: int
    percent: float


@dataclass(frozen=True)
class PollResults:
    """Counts and percentages of a poll, choices in their editor's order."""

    total: int
    choices: list[ChoiceResult]


def poll_results(poll):
    """The current counts of ``poll`` (percentages rounded to one decimal)."""
    choices = list(poll.choices.all())
    total = sum(choice.votes for choice in choices)
    return PollResults(
        total=total,
        choices=[
            ChoiceResult(
                id=choice.pk,
                text=choice.text,
                votes=choice.votes,
                percent=round(100 * choice.votes / total, 1) if total else 0.0,
            )
            for choice in choices
        ],
    )


def visible_results(poll, voted, is_open):
    """The results a reader may see: after voting, once the poll is closed, or if it says so."""
    if voted or not is_open or poll.show_results_before_voting:
        return poll_results(poll)
    return None


def has_voted(poll, voter):
    """Whether ``voter`` (by cookie token or by client hash) already voted in ``poll``."""
    return Vote.objects.filter(
        Q(voter_token=voter.token) | Q(client_hash=voter.client_hash), poll=poll
    ).exists()


def cast_vote(poll_id, choice_id, voter, at=None):
    """Record ``voter``'s vote for ``choice_id`` in poll ``poll_id``; return the poll.

    The ``Vote`` row and the choice's counter change in one transaction. The database's unique
    constraints decide between racing votes of one voter: exactly one is stored, the others
    raise ``AlreadyVoted``.
    """
    at = at or timezone.now()
    poll = Poll.objects.filter(pk=poll_id).first()
    if poll is None:
        raise PollNotFound
    if not poll.is_open(at):
        raise PollClosed
    choice = PollChoice.objects.filter(pk=choice_id, poll=poll).first()
    if choice is None:
        raise UnknownChoice
    try:
        with transaction.atomic():
            Vote.objects.create(
                poll=poll, choice=choice, voter_token=voter.token,
                client_hash=voter.client_hash, created_at=at,
            )
            PollChoice.objects.filter(pk=choice.pk).update(votes=F("votes") + 1)
    except IntegrityError as error:
        if _constraint_name(error) not in VOTER_CONSTRAINTS:
            raise
        raise AlreadyVoted from error
    return poll
