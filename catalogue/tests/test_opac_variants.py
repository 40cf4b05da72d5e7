"""Spelling variants find each other in every OPAC path: the engine (HTML, API, autocomplete, did
you mean), best-partial matching, and the database when there is no engine or it is down."""

import io
import unicodedata
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from catalogue import index
from catalogue.documents import SCHEMA_VERSION, index_body
from catalogue.importing.files import import_files
from catalogue.index import alias_name
from catalogue.models import Record
from catalogue.models.records import search_text_of
from catalogue.opac.params import parse_params
from catalogue.opac.search import autocomplete, search
from catalogue.tests.admin_forms import LIST, body, form_of, saved
from catalogue.tests.marc_samples import iso2709, marc_record, marcxml
from library_cms.config import search_backends
from search.engine import search_backend

pytestmark = pytest.mark.django_db
NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
DEAD_ENGINE = search_backends("opensearch://127.0.0.1:1", settings.SEARCH_INDEX_PREFIX)
NO_ENGINE = search_backends("", settings.SEARCH_INDEX_PREFIX)

# Equally relevant records are listed in the order they were indexed: those that must rank lower
# come first, so that only the spelling rules can put the others above them.
RECORDS = [
    marc_record("V0", "Hoá nhập cộng đồng", author="Lê Thị Mĩ", year="2019"),  # hoá ≠ hoà
    marc_record("V2", "Kí năng giao tiếp", author="Đỗ Văn Nam"),  # another word: kí ≠ kĩ
    marc_record("V1", "Kỹ năng giao tiếp", author="Nguyễn Văn Huy", subjects=["Kỹ năng sống"]),
    marc_record("V4", "Hòa nhập cộng đồng", author="Lê Thị Mĩ", year="2019"),
    marc_record("V3", "Hoà nhập cộng đồng", author="Lê Thị Mĩ", year="2019"),
    marc_record("V5", "Lí thuyết xác suất", author="Trần Quý", year="2018"),
    marc_record("V6", "Sức khoẻ cộng đồng", author="Phạm Thuý Hằng", year="2017"),
    marc_record("V7", "Thanh Hoá xưa và nay", author="Hoàng Tuỳ"),
    marc_record("V8", "Thế kỉ XX", author="Vũ Khiêu"),
    marc_record("V9", "Vườn quýt", author="Ngô Thị Yến"),
    marc_record("V10", "Chuyện tình Thuý Kiều", author="Nguyễn Du"),
    marc_record("V11", "Huy hoàng một thời", author="Đêm Khuya"),
    marc_record("V12", "Yêu thương và tuyết", author="Mỹ Linh", subjects=["Thuỵ Sĩ"]),
]


@pytest.fixture
def catalogue(catalogue_index):
    import_files([("v.mrc", io.BytesIO(iso2709(*RECORDS)))])
    catalogue_index()
    return {r.control_number: r.pk for r in Record.objects.all()}


def codes(catalogue, hits):
    names = {pk: code for code, pk in catalogue.items()}
    return [names[hit.id] for hit in hits]


def found(catalogue, **query):
    result = search(parse_params(query))
    return codes(catalogue, result.hits), result


