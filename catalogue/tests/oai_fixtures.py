"""The foreign OAI-PMH provider (catalogue.tests.oai_foreign) as a real process, for the tests."""

import json
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ForeignProvider:
    """``python -m catalogue.tests.oai_foreign`` on a port of its own; :meth:`set` changes what
    it serves (see that module), :meth:`stop` kills it, :meth:`start` starts it again."""

    def __init__(self, state_file):
        self.state_file = state_file
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/oai"
        self.process = None
        self.set()

    def set(self, **state):
        self.state_file.write_text(json.dumps(state))

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "catalogue.tests.oai_foreign", str(self.port),
             str(self.state_file)], cwd=settings.BASE_DIR)
        deadline = time.monotonic() + 20
        while True:
            assert self.process.poll() is None, "the foreign provider did not start"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                assert time.monotonic() < deadline, "the foreign provider never listened"
                time.sleep(0.1)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
        if self.process:
            self.process.wait(timeout=10)

    @property
    def alive(self):
        return self.process is not None and self.process.poll() is None


@pytest.fixture
def foreign(tmp_path):
    """The pymarc test records served over OAI-PMH by the oaipmh package, in a process."""
    provider = ForeignProvider(tmp_path / "state.json")
    provider.start()
    yield provider
    provider.stop()
