"""Every engine gets the same Vietnamese index definition (unit level: no cluster needed)."""

import pytest

from search.analysis import AUTOCOMPLETE_MAPPING, INDEX_SETTINGS, clean_query
from search.backends import Elasticsearch8Backend, Elasticsearch9Backend, OpenSearch2Backend


@pytest.mark.parametrize(
    "backend", [OpenSearch2Backend, Elasticsearch8Backend, Elasticsearch9Backend]
)
def test_same_analysis_for_every_engine(backend):
    analysis = backend.settings["settings"]["analysis"]
    ours = INDEX_SETTINGS["settings"]["analysis"]
    assert analysis["filter"]["vi_folding"] == ours["filter"]["vi_folding"]
    for name, analyzer in ours["analyzer"].items():
        assert analysis["analyzer"][name] == analyzer
    assert backend.mapping_class.edgengram_analyzer_config == AUTOCOMPLETE_MAPPING


def test_elasticsearch_backend_is_built_from_search_url():
    from library_cms.config import parse_search_url

    params = parse_search_url("elasticsearch://es1:9200,es2:9200", "lib_", replicas=2)
    params.pop("BACKEND")
    backend = Elasticsearch9Backend(params)
    assert backend.index_prefix == "lib_"
    assert backend.settings["settings"]["index"]["number_of_replicas"] == 2
    assert backend.settings["settings"]["analysis"]["analyzer"]["default"]["filter"] == [
        "lowercase", "vi_folding"
    ]


def test_clean_query():
    assert clean_query("  Sa\u0301ch\x00 hay\n ") == "Sách hay"
    assert len(clean_query("x" * 10_000)) == 200
    assert clean_query(None) == ""
