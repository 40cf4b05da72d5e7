"""The polls API: shapes, one vote per voter, every refusal a JSON 4xx with a message."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.identity import VOTER_COOKIE
from engagement.models import PollChoice, Vote
from engagement.tests.conftest import make_poll, reader

pytestmark = pytest.mark.django_db


def vote(client, poll_id, body, content_type="application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(f"/api/v3/polls/{poll_id}/vote", data, content_type=content_type)


def first_choice(poll):
    return poll.choices.first()


def test_list_shows_open_polls_only(browser, poll):
    now = timezone.now()
    make_poll("Đã đóng?", opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1))
    make_poll("Chưa mở?", opens_at=now + timedelta(days=1))
    response = browser.get("/api/v3/polls/")
    assert response.status_code == 200
    assert [item["question"] for item in response.json()] == [poll.question]
    assert set(response.json()[0]) == {"id", "question", "opens_at", "closes_at", "featured"}


def test_detail_hides_results_until_the_reader_votes(browser, poll):
    body = browser.get(f"/api/v3/polls/{poll.pk}").json()
    assert body["results"] is None
    assert body["is_open"] is True and body["has_voted"] is False
    assert [choice["text"] for choice in body["choices"]] == [
        "Dễ sử dụng và có ích", "Dễ sử dụng", "Khó sử dụng"
    ]


def test_detail_shows_results_before_voting_when_the_poll_says_so(browser):
    poll = make_poll(show_results_before_voting=True)
    body = browser.get(f"/api/v3/polls/{poll.pk}").json()
    assert body["results"] == {
        "total": 0,
        "choices": [{"id": c.pk, "text": c.text, "votes": 0, "percent": 0.0}
                    for c in poll.choices.all()],
    }


def test_vote_counts_and_answers_with_results_and_a_signed_cookie(browser, poll):
    choices = list(poll.choices.all())
    for number, choice in enumerate([choices[0], choices[0], choices[1]]):
        response = vote(reader(f"198.51.100.{number}"), poll.pk, {"choice": choice.pk})
        assert response.status_code == 201, response.content
    response = vote(browser, poll.pk, {"choice": choices[2].pk})
    assert response.status_code == 201
    body = response.json()
    assert body["has_voted"] is True
    assert body["results"]["total"] == 4
    assert [(c["votes"], c["percent"]) for c in body["results"]["choices"]] == [
        (2, 50.0), (1, 25.0), (1, 25.0)
    ]
    cookie = response.cookies[VOTER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert browser.get(f"/api/v3/polls/{poll.pk}").json()["has_voted"] is True


def test_percentages_are_rounded_to_one_decimal(poll):
    choices = list(poll.choices.all())
    for number, choice in enumerate([choices[0], choices[1], choices[1]]):
        assert vote(reader(f"198.51.100.{number}"), poll.pk, {"choice": choice.pk}).status_code \
            == 201
    body = reader().get(f"/api/v3/polls/{poll.pk}").json()  # not voted: results hidden
    assert body["results"] is None
    voted = reader("198.51.100.0").get(f"/api/v3/polls/{poll.pk}").json()
    assert [c["percent"] for c in voted["results"]["choices"]] == [33.3, 66.7, 0.0]


def test_second_vote_is_refused_with_a_vietnamese_message(browser, poll):
    assert vote(browser, poll.pk, {"choice": first_choice(poll).pk}).status_code == 201
    response = vote(browser, poll.pk, {"choice": poll.choices.last().pk})
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert "Bạn đã bình chọn cho câu hỏi này rồi" in response.json()["detail"]
    assert Vote.objects.count() == 1
    assert sum(PollChoice.objects.values_list("votes", flat=True)) == 1


def test_the_cookie_alone_recognises_a_voter_who_changed_address(browser, poll):
    assert vote(browser, poll.pk, {"choice": first_choice(poll).pk}).status_code == 201
    moved = reader("192.0.2.99")
    moved.cookies = browser.cookies
    assert vote(moved, poll.pk, {"choice": first_choice(poll).pk}).status_code == 409


def test_address_and_agent_alone_recognise_a_voter_without_cookie(browser, poll):
    assert vote(browser, poll.pk, {"choice": first_choice(poll).pk}).status_code == 201
    assert vote(reader(), poll.pk, {"choice": first_choice(poll).pk}).status_code == 409
    other_browser = reader(agent="Mozilla/5.0 (Android 14; Mobile) Firefox/133.0")
    assert vote(other_browser, poll.pk, {"choice": first_choice(poll).pk}).status_code == 201


def test_a_forged_cookie_is_ignored(browser, poll):
    browser.cookies[VOTER_COOKIE] = "gia-mao:khong-hop-le"
    assert vote(browser, poll.pk, {"choice": first_choice(poll).pk}).status_code == 201


def test_no_raw_address_is_stored(browser, poll):
    vote(browser, poll.pk, {"choice": first_choice(poll).pk})
    stored = Vote.objects.values().get()
    assert not any("203.0.113.7" in str(value) for value in stored.values())
    assert len(stored["client_hash"]) == 64


@pytest.mark.parametrize(
    ("opens", "closes"), [(-9, -1), (1, 9)], ids=["closed", "not-yet-open"]
)
def test_vote_in_a_poll_not_open_is_refused(browser, opens, closes):
    now = timezone.now()
    poll = make_poll(opens_at=now + timedelta(days=opens), closes_at=now + timedelta(days=closes))
    response = vote(browser, poll.pk, {"choice": first_choice(poll).pk})
    assert response.status_code == 409
    assert response.json()["detail"] == "Cuộc bình chọn này không nhận phiếu vào lúc này."
    assert not Vote.objects.exists()


def test_unknown_poll_is_404(browser, poll):
    response = vote(browser, poll.pk + 1000, {"choice": first_choice(poll).pk})
    assert response.status_code == 404
    assert response.json()["detail"] == "Không tìm thấy cuộc bình chọn này."
    assert browser.get(f"/api/v3/polls/{poll.pk + 1000}").status_code == 404


def test_choice_of_another_poll_is_refused(browser, poll):
    other = make_poll("Câu hỏi khác?")
    response = vote(browser, poll.pk, {"choice": first_choice(other).pk})
    assert response.status_code == 422
    assert response.json()["detail"] == "Lựa chọn không thuộc cuộc bình chọn này."
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("body", "status"),
    [("{choice: 1", 400), ("", 415), ({}, 422), ({"choice": "một"}, 422),
     ({"choice": None}, 422), ([1], 400)],
    ids=["broken-json", "empty-without-type", "no-choice", "text-choice", "null-choice", "list"],
)
def test_malformed_bodies_are_refused(browser, poll, body, status):
    response = vote(browser, poll.pk, body)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"]
    assert not Vote.objects.exists()


def test_only_json_is_accepted(browser, poll):
    response = browser.post(f"/api/v3/polls/{poll.pk}/vote",
                            {"choice": first_choice(poll).pk})  # a cross-site form could send this
    assert response.status_code == 415
    assert "JSON" in response.json()["detail"]
    assert not Vote.objects.exists()


def test_vote_attempts_are_rate_limited_per_client(browser, poll, settings):
    settings.ENGAGEMENT_VOTE_RATE_LIMIT = (3, 60)
    statuses = [vote(browser, poll.pk, {"choice": first_choice(poll).pk}).status_code
                for _attempt in range(4)]
    assert statuses == [201, 409, 409, 429]
    refused = vote(browser, poll.pk, {"choice": first_choice(poll).pk})
    assert refused.json()["detail"] == "Bạn gửi quá nhiều lượt bình chọn. Xin thử lại sau ít phút."
    assert vote(reader("192.0.2.50"), poll.pk, {"choice": first_choice(poll).pk}).status_code \
        == 201


def test_openapi_documents_the_endpoints(browser):
    document = browser.get("/api/v3/openapi.json").json()
    paths = document["paths"]
    assert "post" in paths["/api/v3/polls/{poll_id}/vote"]
    assert {"/api/v3/polls/", "/api/v3/polls/{poll_id}", "/api/v3/stats/visits"} <= set(paths)
    schemas = document["components"]["schemas"]
    assert {"PollSchema", "VoteIn", "VisitsSchema", "ProblemDetail"} <= set(schemas)