# A query, the records it finds first (in that order), as an OPAC reader would type it.
FIRST = [
    ({"q": "kĩ năng giao tiếp"}, ["V1", "V2"]),
    ({"q": "KỸ NĂNG GIAO TIẾP"}, ["V1", "V2"]),
    ({"q": NFD("kĩ năng giao tiếp")}, ["V1", "V2"]),
    ({"q": "kí năng giao tiếp"}, ["V2", "V1"]),
    ({"q": "lý thuyết"}, ["V5"]),
    ({"title": "ly thuyet xac suat"}, ["V5"]),
    ({"q": "hòa nhập"}, ["V4", "V3", "V0"]),
    ({"q": "hoà nhập"}, ["V3", "V4", "V0"]),
    ({"q": NFD("hoà nhập")}, ["V3", "V4", "V0"]),
    ({"q": "HÒA NHẬP"}, ["V4", "V3", "V0"]),
    ({"q": "hóa nhập"}, ["V0"]),
    ({"author": "le thi my"}, ["V0", "V4", "V3"]),  # equally relevant: as indexed
    ({"author": "Lê Thị Mỹ"}, ["V0", "V4", "V3"]),
    ({"q": "sức khỏe"}, ["V6"]),
    ({"q": "Thanh Hóa"}, ["V7"]),
    ({"q": "the ky xx"}, ["V8"]),
    ({"q": "thế kỷ"}, ["V8"]),
    ({"q": "vườn quít"}, ["V9"]),
    ({"q": "Thúy Kiều"}, ["V10"]),
    ({"author": "thuy hang"}, ["V6"]),
    ({"author": "Hoàng Tùy"}, ["V7"]),
    ({"author": "tran qui"}, ["V5"]),
    ({"subject": "kĩ năng sống"}, ["V1"]),
    ({"subject": "Thụy Sỹ"}, ["V12"]),
    ({"q": "yêu thương"}, ["V12"]),
    ({"q": "huy hoàng"}, ["V11"]),
]
# Words that look alike but are other words: nothing found.
NOTHING = ["thúi", "hui", "khuia", "iêu thương", "tuiết", "nguiễn", "ỉ", "tủi"]


@pytest.mark.parametrize(("query", "first"), FIRST, ids=[str(q) for q, _f in FIRST])
def test_a_query_in_either_spelling_finds_the_other_ranked_as_typed(catalogue, query, first):
    found_codes, result = found(catalogue, **query)
    assert not result.fallback
    assert found_codes[:len(first)] == first


@pytest.mark.parametrize("query", NOTHING)
def test_look_alikes_that_are_other_words_find_nothing(catalogue, query):
    found_codes, result = found(catalogue, q=query)
    assert not result.fallback and found_codes == [] and result.total == 0


def test_api_and_page_find_either_spelling(catalogue, client):
    data = client.get("/api/v3/opac/search", {"q": "ky nang giao tiep"}).json()
    assert data["fallback"] is False and data["partial"] is False
    assert {r["title"] for r in data["results"]} == {"Kỹ năng giao tiếp", "Kí năng giao tiếp"}
    html = client.get("/opac/", {"q": "hòa nhập"}).content.decode()
    assert html.index(link(catalogue, "V4")) < html.index(link(catalogue, "V3"))


def link(catalogue, code):
    return f'href="/opac/record/{catalogue[code]}/'  # then " or ?back=…


def test_one_word_matching_nothing_falls_back_to_partial_matches(catalogue, client):
    found_codes, result = found(catalogue, q="kỹ năng giao tiếpp")
    assert found_codes == [] and result.total == 0 and result.partial
    assert codes(catalogue, result.partial_hits)[:2] == ["V1", "V2"]
    data = client.get("/api/v3/opac/search", {"q": "kỹ năng giao tiếpp"}).json()
    assert data["total"] == 0 and data["results"] == [] and data["partial"] is True
    assert data["partial_results"][0]["title"] == "Kỹ năng giao tiếp"
    html = client.get("/opac/", {"q": "kỹ năng giao tiếpp"}).content.decode()
    assert "Không có kết quả chứa mọi từ; kết quả gần đúng:" in html
    assert link(catalogue, "V1") in html and "Không tìm thấy biểu ghi nào" not in html


@pytest.mark.parametrize(("query", "first"), [
    ("hòa nhập cộng đồngg", ["V4", "V3", "V0"]),
    ("hoà nhập cộng đồngg", ["V3", "V4", "V0"]),
    ("kí năng giao tiếpp", ["V2", "V1"]),
    ("KĨ NĂNG GIAO TIẾPP", ["V1", "V2"]),
])
def test_partial_matches_rank_the_spelling_typed_first(catalogue, query, first):
    """As full matches do: the word as typed, then its other spelling, then other diacritics."""
    found_codes, result = found(catalogue, q=query)
    assert found_codes == [] and codes(catalogue, result.partial_hits)[:len(first)] == first


