"""`make run` keeps its data in SQLite: the demo and the import must work there too.

The import's fast paths are PostgreSQL's (``COPY``, ``= ANY(array)``); on SQLite they fall back to
``bulk_create`` and ``IN``. Real processes on a real SQLite file, no engine (database search).
"""

import os
import subprocess
import sys
from pathlib import Path

from catalogue.tests.marc_samples import iso2709, marc_record

ROOT = Path(__file__).resolve().parents[2]


def manage(tmp_path, *args):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
           "SEARCH_URL": "", "DJANGO_SETTINGS_MODULE": "library_cms.settings.dev"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_demo_and_import_on_the_embedded_sqlite_database(tmp_path):
    for command in (["migrate", "-v", "0"], ["load_demo"]):
        result = manage(tmp_path, *command)
        assert result.returncode == 0, result.stderr[-2000:]
    marc = tmp_path / "sach.mrc"
    marc.write_bytes(iso2709(
        marc_record("S1", "Sách hay", holdings=[("SB1", "Thư viện tỉnh", "available")]),
        marc_record("S2", "Truyện cổ", holdings=[("SB2", "Thư viện tỉnh", "on_loan")]),
        marc_record("S3", "", holdings=[]),  # no title: rejected, the rest imported
    ))
    first = manage(tmp_path, "import_marc", str(marc))
    assert first.returncode == 2, first.stderr[-2000:]
    assert "2 mới" in first.stdout and "1 bị từ chối" in first.stdout
    again = manage(tmp_path, "import_marc", str(marc))
    assert "0 mới, 0 cập nhật, 2 không đổi" in again.stdout, again.stderr[-2000:]
