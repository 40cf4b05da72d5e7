"""The site search over pages finds spelling variants, through the real engine and through the
database backend (no engine, or the engine down), and lists best-partial matches."""

import unicodedata
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page

from library_cms.config import search_backends
from search.query import autocomplete_with_fallback, partial_matches, search_with_fallback

DEAD_ENGINE = search_backends("opensearch://127.0.0.1:1", settings.SEARCH_INDEX_PREFIX)
NO_ENGINE = search_backends("", settings.SEARCH_INDEX_PREFIX)
# Equally relevant pages are listed in the order they were created: those that must rank lower
# come first, so that only the spelling rules can put the others above them.
TITLES = {
    "hoa-khac": "Hoá nhập cộng đồng",  # hoá ≠ hoà
    "ki-nang": "Kí năng giao tiếp cho thiếu nhi",
    "ky-nang": "Kỹ năng giao tiếp cho thiếu nhi",
    "hoa-moi": "Hòa nhập cộng đồng",
    "hoa-cu": "Hoà nhập cộng đồng",
    "my": "Lê Thị Mĩ kể chuyện",
    "kieu": unicodedata.normalize("NFD", "Thuý Kiều đọc sách"),  # typed decomposed
    "suc-khoe": "Sức khoẻ cộng đồng",
}


@pytest.fixture
def pages(db, engine):
    home = Page.objects.get(depth=2)
    found = {slug: home.add_child(instance=Page(title=title, slug=slug))
             for slug, title in TITLES.items()}
    call_command("update_index", backend_name="default", stdout=StringIO())
    engine.get_index_for_model(Page).refresh()
    return found


def slugs(text):
    results, fallback = search_with_fallback(Page.objects.live().filter(depth=3), text)
    return [page.slug for page in results], fallback


@pytest.mark.parametrize(("query", "first"), [
    ("kĩ năng giao tiếp", ["ky-nang", "ki-nang"]),
    ("KỸ NĂNG", ["ky-nang", "ki-nang"]),
    ("kí năng", ["ki-nang", "ky-nang"]),
    ("hòa nhập", ["hoa-moi", "hoa-cu", "hoa-khac"]),
    ("hoà nhập", ["hoa-cu", "hoa-moi", "hoa-khac"]),
    (unicodedata.normalize("NFD", "hoà nhập"), ["hoa-cu", "hoa-moi", "hoa-khac"]),
    ("hoá nhập", ["hoa-khac"]),
    ("le thi my", ["my"]),
    ("Lê Thị Mỹ", ["my"]),
    ("thúy kiều", ["kieu"]),
    ("sức khỏe", ["suc-khoe"]),
])
def test_a_query_in_either_spelling_finds_the_other_ranked_as_typed(pages, query, first):
    found, fallback = slugs(query)
    assert fallback is False and found[:len(first)] == first


@pytest.mark.parametrize("query", ["thúi kiều", "hui", "tủi"])
def test_look_alikes_that_are_other_words_find_nothing(pages, query):
    assert slugs(query) == ([], False)


def test_partial_matches_are_listed_after_the_full_ones(pages, client):
    results, _fallback = search_with_fallback(Page.objects.live(), "kỹ năng giao tiếpp")
    partial, fallback = partial_matches(Page.objects.live(), "kỹ năng giao tiếpp", results)
    assert results.count() == 0 and fallback is False
    assert [page.slug for page in partial][:2] == ["ky-nang", "ki-nang"]
    html = client.get("/search/", {"q": "kỹ năng giao tiếpp"}).content.decode()
    assert "Không có kết quả chứa mọi từ; kết quả gần đúng:" in html
    assert "Kỹ năng giao tiếp cho thiếu nhi" in html
    html = client.get("/search/", {"q": "sức khỏe cộng đồng"}).content.decode()
    assert html.index("Sức khoẻ cộng đồng") < html.index("Kết quả gần đúng (không chứa mọi từ):")
    assert html.index("Kết quả gần đúng (không") < html.index("Hòa nhập cộng đồng")
    assert partial_matches(Page.objects.live(), "kỹ", results) == ([], False)


@pytest.mark.parametrize(("query", "first"), [
    ("hòa nhập cộng đồngg", ["hoa-moi", "hoa-cu", "hoa-khac"]),
    ("hoà nhập cộng đồngg", ["hoa-cu", "hoa-moi", "hoa-khac"]),
    ("kí năng giao tiếpp", ["ki-nang", "ky-nang"]),
])
def test_partial_matches_rank_the_spelling_typed_first(pages, query, first):
    results, _fallback = search_with_fallback(Page.objects.live(), query)
    partial, fallback = partial_matches(Page.objects.live(), query, results)
    assert fallback is False and [page.slug for page in partial][:len(first)] == first


def test_autocomplete_finds_either_spelling(pages):
    results, fallback = autocomplete_with_fallback(Page.objects.live(), "ky na")
    assert fallback is False and {p.slug for p in results[:2]} == {"ky-nang", "ki-nang"}
    results, fallback = autocomplete_with_fallback(Page.objects.live(), "hòa nh")
    assert {p.slug for p in results} >= {"hoa-cu", "hoa-moi"}


@pytest.mark.parametrize("backends", [DEAD_ENGINE, NO_ENGINE], ids=["engine-down", "no-engine"])
def test_the_database_backend_finds_either_spelling(pages, client, backends):
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        assert set(slugs("ky nang giao tiep")[0]) == {"ky-nang", "ki-nang"}
        assert slugs("le thi my")[0] == ["my"]
        assert set(slugs("hòa nhập")[0]) == {"hoa-cu", "hoa-moi", "hoa-khac"}
        assert slugs("thuý kiều")[0] == ["kieu"]
        assert slugs("thúi kiều")[0] == []
        response = client.get("/search/", {"q": "kĩ năng giao tiếpp"})
        assert response.context["search_fallback"] is (backends is DEAD_ENGINE)
        html = response.content.decode()
        assert "Không có kết quả chứa mọi từ; kết quả gần đúng:" in html
        assert "Kỹ năng giao tiếp cho thiếu nhi" in html
        results, _fallback = autocomplete_with_fallback(Page.objects.live(), "ly thi m")
        assert [page.slug for page in results] == []  # "ly" is not "le"
        results, _fallback = autocomplete_with_fallback(Page.objects.live(), "le thi my")
        assert [page.slug for page in results] == ["my"]
