"""The start-up scripts: what `make test` captures from them must be exactly what it needs."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FAKE_TOOLS = {
    # A cluster that is down, as after a machine restart with a stale postmaster.pid.
    "pg_lsclusters": "echo '15 main 5432 down postgres /var/lib/x /var/log/x.log'",
    # pg_ctl prints to stdout and leaves a long-running server holding inherited descriptors.
    "pg_ctlcluster": "echo 'Removed stale pid file.'; sleep 30 >/dev/null 2>&1 &",
    "runuser": 'shift 3; "$@"',
    "sudo": 'shift 2; "$@"',
    "pg_isready": "exit 0",
    "psql": "cat >/dev/null",
}


def test_postgres_script_prints_only_the_url_and_returns(tmp_path):
    """Chatter from the PostgreSQL tools goes to stderr; a started server doesn't hold the pipe."""
    for name, body in FAKE_TOOLS.items():
        tool = tmp_path / name
        tool.write_text(f"#!/bin/sh\n{body}\n")
        tool.chmod(0o755)
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        ["bash", "scripts/postgres.sh"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=20,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "postgres://library:library@127.0.0.1:5432/library\n"
    assert "Removed stale pid file." in result.stderr
