"""Every OPAC search feature through the real engine (and PostgreSQL behind the record pages)."""

import io
import json

import pytest

from catalogue.importing.files import import_files
from catalogue.index import alias_name
from catalogue.models import Record
from catalogue.oai.harvest import withdraw
from catalogue.opac import engine_query
from catalogue.opac.params import InvalidSearch, parse_params
from catalogue.opac.search import autocomplete, search
from catalogue.tests.catalogue import load_catalogue
from catalogue.tests.engine_requests import engine_requests
from catalogue.tests.marc_samples import iso2709, marc_record
from search.engine import search_backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(catalogue_index):
    load_catalogue(catalogue_index)
    return {r.control_number: r.pk for r in Record.objects.all()}


def found(catalogue, **query):
    result = search(parse_params(query))
    assert not result.fallback
    ids = {pk: cn for cn, pk in catalogue.items()}
    return [ids[hit.id] for hit in result.hits], result


def test_unaccented_query_finds_accented_titles_exact_ranks_first(catalogue):
    codes, result = found(catalogue, q="sach")
    assert {"T1", "T6", "T7"} <= set(codes)
    codes, _ = found(catalogue, title="sạch")
    assert codes[0] == "T2"  # "sạch" itself ranks above "sách"
    assert set(codes) == {"T1", "T2", "T6", "T7"}


def test_fielded_search(catalogue):
    assert found(catalogue, author="tran thi hoa")[0] == ["T2", "T3"] or set(
        found(catalogue, author="tran thi hoa")[0]) == {"T2", "T3"}
    assert found(catalogue, title="lich su")[0] == ["T3"]
    assert set(found(catalogue, subject="Quảng Ninh")[0]) == {"T3", "T4"}
    assert found(catalogue, isbn="978-604-0000-10-1")[0] == ["T1"]
    assert found(catalogue, publisher="kim dong")[0] == ["T8"]
    assert found(catalogue, call_number="510")[0] == ["T1"]
    assert found(catalogue, q="sach", title="toan")[0] == ["T1"]


def test_keyword_search_wants_every_word_in_some_field(catalogue):
    assert found(catalogue, q="lich su tran thi hoa")[0] == ["T3"]  # title + author
    assert found(catalogue, q="nuoc nong nghiep")[0] == ["T2"]  # title + publisher
    assert found(catalogue, q="toan 9786040000101")[0] == ["T1"]  # title + ISBN
    assert found(catalogue, q="510 giao duc")[0] == ["T1"]  # call number + publisher
    assert found(catalogue, q="lich su kim dong")[0] == []


def test_keyword_search_ranks_by_field_weights_and_exact_words(catalogue):
    # "Quảng Ninh" is T3's title, subject and publisher, only T4's subject
    assert found(catalogue, q="quang ninh")[0] == ["T3", "T4"]
    assert found(catalogue, q="sạch")[0][0] == "T2"  # the word as written ranks first
    assert found(catalogue, q="sach")[0][-1] == "T2"


def test_relevance_pages_beyond_the_rescored_matches_are_consistent(catalogue, monkeypatch):
    monkeypatch.setattr(engine_query, "RESCORE_WINDOW", 3)
    everything = "a OR sach OR lich OR vinh OR nuoc OR nguoi OR truyen OR history"
    pages = [found(catalogue, q=everything, page_size="2", page=str(n))[0] for n in (1, 2, 3, 4)]
    assert sorted(code for page in pages for code in page) == sorted(catalogue)


def test_boolean_operators_and_phrases(catalogue):
    assert set(found(catalogue, q="sách AND đọc")[0]) == {"T6", "T7"}
    # "vịnh" folds to "vinh": the author Đỗ Quang Vinh (T7) matches too
    assert set(found(catalogue, q="vịnh OR cổ tích")[0]) == {"T4", "T7", "T8"}
    assert set(found(catalogue, q="sach NOT toan")[0]) >= {"T6", "T7"}
    assert "T1" not in found(catalogue, q="sach NOT toan")[0]
    assert "T1" not in found(catalogue, q="sach -toan")[0]
    assert found(catalogue, q='"sách và người đọc"')[0] == ["T6"]
    assert found(catalogue, q='"sach va nguoi doc"')[0] == ["T6"]
    assert set(found(catalogue, q="khong co gi HOẶC lịch sử")[0]) == {"T3"}