def test_partial_matches_come_after_the_few_full_ones(catalogue, client):
    found_codes, result = found(catalogue, q="sức khỏe cộng đồng")
    assert found_codes == ["V6"] and result.partial
    assert set(codes(catalogue, result.partial_hits)) == {"V0", "V3", "V4"}  # 2 words of 3
    html = client.get("/opac/", {"q": "sức khỏe cộng đồng"}).content.decode()
    assert "Kết quả gần đúng (không chứa mọi từ):" in html
    assert html.index(link(catalogue, "V6")) < html.index("Kết quả gần đúng") < html.index(
        link(catalogue, "V3"))


def test_no_partial_matches_for_one_word_or_enough_full_matches(catalogue):
    assert not found(catalogue, q="xyzzy")[1].partial  # one word: nothing to drop
    everything = "giao OR nhập OR thuyết OR khoẻ OR hoá OR kỉ OR quýt OR kiều OR thời OR yêu"
    assert not found(catalogue, q=everything)[1].partial


def test_did_you_mean_keeps_diacritics_and_proposes_only_words_records_hold(catalogue):
    assert found(catalogue, q="giao tiepp")[1].suggestion == "giao tiếp"
    assert found(catalogue, q="Hoà nhậpp")[1].suggestion == "Hoà nhập"
    # "tiepx" is replaced; the known words typed without diacritics get the records' spelling
    suggestion = found(catalogue, q="ky nang giao tiepx")[1].suggestion
    assert suggestion in {"kỹ năng giao tiếp", "kí năng giao tiếp"}
    assert search(parse_params({"q": suggestion})).total == 2
    assert found(catalogue, q="qwertyuiop zxcvbnm")[1].suggestion == ""


def test_did_you_mean_and_autocomplete_in_the_page_and_the_api(catalogue, client):
    assert client.get("/api/v3/opac/search", {"q": "giao tiepp"}).json()["suggestion"] == (
        "giao tiếp")
    html = client.get("/opac/", {"q": NFD("Hoà nhậpp")}).content.decode()  # the answer is NFC
    assert 'Có phải bạn muốn tìm: <a href="?q=Ho%C3%A0%20nh%E1%BA%ADp">Hoà nhập</a>' in html
    data = client.get("/api/v3/opac/autocomplete", {"q": NFD("hòa nh")}).json()
    assert data["fallback"] is False
    assert [r["title"] for r in data["results"]][:2] == [
        "Hòa nhập cộng đồng", "Hoà nhập cộng đồng"]
    with override_settings(WAGTAILSEARCH_BACKENDS=DEAD_ENGINE):
        data = client.get("/api/v3/opac/autocomplete", {"q": NFD("KỸ NĂ")}).json()
        assert data["fallback"] is True
        assert [r["title"] for r in data["results"]] == ["Kí năng giao tiếp", "Kỹ năng giao tiếp"]
        data = client.get("/api/v3/opac/search", {"q": "Hoà nhậpp"}).json()
        assert data["fallback"] is True and data["suggestion"] == "Hoà nhập"


@pytest.mark.parametrize(("prefix", "title"), [
    ("ky nang", "Kỹ năng giao tiếp"), ("kĩ nă", "Kỹ năng giao tiếp"),
    ("hòa nh", "Hoà nhập cộng đồng"), ("hoa nhap", "Hòa nhập cộng đồng"),
    ("ly thu", "Lí thuyết xác suất"), ("suc khỏe", "Sức khoẻ cộng đồng"),
    (NFD("thế kỷ"), "Thế kỉ XX"),
])
def test_autocomplete_finds_either_spelling(catalogue, prefix, title):
    suggestions = autocomplete(prefix)
    assert title in [s["title"] for s in suggestions] and not suggestions.fallback


