"""A three-node OpenSearch cluster of its own for fault experiments (``tests/search_cluster/``,
``bench/search_cluster.py``), started by the checkout's ``scripts/search-cluster.sh`` (the same
script as ``make search-cluster``) on free ports with empty data directories. A node can be
killed (SIGKILL) and the cluster started again on the same data.

Only the standard library, like ``bench/fault_harness.py``.
"""

import json
import os
import shutil
import signal
import subprocess
from pathlib import Path

from bench.fault_harness import ROOT, engine_var_dir, free_port, get


class SearchCluster:
    """``nodes`` OpenSearch nodes discovering each other (``scripts/search-cluster.sh``)."""

    def __init__(self, root=ROOT, nodes=3, heap="384m"):
        self.root = Path(root)
        self.var = engine_var_dir(self.root, "faults-cluster-")
        self.ports = [free_port() for _ in range(nodes)]
        transports = [free_port() for _ in range(nodes)]
        self.env = {**os.environ, "VAR_DIR": str(self.var), "SEARCH_HEAP": heap,
                    "SEARCH_CLUSTER_PORTS": ",".join(map(str, self.ports)),
                    "SEARCH_CLUSTER_TRANSPORT_PORTS": ",".join(map(str, transports))}

    @property
    def url(self):
        """``SEARCH_URL`` listing every node."""
        return "opensearch://" + ",".join(f"127.0.0.1:{port}" for port in self.ports)

    def _script(self, command):
        result = subprocess.run([str(self.root / "scripts" / "search-cluster.sh"), command],
                                env=self.env, capture_output=True, text=True, timeout=600)
        if result.returncode:
            raise RuntimeError(f"search-cluster.sh {command}: {result.stderr[-3000:]}")
        return result.stdout

    def start(self):
        """Start the nodes that are not running; return once the cluster is green with all."""
        self._script("start")

    def stop(self):
        """Stop every node (SIGTERM)."""
        self._script("stop")

    def pid(self, port):
        path = self.var / "opensearch" / f"opensearch-{port}.pid"
        return int(path.read_text()) if path.exists() else None

    def kill(self, port):
        """kill -9 the node on ``port``."""
        os.kill(self.pid(port), signal.SIGKILL)

    def request(self, path, alive=None):
        """The JSON answer to ``GET path`` from the first node (of ``alive``) that answers."""
        for port in alive or self.ports:
            status, _headers, body = get(f"http://127.0.0.1:{port}{path}", timeout=10)
            if status == 200:
                return json.loads(body)
        raise RuntimeError(f"no node answered {path}")

    def manager(self, alive=None):
        """The HTTP port of the elected cluster manager."""
        name = self.request("/_cat/cluster_manager?format=json", alive)[0]["node"]
        return int(name.removeprefix("node-"))

    def health(self, alive=None):
        return self.request("/_cluster/health", alive)

    def cleanup(self):
        """Stop every node (killed if the script cannot stop it); delete the directory."""
        try:
            self.stop()
        except (OSError, RuntimeError, subprocess.SubprocessError):
            for pid in filter(None, map(self.pid, self.ports)):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        finally:
            shutil.rmtree(self.var, ignore_errors=True)
