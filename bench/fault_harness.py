"""Parts for fault experiments over HTTP: a PostgreSQL instance, an OpenSearch node and a gunicorn
site of their own, for any checkout of this project.

Only the standard library is imported, and a checkout is driven through its own scripts and
``manage.py`` (commands every version has), so the same parts measure an older checkout as well
as this one (``bench/mixed_load.py``) and serve the fault tests (``tests/faults/``). Nothing here
touches the shared PostgreSQL cluster or search engine of ``make test``.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, seconds, what):
    """Call ``check()`` until it is true; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise TimeoutError(f"{what}: not within {seconds} s")


def interrupt(signum, frame):
    """SIGTERM as Ctrl-C: pytest then tears the fixtures down (their processes stopped)."""
    raise KeyboardInterrupt(f"signal {signum}")


def get(url, timeout=30):
    """``(status, headers, body)`` of a GET; status 0 when no HTTP answer came."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except (OSError, urllib.error.URLError):
        return 0, {}, b""


class Postgres:
    """A PostgreSQL instance of its own (Debian's binaries, a temporary directory, its own port),
    run as the ``postgres`` user when this process is root. Restarting it disturbs no one."""

    def __init__(self, fsync=False):
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                          key=lambda path: int(path.parts[-3]))
        if not versions:
            raise RuntimeError("PostgreSQL's binaries are missing: apt-get install -y postgresql")
        self.bin = versions[-1].parent
        self.dir = Path(tempfile.mkdtemp(prefix="faults-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.fsync = fsync
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, program, *args, check=True):
        command = [str(self.bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def start(self):
        if not self.data.exists():
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                      "-E", "UTF8", "--locale=C.UTF-8")
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                   f"-c fsync={'on' if self.fsync else 'off'} -c max_connections=100")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-o", options,
                  "-w", "start")

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def restart(self):
        """Stop (fast: open connections are closed) and start again; return when it accepts
        connections."""
        self.stop()
        self.start()

    def create_database(self, name, template=None):
        args = ["-T", template] if template else []
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                  *args, name)

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def cleanup(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def engine_var_dir(root, prefix="faults-engine-"):
    """A new temporary ``VAR_DIR`` holding ``root``'s engine build (no Maven run)."""
    var = Path(tempfile.mkdtemp(prefix=prefix))
    built = Path(root) / "var" / "opensearch"
    (var / "opensearch").mkdir()
    for name in ("classpath.txt", "build"):
        if (built / name).is_file():
            shutil.copy2(built / name, var / "opensearch" / name)
        elif (built / name).is_dir():
            shutil.copytree(built / name, var / "opensearch" / name)
    return var


class Engine:
    """An OpenSearch node of its own, started by the checkout's ``scripts/search-engine.sh``
    with an empty data directory; it can be paused (SIGSTOP), resumed and killed."""

    def __init__(self, root=ROOT, heap="384m"):
        self.root = Path(root)
        self.var = engine_var_dir(self.root)
        self.port = free_port()
        self.env = {**os.environ, "SEARCH_PORT": str(self.port), "VAR_DIR": str(self.var),
                    "SEARCH_HEAP": heap}

    @property
    def url(self):
        return f"opensearch://127.0.0.1:{self.port}"

    def _script(self, command):
        subprocess.run([str(self.root / "scripts" / "search-engine.sh"), command], env=self.env,
                       check=True, capture_output=True, timeout=300)

    def start(self):
        self._script("start")

    def stop(self):
        self.resume()
        self._script("stop")

    @property
    def pid(self):
        path = self.var / "opensearch" / f"opensearch-{self.port}.pid"
        return int(path.read_text()) if path.exists() else None

    def pause(self):
        os.kill(self.pid, signal.SIGSTOP)

    def resume(self):
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGCONT)
            except ProcessLookupError:
                pass

    def kill(self):
        os.kill(self.pid, signal.SIGKILL)

    def indexes(self):
        """``{index name: its mapping}`` of every index the node holds."""
        _status, _headers, body = get(f"http://127.0.0.1:{self.port}/_mapping", timeout=10)
        return json.loads(body or b"{}")

    def cleanup(self):
        """Stop the node (killed if its script cannot stop it) and delete its directory."""
        try:
            self.stop()
        except (OSError, subprocess.SubprocessError):
            if self.pid:
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        finally:
            shutil.rmtree(self.var, ignore_errors=True)


