"""In Chromium: upload a MARC file in the admin, watch the job's page follow it to the summary."""

import re

import pytest
from django.db import connection
from playwright.sync_api import expect

from catalogue.models import Record
from catalogue.tests.marc_samples import iso2709, marc_record

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "mat-khau-thu-1"


def log_in(page, url):
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", "thuthu")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/admin/")


def import_file(page, url, path, dry_run=False):
    page.goto(f"{url}/admin/catalogue/import/")
    page.set_input_files("#import-form input[type=file]", str(path))
    if dry_run:
        page.check("#import-form input[name=dry_run]")
    page.click("#import-form button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/catalogue/import/\d+/$"))


def test_the_job_page_follows_the_import_with_and_without_javascript(
    live_server, chromium, browser_page, screenshot_dir, catalogue_index, django_user_model,
    tmp_path, monkeypatch,
):
    monkeypatch.setenv("TEST_DATABASE_NAME", connection.settings_dict["NAME"])
    django_user_model.objects.create_superuser("thuthu", "thuthu@example.org", PASSWORD)
    path = tmp_path / "sach.mrc"
    path.write_bytes(iso2709(marc_record("B1", "Sách nhập trong trình duyệt"),
                             marc_record("B2", "")))

    page = browser_page
    log_in(page, live_server.url)
    import_file(page, live_server.url, path)
    summary = page.locator("#import-summary")
    expect(summary).to_contain_text("1 mới, 0 cập nhật, 0 không đổi, 1 bị từ chối",
                                    timeout=120_000)
    expect(page.locator("#import-status")).to_have_text("Đã xong")
    expect(page.locator(".import-rejections")).to_contain_text("sach.mrc, biểu ghi 2")
    page.screenshot(path=screenshot_dir / "import-01-job-done.png", full_page=True)
    assert Record.objects.filter(control_number="B1").exists()

    context = chromium.new_context(locale="vi-VN", java_script_enabled=False)
    plain = context.new_page()
    log_in(plain, live_server.url)
    import_file(plain, live_server.url, path, dry_run=True)
    expect(plain.locator("#import-summary")).to_contain_text(
        "Thử (không ghi gì): Đã đọc 2 biểu ghi: 0 mới, 0 cập nhật, 1 không đổi", timeout=120_000)
    context.close()

    page.goto(f"{live_server.url}/admin/catalogue/import/")
    expect(page.locator("#import-jobs tbody tr")).to_have_count(2)
    page.screenshot(path=screenshot_dir / "import-02-recent-jobs.png", full_page=True)
