"""The cluster tests' site: ``make serve-cluster`` (two gunicorn instances behind HAProxy,
deploy/haproxy.cfg) on a PostgreSQL instance of its own, with the media in a bucket of an
S3-compatible server (moto) and the demo content. No search engine: searches read the database.

While ``make serve-cluster`` prepares the database, a second ``prepare_serve`` runs beside it,
as another host would. HAProxy listens on ``CLUSTER_PORT`` (8841; another checkout picks
another), the instances on the next two ports, moto on the third. Everything is stopped and
deleted when the session ends, also after a failure, Ctrl-C or a SIGTERM.
"""

import os
import signal
import subprocess
from contextlib import ExitStack
from types import SimpleNamespace

import pytest

from bench.fault_harness import Cluster, Moto, Postgres, Site, interrupt

ADMIN, PASSWORD = "quantri", "mat-khau-cum-may-1"
BUCKET = "thuvien-media"


@pytest.fixture(scope="session")
def cluster_parts():
    previous = signal.signal(signal.SIGTERM, interrupt)
    port = int(os.environ.get("CLUSTER_PORT", "8841"))
    with ExitStack() as cleanups:  # in reverse order, each even when another one failed
        cleanups.callback(signal.signal, signal.SIGTERM, previous)
        postgres = Postgres()
        cleanups.callback(postgres.cleanup)
        moto = Moto(port + 3)
        cleanups.callback(moto.cleanup)
        postgres.start()
        postgres.create_database("site")
        moto.start()
        moto.create_bucket(BUCKET)
        site = Site(postgres.url("site"), "", workers=2, env={
            "MEDIA_STORAGE": f"s3://{BUCKET}?endpoint_url={moto.url}&region_name=us-east-1"
                             "&default_acl=public-read",
            "AWS_ACCESS_KEY_ID": "thuvien", "AWS_SECRET_ACCESS_KEY": "thuvien-bi-mat",
        })
        cleanups.callback(site.cleanup)
        cluster = Cluster(site, port)
        cleanups.callback(cluster.cleanup)
        # A second host starting at the same moment: its prepare_serve waits for the lock, then
        # finds nothing left to do (two migrations at once would fail on the same tables).
        log = site.work / "other-host.log"
        with open(log, "wb") as output:
            other_host = subprocess.Popen(
                [str(site.root / ".venv" / "bin" / "python"), "manage.py", "prepare_serve"],
                cwd=site.root, env=site.env, stdout=output, stderr=subprocess.STDOUT)
        cleanups.callback(other_host.kill)
        cluster.start()  # migrates the empty database, once
        assert other_host.wait(300) == 0, log.read_text()[-3000:]
        site.manage("shell", "-c", (  # one process: each manage.py takes seconds to start
            "from django.core.management import call_command\n"
            "call_command('load_demo')\n"  # its images go to the bucket
            "from django.contrib.auth.models import User\n"
            f"User.objects.create_superuser({ADMIN!r}, 'quantri@example.org', {PASSWORD!r})"))
        yield SimpleNamespace(postgres=postgres, moto=moto, site=site, cluster=cluster)


@pytest.fixture
def cluster(cluster_parts):
    return cluster_parts.cluster
