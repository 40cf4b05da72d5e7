"""The admin import as a background job: upload, job page and status, the real process."""

import os
import subprocess
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from catalogue.admin import imports as admin_import
from catalogue.importing import jobs as import_jobs
from catalogue.importing.jobs import HOST, START_TIMEOUT, run_job
from catalogue.models import ImportJob, ImportStatus, Record
from catalogue.tests.marc_samples import iso2709, marc_record

IMPORT = "/admin/catalogue/import/"
GOOD_AND_BAD = iso2709(marc_record("U1", "Tải lên từ quản trị"), marc_record("U2", ""))


@pytest.fixture
def started(monkeypatch):
    """Jobs the view would start; the test runs them in this process, when it chooses."""
    jobs = []
    monkeypatch.setattr(admin_import, "start_job", jobs.append)
    return jobs


def upload(client, data=GOOD_AND_BAD, name="upload.mrc", **fields):
    files = [SimpleUploadedFile(name, data, content_type="application/marc")]
    return client.post(IMPORT, {"files": files, **fields})


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.django_db
def test_upload_queues_a_job_then_its_page_shows_the_summary(
        admin_client, admin_user, catalogue_index, started, upload_root):
    response = upload(admin_client)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{IMPORT}{job.pk}/"
    assert started == [job] and job.status == ImportStatus.QUEUED and job.user == admin_user
    assert job.file_names == ["upload.mrc"] and not job.dry_run
    assert len(stored_files(upload_root)) == 1
    waiting = admin_client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert "Đang chờ" in waiting and 'http-equiv="refresh"' in waiting
    assert "import_job.js" in waiting

    run_job(job.pk)
    html = admin_client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert "Đã xong" in html and "Đã đọc 2 biểu ghi (100%)" in html
    assert "Đã đọc 2 biểu ghi: 1 mới, 0 cập nhật, 0 không đổi, 1 bị từ chối." in html
    assert "upload.mrc, biểu ghi 2" in html and "thiếu nhan đề" in html
    assert 'http-equiv="refresh"' not in html
    assert Record.objects.filter(control_number="U1").exists()
    assert stored_files(upload_root) == []

    status = admin_client.get(f"{IMPORT}{job.pk}/status/").json()
    assert status["status"] == "done" and status["finished"] and status["progress"] == 1
    assert (status["read"], status["created"], status["rejected"]) == (2, 1, 1)
    assert status["summary"][0].startswith("Đã đọc 2 biểu ghi: 1 mới")
    assert "thiếu nhan đề" in status["summary"][1]
    listing = admin_client.get(IMPORT).content.decode()
    assert "upload.mrc" in listing and "2 đọc, 1 mới, 0 cập nhật, 1 bị từ chối" in listing


@pytest.mark.django_db
def test_dry_run_job_writes_nothing(admin_client, catalogue_index, started):
    upload(admin_client, dry_run="on")
    job = run_job(started[0].pk)
    assert job.dry_run and job.status == ImportStatus.DONE and Record.objects.count() == 0
    html = admin_client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert "Thử (không ghi gì): Đã đọc 2 biểu ghi: 1 mới" in html


@pytest.mark.django_db
def test_a_csv_upload_and_several_files(admin_client, catalogue_index, started):
    files = [SimpleUploadedFile("a.csv", "title,control_number\nSách CSV,C1\n".encode()),
             SimpleUploadedFile("b.mrc", iso2709(marc_record("M1", "Sách MARC")))]
    admin_client.post(IMPORT, {"files": files})
    job = run_job(started[0].pk)
    assert job.file_names == ["a.csv", "b.mrc"] and (job.read, job.created) == (2, 2)
    assert set(Record.objects.values_list("control_number", flat=True)) == {"C1", "M1"}


@pytest.mark.django_db
def test_rejections_listed_are_capped_but_all_counted(
        admin_client, catalogue_index, started, monkeypatch):
    monkeypatch.setattr(import_jobs, "MAX_REJECTIONS", 2)
    upload(admin_client, iso2709(*(marc_record(f"X{n}", "") for n in range(3))))
    job = run_job(started[0].pk)
    assert job.rejected == 3 and len(job.rejections) == 2
    html = admin_client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert "3 bị từ chối" in html and "và 1 biểu ghi bị từ chối khác" in html