@pytest.mark.parametrize(("prefix", "titles"), [
    ("hòa nh", ["Hòa nhập cộng đồng", "Hoà nhập cộng đồng", "Hoá nhập cộng đồng"]),
    ("hoà nh", ["Hoà nhập cộng đồng", "Hòa nhập cộng đồng", "Hoá nhập cộng đồng"]),
    ("HOÁ NHẬ", ["Hoá nhập cộng đồng"]),
    ("kĩ nă", ["Kỹ năng giao tiếp", "Kí năng giao tiếp"]),
    ("kí năng", ["Kí năng giao tiếp", "Kỹ năng giao tiếp"]),
])
def test_autocomplete_lists_the_spelling_typed_first(catalogue, prefix, titles):
    """Titles indexed first come first among equals: only the spelling rules put the others
    above them (a variant of the word typed above a word with another tone)."""
    suggestions = autocomplete(prefix)
    assert [s["title"] for s in suggestions][:len(titles)] == titles and not suggestions.fallback


@pytest.mark.parametrize("backends", [DEAD_ENGINE, NO_ENGINE], ids=["engine-down", "no-engine"])
def test_the_database_finds_either_spelling(catalogue, client, backends):
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        for query, first in FIRST:
            found_codes, result = found(catalogue, **query)
            assert result.fallback and set(first) <= set(found_codes), query
        for query in NOTHING:  # words, not letters: the database matches parts of words
            assert len(query) < 3 or found(catalogue, q=query)[0] == [], query
        found_codes, result = found(catalogue, q="kỹ năng giao tiếpp")
        assert found_codes == [] and set(codes(catalogue, result.partial_hits)) >= {"V1", "V2"}
        assert result.suggestion == "kỹ năng giao tiếp"
        suggestion = found(catalogue, q="ky nang giao tiepx")[1].suggestion
        assert suggestion in {"kỹ năng giao tiếp", "kí năng giao tiếp"}
        assert found(catalogue, q="Hoà nhậpp")[1].suggestion == "Hoà nhập"
        assert found(catalogue, q="qwertyuiop zxcvbnm")[1].suggestion == ""
        data = client.get("/api/v3/opac/search", {"q": "kỹ năng giao tiếpp"}).json()
        assert data["fallback"] is True and data["partial"] is True
        html = client.get("/opac/", {"q": "kỹ năng giao tiếpp"}).content.decode()
        assert "Không có kết quả chứa mọi từ; kết quả gần đúng:" in html
        assert "Có phải bạn muốn tìm: <a" in html
        suggestions = autocomplete("ly thu")
        assert suggestions.fallback and [s["title"] for s in suggestions] == ["Lí thuyết xác suất"]


def test_decomposed_imports_are_stored_nfc_in_the_cataloguers_spelling(catalogue_index, client):
    iso = marc_record("N1", NFD("Hoà bình và Kỹ thuật"), author=NFD("Lê Thị Mĩ"))
    xml = marc_record("N2", NFD("Sức khỏe là vàng"), subjects=[NFD("Y học")])
    csv = "control_number,title,authors\nN3," + NFD("Thuý Kiều") + "," + NFD("Nguyễn Du") + "\n"
    import_files([("n.mrc", io.BytesIO(iso2709(iso))), ("n.xml", io.BytesIO(marcxml(xml))),
                  ("n.csv", io.BytesIO(csv.encode()))])
    catalogue_index()
    stored = {r.control_number: r for r in Record.objects.all()}
    assert stored["N1"].title == "Hoà bình và Kỹ thuật"  # NFC, "Hoà" and "Kỹ" as catalogued
    assert stored["N1"].author_names == ["Lê Thị Mĩ"] and stored["N2"].subjects == ["Y học"]
    assert stored["N2"].title == "Sức khỏe là vàng" and stored["N3"].title == "Thuý Kiều"
    for record in stored.values():
        for text in (record.title, record.search_text, *record.author_names, record.marcxml):
            assert unicodedata.is_normalized("NFC", text)
    assert search(parse_params({"q": "hòa bình kĩ thuật"})).hits[0].title == stored["N1"].title
    assert search(parse_params({"q": NFD("sức khoẻ")})).hits[0].title == "Sức khỏe là vàng"
    page = client.get(f"/opac/record/{stored['N3'].pk}/").content.decode()
    assert "Thuý Kiều" in page and "Thúy Kiều" not in page


