"""``manage.py prepare_serve``: what ``make serve`` and ``make serve-cluster`` run before gunicorn
starts: static files, migrations, the cache table, the site's address and the search indexes.

One process for all the steps (each ``manage.py`` costs seconds of start-up), and on PostgreSQL
under an advisory lock: app servers started together on several hosts run them one after the
other, never two migrations at once (the later ones find nothing left to do).
"""

from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

LOCK = 0x6C6962  # the advisory lock's key, the same on every host ("lib")


@contextmanager
def startup_lock():
    """Hold PostgreSQL's advisory lock ``LOCK`` (nothing on other databases)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK])


class Command(BaseCommand):
    help = "Chuẩn bị trước khi phục vụ: tệp tĩnh, migrate, bảng cache, địa chỉ trang, chỉ mục."

    def handle(self, *args, **options):
        with startup_lock():
            call_command("collectstatic", interactive=False, verbosity=0)
            call_command("migrate", interactive=False, verbosity=0)
            call_command("createcachetable")  # the production settings' shared cache
            call_command("set_site_url")  # SITE_URL -> Wagtail's Site (README "Configuration")
            # Every index with our mapping before the first request: created on a fresh
            # install, rebuilt after an upgrade that changed a mapping (searches read the
            # database meanwhile); a no-op otherwise. The site starts even when the engine is
            # down.
            try:
                call_command("update_index", if_outdated=True)
            except Exception as error:  # the engine down or refusing: serve without it
                self.stderr.write(
                    f"Chưa tạo được chỉ mục tìm kiếm / search indexes not built ({error}): "
                    "searches answer from the database until update_index --if-outdated")
