"""In Chromium: search "sach" in the header box, narrow by a facet, open a record."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from search.analysis import fold

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_searches_narrows_and_opens_a_record(
    live_server, browser_page, screenshot_dir, catalogue_index
):
    call_command("load_demo")
    catalogue_index()
    page = browser_page
    page.goto(f"{live_server.url}/")

    box = page.locator("#header-q")
    box.press_sequentially("lich s", delay=50)
    expect(page.locator("#opac-suggestions option").first).to_have_attribute(
        "value", re.compile("^Lịch sử"))
    box.fill("sach")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/opac/\?q=sach"))
    total = page.locator("#opac-total")
    expect(total).to_contain_text("Tìm thấy")
    before = int(re.search(r"\d+", total.inner_text()).group())
    assert before > 3
    assert fold(page.locator(".opac-hit mark").first.inner_text()) == "sach"  # sách, sạch…
    page.screenshot(path=screenshot_dir / "opac-01-results.png", full_page=True)

    facet = page.locator(".facet--branch a").first
    branch = facet.inner_text()
    count = int(re.search(r"\d+", facet.locator("xpath=..").locator(".count").inner_text()).group())
    facet.click()
    page.wait_for_url(re.compile(r"branch="))
    expect(total).to_have_text(f"Tìm thấy {count} biểu ghi")
    assert count < before
    expect(page.locator(".facet--branch a[aria-current='true']")).to_have_text(branch)
    page.screenshot(path=screenshot_dir / "opac-02-narrowed.png", full_page=True)

    first = page.locator(".opac-hit__title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/opac/record/\d+/"))
    expect(page.locator("h1")).to_have_text(re.compile(re.escape(title.split(" : ")[0])))
    expect(page.locator(".opac-holdings")).to_contain_text(branch)
    page.screenshot(path=screenshot_dir / "opac-03-record.png", full_page=True)
    page.locator(".opac-marc summary").click()  # the MARC view
    expect(page.locator(".opac-marc pre")).to_contain_text("=245  ")
    page.screenshot(path=screenshot_dir / "opac-04-marc.png", full_page=True)