def test_an_index_of_the_previous_schema_is_migrated_by_reindex_if_outdated(catalogue, monkeypatch):
    """An index built by the code before spelling variants (schema 2: folding only) is not
    searched: the database answers, variants included, until ``reindex_catalogue
    --if-outdated`` rebuilds it; then the engine answers."""
    es = search_backend().es
    for name in es.indices.get(index=f"{alias_name()}*"):
        es.indices.delete(index=name)
    body = index_body()
    body["settings"]["analysis"]["analyzer"]["default"] = {
        "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]}
    body["mappings"] = {**body["mappings"], "_meta": {"schema_version": 2}}
    es.indices.create(index=f"{alias_name()}_old", body=body)
    es.indices.put_alias(index=f"{alias_name()}_old", name=alias_name())
    index.send(list(Record.objects.all()), {}, index=alias_name(), refresh=True)
    monkeypatch.setattr(index, "_trusted_until", {})
    result = search(parse_params({"q": "kĩ năng giao tiếp"}))
    assert result.fallback and {"V1", "V2"} <= set(codes(catalogue, result.hits))
    out = StringIO()
    call_command("reindex_catalogue", "--if-outdated", stdout=out)
    assert f"Đã lập chỉ mục {len(RECORDS)} biểu ghi" in out.getvalue()
    mapping = es.indices.get_mapping(index=alias_name())
    assert [m["mappings"]["_meta"]["schema_version"] for m in mapping.values()] == [
        SCHEMA_VERSION]
    found_codes, result = found(catalogue, q="kĩ năng giao tiếp")
    assert not result.fallback and found_codes[:2] == ["V1", "V2"]


def test_the_migration_refolds_every_records_search_text(catalogue):
    Record.objects.update(search_text="ky nang")  # as the folding before spelling variants
    migration = import_module("catalogue.migrations.0003_search_text_spelling_variants")
    migration.refresh_search_text(django_apps, None)
    record = Record.objects.get(control_number="V1")
    assert record.search_text == search_text_of(vars(record))
    assert "ki nang giao tiep" in record.search_text and "nguyen van huy" in record.search_text
    with override_settings(WAGTAILSEARCH_BACKENDS=NO_ENGINE):
        assert found(catalogue, q="kĩ năng")[0] == ["V2", "V1"]  # the database: by title


def test_an_edited_record_keeps_its_spelling_nfc_and_is_found_in_the_other(
        catalogue, admin_client, client, django_capture_on_commit_callbacks):
    """The admin's form typed decomposed: stored NFC as the cataloguer spelled it ("Hoà", "Kỹ"),
    found by the other spellings through the engine and the database, shown as spelled."""
    url = f"{LIST}edit/{catalogue['V5']}/"
    data = form_of(admin_client, url)
    data.update(title=NFD("Kỹ thuật hoà giải"), main_author=NFD("Lê Thị Mĩ | tác giả"))
    response = saved(admin_client, url, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302, body(response)
    record = Record.objects.get(pk=catalogue["V5"])
    assert record.title == "Kỹ thuật hoà giải" and record.author_names == ["Lê Thị Mĩ"]
    for text in (record.title, record.search_text, record.marcxml):
        assert unicodedata.is_normalized("NFC", text)
    search_backend().es.indices.refresh(index=alias_name())
    for query in ({"q": "kĩ thuật hòa giải"}, {"q": NFD("KĨ THUẬT HOÀ")}, {"title": "ki thuat"}):
        found_codes, result = found(catalogue, **query)
        assert not result.fallback and found_codes == ["V5"], query
    assert set(found(catalogue, author="le thi my")[0]) == {"V0", "V3", "V4", "V5"}
    with override_settings(WAGTAILSEARCH_BACKENDS=NO_ENGINE):
        found_codes, result = found(catalogue, q="kĩ thuật hòa giải")
        assert result.fallback and found_codes == ["V5"]
    page = client.get(f"/opac/record/{record.pk}/").content.decode()
    assert "Kỹ thuật hoà giải" in page and "Kĩ thuật" not in page and "hòa giải" not in page
