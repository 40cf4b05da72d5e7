"""load_demo fills the catalogue through the import code and links the books of the day."""

import pytest
from django.core.management import call_command

from catalogue.index import alias_name
from catalogue.models import Record
from library.models import BookPage, book_of_the_day
from search.engine import search_backend


@pytest.mark.django_db
def test_demo_catalogue_is_idempotent_and_linked(client, catalogue_index):
    call_command("load_demo")
    count = Record.objects.count()
    assert count >= 35 and Record.objects.filter(language="eng").count() >= 5
    call_command("load_demo")
    assert Record.objects.count() == count
    books = BookPage.objects.all()
    assert books and all(book.record and book.record.title == book.title for book in books)
    catalogue_index()
    assert search_backend().es.count(index=alias_name())["count"] == count
    book = book_of_the_day()
    assert book.record.get_absolute_url() in client.get(book.url).content.decode()
    assert book.record.get_absolute_url() in client.get("/").content.decode()
    html = client.get("/opac/", {"q": "sach cho tuoi hoc tro"}).content.decode()
    assert "<mark>Sách</mark> hay <mark>cho</mark> <mark>tuổi</mark> <mark>học</mark>" in html
