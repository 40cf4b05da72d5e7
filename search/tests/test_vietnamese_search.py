"""Vietnamese folding and ranking, through the real OpenSearch node."""

from wagtail.models import Page

from search.query import autocomplete_with_fallback, search_with_fallback


def added_pages():
    """Live pages below the home page (whose own title would match some queries)."""
    return Page.objects.live().filter(depth=3)


def titles(text):
    results, fallback = search_with_fallback(added_pages(), text)
    assert fallback is False
    return [page.title for page in results]


def test_unaccented_and_case_variants_find_the_title(add_pages):
    add_pages("Sách hay mỗi ngày", "Báo cáo thường niên")
    for query in ["sach", "SÁCH", "sách", "Sach hay moi ngay"]:
        assert titles(query) == ["Sách hay mỗi ngày"], query


def test_exact_diacritics_rank_first(add_pages):
    add_pages("Nước sạch nông thôn", "Sách hay mỗi ngày")
    assert titles("sách") == ["Sách hay mỗi ngày", "Nước sạch nông thôn"]
    assert titles("sạch") == ["Nước sạch nông thôn", "Sách hay mỗi ngày"]


def test_d_with_stroke_folds_to_d(add_pages):
    add_pages("Đà Nẵng mùa lễ hội", "Quảng Ninh hôm nay")
    assert titles("Da Nang") == ["Đà Nẵng mùa lễ hội"]
    assert titles("quang ninh") == ["Quảng Ninh hôm nay"]


def test_phrase_ranks_above_scattered_words(add_pages):
    add_pages("Thư gửi bạn đọc về viện bảo tàng", "Thư viện tỉnh mở cửa")
    assert titles("thư viện") == ["Thư viện tỉnh mở cửa", "Thư gửi bạn đọc về viện bảo tàng"]


def test_decomposed_query_is_normalised_to_nfc(add_pages):
    add_pages("Sách hay mỗi ngày")
    decomposed = "Sa\u0301ch"  # "Sách" typed with a combining accent
    assert titles(decomposed) == ["Sách hay mỗi ngày"]


def test_autocomplete_without_diacritics(add_pages):
    add_pages("Thư viện điện tử", "Thời tiết hôm nay")
    results, fallback = autocomplete_with_fallback(added_pages(), "thu vi")
    assert fallback is False
    assert [page.title for page in results] == ["Thư viện điện tử"]


def test_hostile_queries_get_an_answer(add_pages, client):
    add_pages("Sách hay mỗi ngày")
    for query in ['"unbalanced', "*:*", "x" * 10_000, "a\x00b\x1f", "title:(a OR b) AND ~2^3"]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, query
        assert "search_fallback" in response.context and not response.context["search_fallback"]


def test_site_search_page_finds_unaccented(add_pages, client):
    add_pages("Sách hay mỗi ngày")
    response = client.get("/search/", {"q": "sach hay"})
    assert response.status_code == 200
    assert "Sách hay mỗi ngày" in response.content.decode()


def test_site_search_is_reachable_from_every_page(add_pages, client):
    """The header box searches the catalogue; a link leads to the site search and its form."""
    home = client.get("/").content.decode()
    assert 'class="header-site-search" href="/search/"' in home
    page = client.get("/search/", {"q": "sách"}).content.decode()
    assert '<form class="site-search ' in page and 'value="sách"' in page
