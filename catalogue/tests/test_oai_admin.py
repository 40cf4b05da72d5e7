"""Harvest sources in the admin (Mục lục → Nguồn OAI-PMH): the list, "run now" in a process of
its own with its progress page, a dead run, the schedule and ``harvest_oai --due`` (cron)."""

import subprocess
import sys
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from catalogue.background import HOST
from catalogue.models import HarvestRun, HarvestSource, Record
from catalogue.oai.runs import check_alive, due_sources
from catalogue.tests.oai_fixtures import foreign  # noqa: F401 -- the provider's process

SOURCES = "/admin/catalogue/harvestsource/"


def source_page(source):
    return f"/admin/catalogue/harvest/source/{source.pk}/"


@pytest.mark.django_db
def test_sources_are_listed_and_created_in_vietnamese(admin_client):
    response = admin_client.post(f"{SOURCES}create/", {
        "name": "Koha của thư viện", "url": "https://koha.example.org/cgi-bin/koha/oai.pl",
        "set_spec": "", "metadata_prefix": "marc21", "schedule": "hourly", "active": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    source = HarvestSource.objects.get()
    HarvestSource.objects.filter(pk=source.pk).update(
        last_summary="Đã đọc 3 biểu ghi: 3 mới", last_error="Nguồn không trả lời sau 30 giây.")
    html = admin_client.get(SOURCES).content.decode()
    assert "Nguồn thu thập OAI-PMH" in html and "Koha của thư viện" in html
    assert "Chạy ngay" in html and source_page(source) in html
    assert "Đã đọc 3 biểu ghi: 3 mới" in html and "không trả lời sau 30 giây" in html
    assert "Mỗi giờ" in html
    assert '"label": "Ngu\\u1ed3n OAI-PMH"' in html  # the sidebar's "Mục lục" menu (JSON)


@pytest.mark.django_db
def test_pages_need_the_permission(client, django_user_model, admin_client):
    source = HarvestSource.objects.create(name="ILS", url="http://127.0.0.1:1/oai")
    run = HarvestRun.objects.create(source=source)
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    for url in (source_page(source), f"/admin/catalogue/harvest/{run.pk}/",
                f"/admin/catalogue/harvest/{run.pk}/status/"):
        assert client.get(url).status_code in (302, 403)
        assert admin_client.get(url).status_code == 200
    assert client.post(source_page(source)).status_code in (302, 403)
    assert not HarvestRun.objects.exclude(pk=run.pk).exists()


@pytest.mark.django_db
def test_a_run_whose_process_died_is_shown_failed(admin_client):
    source = HarvestSource.objects.create(name="ILS", url="http://127.0.0.1:1/oai")
    gone = subprocess.Popen(["true"])
    gone.wait()
    run = HarvestRun.objects.create(source=source, status="running", pid=gone.pid, host=HOST,
                                    read=100, pages=2)
    status = admin_client.get(f"/admin/catalogue/harvest/{run.pk}/status/").json()
    assert status["status"] == "failed" and "dừng đột ngột" in status["error"]
    assert "tiếp tục từ trang chưa ghi" in status["error"]
    for arguments, state in [(["harvest_oai", "--due"], "running"), (["other"], "failed")]:
        with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)",
                               *arguments]) as alive:  # cron's harvest, or a reused pid
            run = HarvestRun.objects.create(source=source, status="running", pid=alive.pid,
                                            host=HOST)
            assert check_alive(run).status == state
            alive.kill()
    never = HarvestRun.objects.create(source=source)  # queued, its process never started
    assert check_alive(never).status == "queued"
    HarvestRun.objects.filter(pk=never.pk).update(created_at=timezone.now() - timedelta(hours=1))
    never.refresh_from_db()
    assert check_alive(never).status == "failed"
    assert due_sources() == [source]  # a run that never started no longer holds cron back


@pytest.mark.django_db
def test_the_schedule_says_which_sources_are_due():
    now = timezone.now()
    due = [
        HarvestSource(url="http://a/oai", schedule="hourly", last_run_at=None),
        HarvestSource(url="http://b/oai", schedule="daily", last_run_at=now - timedelta(days=2)),
    ]
    not_due = [
        HarvestSource(url="http://c/oai", schedule="daily", last_run_at=now - timedelta(hours=1)),
        HarvestSource(url="http://d/oai", schedule="manual", last_run_at=None),
        HarvestSource(url="http://e/oai", schedule="hourly", active=False),
    ]
    assert [s.is_due(now) for s in due + not_due] == [True, True, False, False, False]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_now_harvests_in_a_process_of_its_own(
        admin_client, catalogue_index, foreign, monkeypatch):  # noqa: F811
    monkeypatch.setenv("TEST_DATABASE_NAME", connection.settings_dict["NAME"])
    source = HarvestSource.objects.create(name="Thư viện pymarc", url=foreign.url)
    html = admin_client.get(source_page(source)).content.decode()
    assert "Chưa có lượt thu thập nào." in html and 'id="harvest-form"' in html
    response = admin_client.post(source_page(source), {"full": "on"})
    run = HarvestRun.objects.get()
    assert response["Location"] == f"/admin/catalogue/harvest/{run.pk}/" and run.full
    waiting = admin_client.get(response["Location"]).content.decode()
    assert "import_job.js" in waiting or "Đã xong" in waiting
    deadline = time.monotonic() + 120
    status_url = f"/admin/catalogue/harvest/{run.pk}/status/"
    while not (status := admin_client.get(status_url).json())["finished"]:
        assert time.monotonic() < deadline, f"the harvest did not finish: {status}"
        time.sleep(0.5)
    assert status["status"] == "done", status
    assert (status["read"], status["created"], status["pages"]) == (30, 30, 5)
    run.refresh_from_db()
    assert run.pid and run.host == HOST and run.pid != 0 and run.user.username == "admin"
    assert Record.objects.count() == 30
    html = admin_client.get(f"/admin/catalogue/harvest/{run.pk}/").content.decode()
    assert "Đã đọc 30 biểu ghi: 30 mới, 0 cập nhật, 0 không đổi, 0 bị từ chối" in html
    assert "Xong: 5 trang." in html and "Đã xong" in html
    listing = admin_client.get(source_page(source)).content.decode()
    assert "30 đọc, 30 mới" in listing


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_cron_runs_the_due_sources(catalogue_index, foreign):  # noqa: F811
    HarvestSource.objects.create(name="Đến lịch", url=foreign.url, schedule="hourly")
    HarvestSource.objects.create(name="Chạy tay", url=f"{foreign.url}?x", schedule="manual")
    out = StringIO()
    call_command("harvest_oai", "--due", stdout=out)
    assert "== Đến lịch" in out.getvalue() and "Chạy tay" not in out.getvalue()
    run = HarvestRun.objects.get()
    assert run.status == "done" and run.user is None and Record.objects.count() == 30
    out = StringIO()
    call_command("harvest_oai", "--due", stdout=out)  # it ran a minute ago: not due yet
    assert out.getvalue() == "" and HarvestRun.objects.count() == 1