class Site:
    """A checkout served by gunicorn (``workers``) with the production settings, on a database
    and an engine given by URL. Its gunicorn log is ``log``."""

    def __init__(self, database_url, search_url, root=ROOT, workers=3, env=None):
        self.root = Path(root)
        self.work = Path(tempfile.mkdtemp(prefix="faults-site-"))
        self.port = free_port()
        self.workers = workers
        self.log = self.work / "gunicorn.log"
        self.server = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "library_cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url,
            "SEARCH_URL": search_url,
            "SEARCH_REPLICAS": "0",
            "SEARCH_INDEX_PREFIX": "faults_",
            "MEDIA_ROOT": str(self.work / "media"),
            "CATALOGUE_IMPORT_ROOT": str(self.work / "imports"),
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{self.port}",
            "PORT": str(self.port),
            "BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def manage(self, *args, check=True, timeout=600):
        """Run ``manage.py`` of the checkout with the site's environment."""
        result = subprocess.run(
            [str(self.root / ".venv" / "bin" / "python"), "manage.py", *args], cwd=self.root,
            env=self.env, capture_output=True, text=True, timeout=timeout)
        if check and result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)}: {result.stderr[-2000:]}")
        return result

    def prepare(self):
        """The steps every version has: migrate, the cache table, static files, demo content,
        every index."""
        for args in (("migrate", "--noinput", "-v", "0"), ("createcachetable",),
                     ("collectstatic", "--noinput", "-v", "0"), ("load_demo",),
                     ("update_index", "-v", "0")):
            self.manage(*args)

    def serve(self, command=None):
        """Start gunicorn (or ``command``, e.g. ``scripts/serve.sh``); return when it answers."""
        command = command or [
            str(self.root / ".venv" / "bin" / "gunicorn"), "library_cms.wsgi",
            "--bind", self.env["BIND"], "--workers", str(self.workers)]
        with open(self.log, "ab") as log:
            self.server = subprocess.Popen(command, cwd=self.root, env=self.env, stdout=log,
                                           stderr=subprocess.STDOUT, start_new_session=True)
        wait_until(lambda: self.server.poll() is not None or get(self.base + "/healthz", 5)[0],
                   600, "the site's first answer")
        if self.server.poll() is not None:
            raise RuntimeError(f"the site did not start: {self.log.read_text()[-3000:]}")

    def log_text(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self):
        if self.server and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.work, ignore_errors=True)


class Moto:
    """An S3-compatible server (moto's, from requirements-dev.txt) on ``port``, in memory."""

    def __init__(self, port, root=ROOT):
        self.port = port
        self.command = [str(Path(root) / ".venv" / "bin" / "moto_server"), "-H", "127.0.0.1",
                        "-p", str(port)]
        self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.server = subprocess.Popen(self.command, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, start_new_session=True)
        wait_until(lambda: get(self.url + "/moto-api/", 2)[0], 60, "moto's first answer")

    def create_bucket(self, name):
        request = urllib.request.Request(f"{self.url}/{name}", method="PUT")
        urllib.request.urlopen(request, timeout=10).close()

    def cleanup(self):
        if self.server and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGKILL)
            self.server.wait()


class Cluster:
    """``make serve-cluster`` of a checkout for a :class:`Site`'s environment: HAProxy on
    ``port``, instance ``n`` (1, 2) on ``port + n``."""

    def __init__(self, site, port):
        self.site, self.port = site, port
        self.dir = site.work / "cluster"
        site.env.update(CLUSTER_PORT=str(port), CLUSTER_DIR=str(self.dir),
                        SITE_URL=self.base, WAGTAILADMIN_BASE_URL=self.base)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def instance(self, n):
        return f"http://127.0.0.1:{self.port + n}"

    def _script(self, command):
        result = subprocess.run([str(self.site.root / "scripts" / "serve-cluster.sh"), command],
                                cwd=self.site.root, env=self.site.env, capture_output=True,
                                text=True, timeout=600)
        if result.returncode:
            raise RuntimeError(f"serve-cluster.sh {command}: {result.stderr[-3000:]}")

    def start(self):
        self._script("start")

    def kill(self, n):
        """kill -9 instance ``n``: its gunicorn master and every worker at once."""
        master = int((self.dir / f"app{n}.pid").read_text())
        group = os.getpgid(master)  # gunicorn --daemon: a session of its own
        if group == os.getpgrp():
            raise RuntimeError("the instance shares this process group")
        os.killpg(group, signal.SIGKILL)

    def cleanup(self):
        self._script("stop")


def main():
    """``python bench/fault_harness.py``: check that the parts start and stop here."""
    postgres = Postgres()
    try:
        engine = Engine()
        try:
            postgres.start()
            engine.start()
            print(f"PostgreSQL on {postgres.port}, OpenSearch on {engine.port}: ok")
        finally:
            engine.cleanup()
    finally:
        postgres.cleanup()


if __name__ == "__main__":
    sys.exit(main())
