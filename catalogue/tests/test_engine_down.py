"""The engine stops mid-run: the catalogue's autocomplete answers from the database and says so.

The engine is a node of its own (``own_engine``, from the search tests), stopped here.
"""

import pytest

from catalogue.models import Record
from catalogue.opac.search import autocomplete
from catalogue.tests.catalogue import load_catalogue
from search.tests.test_engine_down import engine


@pytest.mark.django_db
def test_autocomplete_answers_from_the_database_while_the_engine_is_down(
    own_engine, catalogue_index, client
):
    load_catalogue(catalogue_index)  # into the engine of its own (own_engine comes first)
    suggestion = {"id": Record.objects.get(control_number="T3").pk, "title": "Lịch sử Quảng Ninh",
                  "authors": ["Trần Thị Hoa"], "year": 1998}
    assert autocomplete("lich s") == [suggestion] and autocomplete("lich s").fallback is False
    assert client.get("/api/v3/opac/autocomplete", {"q": "lich s"}).json() == {
        "results": [suggestion], "fallback": False}

    engine("stop")
    down = autocomplete("lich s")
    assert down == [suggestion] and down.fallback is True
    assert client.get("/api/v3/opac/autocomplete", {"q": "lich s"}).json() == {
        "results": [suggestion], "fallback": True}
