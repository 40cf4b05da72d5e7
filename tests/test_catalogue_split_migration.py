"""A database from before the catalogue app upgrades with ``migrate`` and loses nothing.

The database is taken back to the last migration where records, copies and import jobs were the
``library`` app's, rows are written there through that state's models (as the old code wrote
them), then ``migrate`` runs forward: every row, every link, the groups' catalogue permissions
and the queued index updates must come through.
"""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page

from catalogue.models import Holding, ImportJob, Record
from library.models import BookFeatureDate, BookIndexPage, BookPage
from search.models import PendingIndexUpdate

PRE_SPLIT = [("library", "0004_record_holdings_inline"), ("catalogue", None)]


def migrate_to(targets):
    """Apply or unapply migrations up to ``targets``; return the apps of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([node for node in targets if node[1]]).apps


def old_rows(old):
    """Rows written through the pre-split models: a record with a copy on loan, a job."""
    Record = old.get_model("library", "Record")
    Holding = old.get_model("library", "Holding")
    ImportJob = old.get_model("library", "ImportJob")
    User = old.get_model("auth", "User")
    record = Record.objects.create(
        control_number="OLD-1", title="Địa chí Quảng Ninh", authors=[
            {"name": "Ban biên soạn", "role": "", "main": True}], subjects=["Địa chí"],
        marcxml='<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 i 4500'
                '</leader></record>', search_text="dia chi quang ninh",
    )
    Holding.objects.create(record=record, barcode="OLD-1-1", branch="Thư viện tỉnh",
                           status="on_loan", due_date=date(2027, 1, 15))
    user = User.objects.create(username="thu-thu-cu")
    ImportJob.objects.create(user=user, files=[{"name": "cu.mrc", "stored": "", "size": 10}],
                             status="done", read=1, created=1)
    PendingIndexUpdate.objects.create(model_label="library.record", object_pk=str(record.pk),
                                      action="index")
    return record.pk


def book_of_the_day(record_pk):
    """A book of the day linked to a record (the page's table is the same in both states)."""
    index = Page.objects.get(depth=2).add_child(instance=BookIndexPage(title="Sách", slug="sach"))
    book = index.add_child(instance=BookPage(
        title="Địa chí", slug="dia-chi", author="Ban biên soạn", review="Một cuốn sách quý.",
        record_id=record_pk,
    ))
    BookFeatureDate.objects.create(page=book, date=date(2026, 12, 1))
    return book.pk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_pre_split_database_upgrades_without_losing_a_row():
    try:
        old = migrate_to(PRE_SPLIT)
        assert ContentType.objects.filter(app_label="library", model="record").exists()
        record_pk = old_rows(old)
        book_pk = book_of_the_day(record_pk)
        editors = Group.objects.get(name="Editors")
        granted = set(editors.permissions.values_list("content_type__app_label", "codename"))
        assert ("library", "add_record") in granted
    finally:
        migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())

    record = Record.objects.get(pk=record_pk)
    assert (record.control_number, record.title, record.subjects) == (
        "OLD-1", "Địa chí Quảng Ninh", ["Địa chí"])
    copy = Holding.objects.get(barcode="OLD-1-1")
    assert (copy.record_id, copy.status, copy.due_date) == (record_pk, "on_loan", date(2027, 1, 15))
    job = ImportJob.objects.get()
    assert (job.user.username, job.file_names, job.created) == ("thu-thu-cu", ["cu.mrc"], 1)
    granted = set(editors.permissions.values_list("content_type__app_label", "codename"))
    assert {("catalogue", "add_record"), ("catalogue", "change_record")} <= granted
    assert not any(app == "library" and name.endswith("_record") for app, name in granted)
    assert not ContentType.objects.filter(app_label="library", model__in=["record", "holding"])
    book = BookPage.objects.get(pk=book_pk)
    assert book.record == record and book.catalogue_url == f"/opac/record/{record_pk}/"
    assert list(record.book_pages.all()) == [book]
    assert list(PendingIndexUpdate.objects.values_list("model_label", "object_pk")) == [
        ("catalogue.record", str(record_pk))]