def test_vietnamese_operators_answer_like_the_english_ones(catalogue):
    """VÀ and KHÔNG in capitals are AND and NOT; in lower case they are words to find."""
    both = found(catalogue, q="lịch sử VÀ Quảng Ninh")[0]
    assert both == found(catalogue, q="lịch sử AND Quảng Ninh")[0] == ["T3"]
    assert set(found(catalogue, q="sách VÀ đọc")[0]) == set(
        found(catalogue, q="sách AND đọc")[0]) == {"T6", "T7"}
    without = found(catalogue, q="sach KHÔNG toan")[0]
    assert set(without) == set(found(catalogue, q="sach NOT toan")[0])
    assert "T1" in found(catalogue, q="sach")[0] and "T1" not in without
    assert {"T6", "T7"} <= set(without)
    assert found(catalogue, q="lịch sử và Quảng Ninh")[0] == []  # no "và" in T3
    assert found(catalogue, q="sach không toan")[0] == []  # no "không" anywhere
    assert set(found(catalogue, q="sách và đọc")[0]) == {"T6", "T7"}  # both have "và"


def test_limits(catalogue):
    assert found(catalogue, q="history", language="eng")[0] == ["T5"]
    assert found(catalogue, q="quang ninh", year_from="2000", year_to="2012")[0] == ["T4"]
    assert found(catalogue, q="doc", type="video")[0] == ["T7"]
    assert set(found(catalogue, q="sach", available="1")[0]) == {"T1"}
    assert set(found(catalogue, q="quang ninh", branch="Chi nhánh Cẩm Phả")[0]) == {"T3"}


def test_facets_with_counts(catalogue):
    _codes, result = found(catalogue, q="quang ninh OR sach")
    facets = result.facets
    assert result.total == 6  # T1 T2 (sạch) T3 T4 T6 T7
    assert dict(facets["language"]) == {"vie": 6}
    assert dict(facets["branch"]) == {
        "Thư viện tỉnh": 3, "Chi nhánh Hạ Long": 2, "Chi nhánh Cẩm Phả": 1}
    assert dict(facets["type"]) == {"book": 5, "video": 1}
    assert facets["available"] == [(True, 2)]
    assert dict(facets["decade"]) == {1990: 1, 2010: 3, 2020: 2}


def test_sorts_and_pagination(catalogue):
    everything = {"q": "a OR sach OR lich OR vinh OR nuoc OR nguoi OR truyen OR history"}
    assert found(catalogue, **everything, sort="year_desc")[0][:2] == ["T1", "T7"]
    assert found(catalogue, **everything, sort="year_asc")[0][:2] == ["T8", "T3"]
    titles = [h.title for h in search(parse_params({**everything, "sort": "title"})).hits]
    assert titles[:2] == ["A history of Vietnam", "Lịch sử Quảng Ninh"]
    authors = [h.authors[0] for h in search(parse_params({**everything, "sort": "author"})).hits]
    assert authors[0] == "Đỗ Quang Vinh" and authors[-1] == "Trần Thị Hoa"
    page1 = search(parse_params({**everything, "page_size": "3"}))
    page3 = search(parse_params({**everything, "page_size": "3", "page": "3"}))
    assert page1.total == 8 and page1.pages == 3 and len(page3.hits) == 2
    past = search(parse_params({**everything, "page_size": "3", "page": "9"}))
    assert past.total == 8 and past.hits == []


def test_highlight_marks_the_matched_words(catalogue):
    _codes, result = found(catalogue, q="lich su")
    assert result.hits[0].highlight["title"] == ["<mark>Lịch</mark> <mark>sử</mark> Quảng Ninh"]


def test_did_you_mean_keeps_the_diacritics(catalogue):
    _codes, result = found(catalogue, q="quang nimh")
    assert result.total == 0 and result.suggestion == "quảng ninh"
    assert set(found(catalogue, q=result.suggestion)[0]) == {"T3", "T4"}


def test_did_you_mean_never_proposes_what_finds_nothing(
        catalogue, django_capture_on_commit_callbacks):
    assert found(catalogue, q="truyệm")[1].suggestion == "truyện"
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(["T8"])  # the one record with "truyện"; its words stay in the index's segments
    search_backend().es.indices.refresh(index=alias_name())
    _codes, result = found(catalogue, q="truyệm")
    assert result.total == 0 and result.suggestion == ""


