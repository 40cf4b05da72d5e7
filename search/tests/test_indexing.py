"""Index maintenance through the real engine: live updates and atomic rebuilds."""

from io import StringIO

from django.core.management import call_command
from wagtail.models import Page

from search.query import search_with_fallback


def found(text):
    results, _ = search_with_fallback(Page.objects.live().filter(depth=3), text)
    return [page.title for page in results]


def test_publishing_updates_the_index_at_once(add_pages, engine):
    (page,) = add_pages("Bản tin cũ")
    page.title = "Giờ phục vụ mùa hè"
    page.save_revision().publish()
    engine.get_index_for_model(Page).refresh()
    assert found("gio phuc vu") == ["Giờ phục vụ mùa hè"]
    assert found("ban tin") == []


def test_update_index_swaps_an_alias_and_reports_progress(add_pages, engine):
    add_pages("Sách hay mỗi ngày")
    alias = engine.get_index_for_model(Page)
    before = {index.name for index in alias.aliased_indices()}

    output = StringIO()
    call_command("update_index", backend_name="default", stdout=output)

    after = {index.name for index in alias.aliased_indices()}
    assert alias.is_alias() and len(after) == 1 and after != before
    assert not engine.es.indices.exists(index=before.pop())  # the old index is gone
    assert "indexed" in output.getvalue() and "." in output.getvalue()
    assert found("sach hay") == ["Sách hay mỗi ngày"]
