"""The portal's vote form: a plain POST that redirects back, or a widget fragment for fetch."""

import re

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagement.identity import Voter
from engagement.models import Poll
from engagement.ratelimit import allow_vote_attempt
from engagement.voting import NoChoice, TooManyAttempts, VoteRefused, cast_vote
from engagement.widgets import POLL_MESSAGE_TAG, featured_poll, poll_context

FETCH_HEADER = "fetch"
CHOICE_ID = re.compile(r"[0-9]+")  # a choice's id in ASCII digits


@require_POST
def vote(request, poll_id):
    """Record the vote of the portal's form; tell the reader how it went, in Vietnamese."""
    voter = Voter.from_request(request)
    status, level = 200, messages.SUCCESS
    text = _("Cảm ơn bạn đã bình chọn!")
    try:
        if not allow_vote_attempt(request):
            raise TooManyAttempts
        choice = request.POST.get("choice", "")
        if not CHOICE_ID.fullmatch(choice):  # not str.isdigit(): "²" is a digit int() refuses
            raise NoChoice
        cast_vote(poll_id, int(choice), voter)
    except VoteRefused as refusal:
        status, level, text = refusal.status, messages.ERROR, str(refusal)
    if request.headers.get("X-Requested-With") == FETCH_HEADER:
        response = _widget_fragment(request, poll_id, status, level, text)
    else:
        messages.add_message(request, level, text, extra_tags=POLL_MESSAGE_TAG)
        response = redirect(_back(request))
    if status == 200:
        voter.remember(response)
    return response


def _widget_fragment(request, poll_id, status, level, text):
    poll = Poll.objects.filter(pk=poll_id).first() or featured_poll()
    notices = [(messages.DEFAULT_TAGS[level], text)]
    html = render_to_string(
        "engagement/widgets/poll.html", poll_context(request, poll, notices), request=request
    )
    response = HttpResponse(html, status=status)
    response["X-Poll-Widget"] = "1"
    return response


def _back(request):
    """Where the form came from (a page of this site), at the poll widget."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return f"{target}#binh-chon"