def test_did_you_mean_asks_only_about_the_words_it_may_replace(catalogue, monkeypatch):
    """The words no record holds come with the counts; the suggesters then look at those and
    at the words typed without diacritics, not at the others (kept as typed)."""
    sent = engine_requests(monkeypatch)
    _codes, result = found(catalogue, q="Lịch sử Quang nimh")
    assert result.total == 0 and result.suggestion == "Lịch sử Quảng ninh"
    # the records with every known word ("lịch sử quang") fill less than a page: those with
    # some of the words follow
    assert [method for method, *_rest in sent] == ["msearch", "msearch", "msearch", "count"]
    assert engine_query.PARTIAL_MINIMUM not in json.dumps(sent[1][1])
    assert engine_query.PARTIAL_MINIMUM in json.dumps(sent[2][1])
    suggested = [body for body in sent[1][1] if "suggest" in body]
    assert [body["suggest"]["text"] for body in suggested] == ["        Quang nimh"]
    assert "unknown" in sent[0][1][3]["suggest"]  # with the counts
    assert sent[3][2]["terminate_after"] == 1  # one record is enough


def test_a_search_whose_words_are_all_known_asks_for_no_suggestion(catalogue, monkeypatch):
    sent = engine_requests(monkeypatch)
    _codes, result = found(catalogue, q="toán truyện")  # two known words, never together
    assert result.total == 0 and result.suggestion == "" and result.partial
    assert [method for method, *_rest in sent] == ["msearch", "msearch"]
    assert not [body for body in sent[1][1] if "suggest" in body]


def test_autocomplete_folds_and_completes_prefixes(catalogue):
    suggestions = autocomplete("sach gi")
    titles = [s["title"] for s in suggestions]
    assert titles == ["Sách giáo khoa Toán 6"]
    assert suggestions.fallback is False
    suggestions = autocomplete("vinh ha")
    assert "Vịnh Hạ Long kỳ quan thiên nhiên" in [s["title"] for s in suggestions]
    assert suggestions.fallback is False


def test_equally_relevant_editions_newest_first(catalogue_index):
    years = ["1998", "2021", "2005", "2013"]
    import_files([("e.mrc", io.BytesIO(iso2709(*[
        marc_record(f"E{year}", "Địa chí Quảng Ninh", year=year) for year in years
    ])))])
    catalogue_index()
    hits = search(parse_params({"q": "dia chi quang ninh"})).hits
    assert [hit.year for hit in hits] == [2021, 2013, 2005, 1998]


def test_autocomplete_suggests_each_title_once(catalogue_index):
    editions = [marc_record(f"D{n}", "Sách giáo khoa Toán 6", year=str(2000 + n))
                for n in range(12)]
    editions.append(marc_record("V", "Sách giáo khoa Văn 6"))
    import_files([("d.mrc", io.BytesIO(iso2709(*editions)))])
    catalogue_index()
    suggestions = autocomplete("sach giao")
    assert sorted(s["title"] for s in suggestions) == [
        "Sách giáo khoa Toán 6", "Sách giáo khoa Văn 6"]
    assert suggestions.fallback is False  # the database lists every edition


@pytest.mark.parametrize("query", [
    '"unbalanced', "*:*", "x" * 10_000, "sách\x00\x1b[31m\x7f", "title:(a OR b)^3 AND ~x",
    "a AND OR NOT", "NOT sach", "((((", "\\", "\u202e\u200b", "-",
])
def test_hostile_queries_get_a_normal_answer(catalogue, query):
    result = search(parse_params({"q": query}))
    assert not result.fallback and result.total >= 0
    # the engine answered: only it counts facets (the database fallback has none)
    assert set(result.facets) == {"language", "type", "branch", "decade", "available"}


@pytest.mark.parametrize("params", [
    {"page": "0"}, {"page": "x"}, {"page": "100000"}, {"page_size": "1000"},
    {"year_from": "abc"}, {"sort": "bogus"},
])
def test_bad_parameters_are_refused_with_a_message(params):
    with pytest.raises(InvalidSearch) as error:
        parse_params({"q": "sach", **params})
    assert str(error.value)
