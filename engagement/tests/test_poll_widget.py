"""The portal's "Bình chọn" widget and its form: works without JavaScript, and with fetch."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.models import Poll, Vote
from engagement.tests.conftest import make_poll, reader

pytestmark = pytest.mark.django_db

FETCH = {"X-Requested-With": "fetch"}


def widget_html(client):
    html = client.get("/").content.decode()
    start = html.index('class="widget widget--poll"')
    return html[start:html.index("</section>", start)]


def test_widget_shows_the_featured_poll_as_a_form(browser, poll):
    make_poll("Câu hỏi không nổi bật?")
    html = widget_html(browser)
    assert "Bình chọn" in html and poll.question in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert html.count('type="radio" name="choice"') == 3
    assert f'action="/binh-chon/{poll.pk}/"' in html
    assert "Kết quả bình chọn" not in html


def test_widget_without_a_featured_poll(browser):
    make_poll(featured=False)
    assert "Chưa có cuộc bình chọn nào." in widget_html(browser)


def test_featuring_a_poll_unfeatures_the_others(poll):
    other = make_poll("Câu hỏi mới?", featured=True)
    assert list(Poll.objects.filter(featured=True)) == [other]


def test_vote_without_javascript_redirects_back_with_thanks_and_results(browser, poll):
    choice = poll.choices.first()
    response = browser.post(f"/binh-chon/{poll.pk}/",
                            {"choice": choice.pk, "next": "/?trang=1"})
    assert response.status_code == 302
    assert response["Location"] == "/?trang=1#binh-chon"
    html = widget_html(browser)
    assert "Cảm ơn bạn đã bình chọn!" in html
    assert "Bạn đã bình chọn. Kết quả hiện tại:" in html
    assert "1 phiếu (100,0%)" in html and "Tổng cộng: 1 phiếu" in html
    assert 'name="choice"' not in html
    assert "Cảm ơn bạn đã bình chọn!" not in widget_html(browser)  # shown once


def test_second_vote_without_javascript_is_refused_with_a_message(browser, poll):
    tab_before_voting = reader()
    browser.post(f"/binh-chon/{poll.pk}/", {"choice": poll.choices.first().pk})
    response = tab_before_voting.post(f"/binh-chon/{poll.pk}/",
                                      {"choice": poll.choices.last().pk}, follow=True)
    html = response.content.decode()
    assert "Bạn đã bình chọn cho câu hỏi này rồi. Mỗi người chỉ được bình chọn một lần." in html
    assert Vote.objects.count() == 1


def test_vote_with_fetch_answers_the_new_widget(browser, poll):
    response = browser.post(f"/binh-chon/{poll.pk}/", {"choice": poll.choices.first().pk},
                            headers=FETCH)
    assert response.status_code == 200
    assert response["X-Poll-Widget"] == "1"
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="widget widget--poll"')
    assert "Cảm ơn bạn đã bình chọn!" in html and "100,0%" in html
    again = browser.post(f"/binh-chon/{poll.pk}/", {"choice": poll.choices.first().pk},
                         headers=FETCH)
    assert again.status_code == 409
    assert "Bạn đã bình chọn cho câu hỏi này rồi." in again.content.decode()


@pytest.mark.parametrize("choice", ["", "abc", "-1", "²", "٣"], ids=[
    "missing", "text", "negative", "superscript-digit", "arabic-indic-digit"])
def test_form_without_a_valid_choice_is_refused(browser, poll, choice):
    response = browser.post(f"/binh-chon/{poll.pk}/", {"choice": choice}, headers=FETCH)
    assert response.status_code == 400
    assert "Xin chọn một câu trả lời trước khi gửi." in response.content.decode()
    assert not Vote.objects.exists()


def test_form_refusals_of_unknown_poll_and_choice(browser, poll):
    other = make_poll("Câu hỏi khác?")
    response = browser.post(f"/binh-chon/{poll.pk}/", {"choice": other.choices.first().pk},
                            headers=FETCH)
    assert response.status_code == 422
    response = browser.post(f"/binh-chon/{poll.pk + 999}/", {"choice": 1}, headers=FETCH)
    assert response.status_code == 404
    assert "Không tìm thấy cuộc bình chọn này." in response.content.decode()


def test_closed_poll_shows_results_and_refuses_votes(browser):
    now = timezone.now()
    poll = make_poll(featured=True, opens_at=now - timedelta(days=9),
                     closes_at=now - timedelta(days=1))
    html = widget_html(browser)
    assert "Cuộc bình chọn này không nhận phiếu vào lúc này." in html
    assert "Kết quả bình chọn" in html and 'name="choice"' not in html
    response = browser.post(f"/binh-chon/{poll.pk}/", {"choice": poll.choices.first().pk},
                            headers=FETCH)
    assert response.status_code == 409


def test_form_needs_the_csrf_token(poll):
    client = reader(enforce_csrf_checks=True)
    response = client.post(f"/binh-chon/{poll.pk}/", {"choice": poll.choices.first().pk})
    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_form_only_accepts_post(browser, poll):
    assert browser.get(f"/binh-chon/{poll.pk}/").status_code == 405


def test_redirect_stays_on_this_site(browser, poll):
    response = browser.post(f"/binh-chon/{poll.pk}/",
                            {"choice": poll.choices.first().pk, "next": "https://evil.example/"})
    assert response["Location"] == "/#binh-chon"


def test_form_is_rate_limited(browser, poll, settings):
    settings.ENGAGEMENT_VOTE_RATE_LIMIT = (2, 60)
    statuses = [browser.post(f"/binh-chon/{poll.pk}/", {"choice": poll.choices.first().pk},
                             headers=FETCH).status_code for _attempt in range(3)]
    assert statuses == [200, 409, 429]


def test_out_of_range_ids_are_refused_not_crashing(browser, poll):
    huge = "9" * 30
    response = browser.post(f"/binh-chon/{poll.pk}/", {"choice": huge}, headers=FETCH)
    assert response.status_code == 422
    response = browser.post(f"/binh-chon/{huge}/", {"choice": 1}, headers=FETCH)
    assert response.status_code == 404
    api = browser.post(f"/api/v3/polls/{poll.pk}/vote", f'{{"choice": {huge}}}',
                       content_type="application/json")
    assert api.status_code == 422


def test_widget_shows_the_closing_time_in_vietnamese_local_time(browser):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    closes = datetime(2099, 1, 31, 10, 30, tzinfo=ZoneInfo("UTC"))  # 17:30 in Hà Nội
    make_poll(featured=True, closes_at=closes)
    assert "Hạn bình chọn:" in widget_html(browser)
    assert ">17:30, 31/01/2099</time>" in widget_html(browser)
