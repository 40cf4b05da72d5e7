"""New acquisitions: the Atom and RSS feeds read with feedparser, the "Sách mới" list page; both
newest first and filtered with the OPAC's parameters."""

import calendar

import feedparser
import lxml.html
import pytest
from django.utils import timezone

from catalogue.models import Record
from catalogue.tests.catalogue import load_catalogue

pytestmark = pytest.mark.django_db
NEWEST_FIRST = ["T8", "T7", "T6", "T5", "T4", "T3", "T2", "T1"]


@pytest.fixture
def catalogue(catalogue_index):
    load_catalogue(catalogue_index)
    return {r.pk: r.control_number for r in Record.objects.all()}


def feed(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def codes(catalogue, entries):
    return [catalogue[int(e.link.rstrip("/").rsplit("/", 1)[1])] for e in entries]


def test_atom_feed_lists_the_newest_records_first(client, catalogue):
    parsed = feed(client, "/opac/new.atom")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Sách mới – Thư viện tỉnh Quảng Ninh"
    assert parsed.feed.language == "vi"
    assert codes(catalogue, parsed.entries) == NEWEST_FIRST
    entry = next(e for e in parsed.entries if e.title == "Lịch sử Quảng Ninh")
    assert entry.link.startswith("http://testserver/opac/record/")
    assert entry.author == "Trần Thị Hoa"
    assert [tag.term for tag in entry.tags] == ["Lịch sử", "Quảng Ninh"]
    created = Record.objects.get(control_number="T3").created_at
    assert calendar.timegm(entry.published_parsed) == pytest.approx(created.timestamp(), abs=1)

    record = Record(control_number="T9", title="Địa chí Quảng Ninh mới", year=2026)
    record.save()
    assert codes(catalogue | {record.pk: "T9"}, feed(client, "/opac/new.atom").entries)[:2] == [
        "T9", "T8"]
    assert record.created_at <= timezone.now()


@pytest.mark.parametrize(("params", "expected"), [
    ({"language": "eng"}, ["T5"]),
    ({"branch": "Chi nhánh Hạ Long"}, ["T4", "T2"]),
    ({"subject": '"Quảng Ninh"'}, ["T4", "T3"]),
    ({"subject": "doc sach", "type": "book"}, ["T6"]),  # folded, like the OPAC
    ({"available": "1", "year_from": "2000"}, ["T5", "T1"]),
    ({"language": ["eng", "vie"], "year_to": "1998"}, ["T8", "T3"]),
])
def test_feeds_are_filtered_like_the_opac(client, catalogue, params, expected):
    assert codes(catalogue, feed(client, "/opac/new.atom", **params).entries) == expected
    rss = feed(client, "/opac/new.rss", **params)
    assert rss.version == "rss20" and codes(catalogue, rss.entries) == expected


def test_bad_filters_are_refused_with_a_message(client, catalogue):
    response = client.get("/opac/new.atom", {"year_from": "abc"})
    assert response.status_code == 400
    assert "year_from" in response.content.decode()
    assert client.get("/opac/new/", {"page": "100000"}).status_code == 400


def test_new_acquisitions_page_is_paginated_and_filtered(client, catalogue):
    response = client.get("/opac/new/", {"page_size": "3", "page": "2"})
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content)
    titles = tree.xpath('//ol[contains(@class, "opac-new__list")]//h2/a/@href')
    assert [catalogue[int(href.rstrip("/").rsplit("/", 1)[1])] for href in titles] == [
        "T5", "T4", "T3"]
    assert tree.xpath('//nav[@class="pagination"]/span/text()') == ["Trang 2/3"]
    added = timezone.localtime(Record.objects.get(control_number="T5").created_at)
    assert added.strftime("%d/%m/%Y") in tree.xpath("//time/text()")

    filtered = lxml.html.fromstring(client.get("/opac/new/", {
        "branch": "Chi nhánh Hạ Long", "page_size": "1"}).content)
    assert filtered.xpath('//link[@type="application/atom+xml"]/@href') == [
        "/opac/new.atom?branch=Chi+nh%C3%A1nh+H%E1%BA%A1+Long"]
    assert filtered.xpath('//a[@rel="next"]/@href') == [
        "?branch=Chi+nh%C3%A1nh+H%E1%BA%A1+Long&page=2"]
    assert filtered.xpath('//select[@name="branch"]/option[@selected]/text()') == [
        "Chi nhánh Hạ Long"]
    # the header's search box is not filled with the filters
    assert filtered.xpath('//input[@id="header-q"]/@value') == [""]