@pytest.mark.django_db
def test_a_job_runs_once(admin_client, catalogue_index, started):
    upload(admin_client)
    assert run_job(started[0].pk).status == ImportStatus.DONE
    assert run_job(started[0].pk) is None
    with pytest.raises(CommandError, match="không ở trạng thái chờ"):
        call_command("import_marc", "--job", str(started[0].pk))


@pytest.mark.django_db
def test_an_unreadable_stored_file_fails_the_job_with_its_reason(
        admin_client, catalogue_index, started, upload_root):
    upload(admin_client)
    for path in stored_files(upload_root):
        path.unlink()
    job = run_job(started[0].pk)
    assert job.status == ImportStatus.FAILED and "Lỗi khi nhập" in job.error
    assert "vẫn được giữ" in admin_client.get(f"{IMPORT}{job.pk}/").content.decode()


@pytest.mark.django_db
def test_a_file_without_any_record_fails_the_job_with_a_message(
        admin_client, catalogue_index, started, upload_root):
    upload(admin_client, data=b"title,authors\n", name="trong.csv")
    job = run_job(started[0].pk)
    assert job.status == ImportStatus.FAILED
    assert job.error.startswith("Không tìm thấy biểu ghi nào trong trong.csv")
    html = admin_client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert "Không tìm thấy biểu ghi nào trong trong.csv" in html


def dead_pid():
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@pytest.mark.django_db
@pytest.mark.parametrize("pid", [dead_pid, os.getpid], ids=["gone", "reused-by-another-process"])
def test_a_job_whose_process_died_is_shown_failed(
        admin_client, catalogue_index, started, upload_root, pid):
    upload(admin_client)
    job = started[0]
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, pid=pid(), host=HOST, read=1000, created=1000)
    html = admin_client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert "Thất bại" in html and "dừng đột ngột" in html
    assert "Các biểu ghi đã ghi trước đó vẫn được giữ" in html
    assert "Đã đọc 1000 biểu ghi: 1000 mới" in html
    assert admin_client.get(f"{IMPORT}{job.pk}/status/").json()["status"] == "failed"
    assert stored_files(upload_root) == []


@pytest.mark.django_db
def test_a_live_job_of_another_host_or_a_fresh_queued_one_is_left_alone(
        admin_client, catalogue_index, started):
    upload(admin_client)
    job = started[0]
    assert admin_client.get(f"{IMPORT}{job.pk}/status/").json()["status"] == "queued"
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, pid=dead_pid(), host="another-host")
    assert admin_client.get(f"{IMPORT}{job.pk}/status/").json()["status"] == "running"
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.QUEUED, pid=None,
        created_at=timezone.now() - START_TIMEOUT - START_TIMEOUT)
    status = admin_client.get(f"{IMPORT}{job.pk}/status/").json()
    assert status["status"] == "failed" and "không khởi động được" in status["error"]


@pytest.mark.django_db
def test_job_pages_need_the_permission(client, django_user_model, admin_client, started):
    upload(admin_client)
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    for url in (IMPORT, f"{IMPORT}{started[0].pk}/", f"{IMPORT}{started[0].pk}/status/"):
        assert client.get(url).status_code in (302, 403)
    assert admin_client.get(f"{IMPORT}999999/").status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_upload_runs_in_a_process_of_its_own(
        admin_client, catalogue_index, upload_root, monkeypatch):
    monkeypatch.setenv("TEST_DATABASE_NAME", connection.settings_dict["NAME"])
    response = upload(admin_client)
    job = ImportJob.objects.get()
    assert response["Location"] == f"{IMPORT}{job.pk}/"
    deadline = time.monotonic() + 120
    while not (status := admin_client.get(f"{IMPORT}{job.pk}/status/").json())["finished"]:
        assert time.monotonic() < deadline, f"the import process did not finish: {status}"
        time.sleep(0.5)
    assert status["status"] == "done", status
    job.refresh_from_db()
    assert job.pid and job.host == HOST and job.started_at and job.finished_at
    while Path(f"/proc/{job.pid}").exists():  # ended and reaped: no zombie left behind
        assert time.monotonic() < deadline, "the import process was not reaped"
        time.sleep(0.1)
    assert Record.objects.filter(control_number="U1").exists()
    assert stored_files(upload_root) == []
    html = admin_client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert "Đã đọc 2 biểu ghi: 1 mới, 0 cập nhật, 0 không đổi, 1 bị từ chối." in html
