"""Management commands run as processes of their own (the admin's imports and harvests).

The process starts in a session of its own, so that a restarted web worker leaves it running;
a thread reaps it when it ends. A page can ask whether it still runs (:func:`process_running`).
"""

import os
import signal
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

HOST = socket.gethostname()


def start_command(*arguments):
    """Start ``manage.py <arguments>`` without waiting for it; return its pid (``OSError``
    when it cannot start)."""
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *arguments]
    env = dict(os.environ)
    if settings.SETTINGS_MODULE:  # None while a test overrides settings: the environment's
        env["DJANGO_SETTINGS_MODULE"] = settings.SETTINGS_MODULE
    process = subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, start_new_session=True,
    )
    # Reap it when it ends, so that a dead process never lingers as a zombie of this one.
    threading.Thread(target=process.wait, daemon=True).start()
    return process.pid


def start_job(job, *arguments):
    """Start ``manage.py <arguments>`` for ``job`` (a :class:`~catalogue.models.BackgroundJob`
    row) and record its pid and host; return the ``OSError`` when it could not start."""
    try:
        pid = start_command(*arguments)
    except OSError as error:
        return error
    type(job).objects.filter(pk=job.pk, pid=None).update(pid=pid, host=HOST)
    return None


def process_running(pid, *markers):
    """Whether process ``pid`` is alive and has each of ``markers`` among its arguments
    (``/proc`` guards against a reused pid)."""
    proc = Path("/proc")
    if not (proc / "self").exists():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
        return True
    try:
        state = (proc / str(pid) / "stat").read_text().rpartition(")")[2].split()[0]
        command = (proc / str(pid) / "cmdline").read_bytes().split(b"\0")
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X") and all(marker.encode() in command for marker in markers)


@contextmanager
def unwind_on_sigterm():
    """While in the block, SIGTERM (kill, the service manager) raises ``SystemExit``, so that
    ``finally`` blocks run (an import gives the index its settings back)."""

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    if threading.current_thread() is not threading.main_thread():  # the main thread's only
        yield
        return
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
