"""Z39.50 through Debian's simple2zoom gateway in front of our SRU, searched with YAZ's
``yaz-client`` against the running test server (pytest-django's live server).

The gateway listens on a port of this checkout's own (derived from its path, so that parallel
clones do not collide) and is stopped after each test.
"""

import contextlib
import hashlib
import os
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest
from pymarc import MARCReader

from catalogue.oai.harvest import withdraw
from catalogue.tests.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
PORT = 21000 + int(hashlib.sha1(str(ROOT).encode()).hexdigest()[:6], 16) % 1000
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@contextlib.contextmanager
def gateway(sru_url, port=PORT, timeout=None):
    """The gateway (scripts/z3950.sh, as `make z3950` starts it) in front of ``sru_url``."""
    env = {**os.environ, "Z3950_PORT": str(port), "Z3950_SRU_URL": sru_url,
           "VAR_DIR": str(ROOT / "var" / "test-z3950")}
    if timeout:
        env["Z3950_TIMEOUT"] = str(timeout)
    script = [str(ROOT / "scripts" / "z3950.sh")]
    subprocess.run([*script, "start"], env=env, check=True, timeout=30)
    try:
        yield port
    finally:
        subprocess.run([*script, "stop"], env=env, check=True, timeout=30)


def yaz(port, *commands, timeout=60):
    """yaz-client's output for ``commands`` sent to the gateway's "catalogue" database."""
    result = subprocess.run(
        ["yaz-client", f"tcp:127.0.0.1:{port}/catalogue"], capture_output=True, timeout=timeout,
        input="\n".join([*commands, "quit"]).encode() + b"\n",
    )
    return result.stdout.decode("utf-8", "replace")


def hits(output):
    return [int(n) for n in re.findall(r"Number of hits: (\d+)", output)]


@pytest.fixture
def catalogue(catalogue_index, live_server):
    load_catalogue(catalogue_index)
    return f"{live_server.url}/sru"


def test_bib1_use_attributes_map_to_our_indexes(catalogue):
    with gateway(catalogue) as port:
        output = yaz(
            port,
            'find @attr 1=4 "Hạ Long"',  # title, Vietnamese: UTF-8 reaches SRU intact
            'find @attr 1=4 "ha long"',  # unaccented
            'find @attr 1=1003 "Trần Thị Hoa"',  # author
            'find @attr 1=21 "Quảng Ninh"',  # subject
            "find @attr 1=7 9786040000101",  # ISBN
            'find @attr 1=1016 "lich su"',  # any
            "find @and @attr 1=4 sach @attr 1=1003 minh",
            '@attr 5=1 @attr 1=4 "quang nin"'.join(["find ", ""]),  # right truncation
            "find @attr 2=4 @attr 1=31 2019",  # year, relation >=
            "format grs-1", "show 1",  # a record syntax we do not serve
            "find @attr 1=9999 x",  # a use attribute we do not map
        )
    assert hits(output) == [1, 1, 2, 2, 1, 1, 1, 1, 3, 0]
    assert "[114] Unsupported Use attribute" in output
    assert "[238]" in output  # record syntax not supported, with the ones that are


def test_usmarc_records_are_iso2709_in_utf8_and_xml_records_marcxml(
        catalogue, catalogue_index, tmp_path):
    dump = tmp_path / "records.mrc"
    with gateway(catalogue) as port:
        output = yaz(port, f"set_marcdump {dump}", "format usmarc",
                     'find @attr 1=1003 "Trần Thị Hoa"', "show 1+2")
        xml = yaz(port, "format xml", 'find @attr 1=4 "Hạ Long"', "show 1")
        withdraw(["T3"])  # by a harvest: gone from the index and from Z39.50's searches
        catalogue_index()
        after = yaz(port, "format usmarc", 'find @attr 1=1003 "Trần Thị Hoa"', "show 1")
    assert hits(output) == [2]
    with dump.open("rb") as stream:
        records = list(MARCReader(stream, to_unicode=True, utf8_handling="strict"))
    assert sorted(r["001"].data for r in records) == ["T2", "T3"]
    assert all(r.leader[9] == "a" for r in records)
    titles = {r["001"].data: r["245"]["a"] for r in records}
    assert titles["T3"].startswith("Lịch sử Quảng Ninh")
    assert {r["001"].data: [f["a"] for f in r.get_fields("952")] for r in records}["T3"] == [
        "Thư viện tỉnh", "Chi nhánh Cẩm Phả"]
    assert "Lịch sử Quảng Ninh" in output  # yaz-client reads the record too
    assert '<record xmlns="http://www.loc.gov/MARC21/slim">' in xml
    assert "Vịnh Hạ Long kỳ quan thiên nhiên" in xml
    assert hits(after) == [1] and "Nước sạch cho nông thôn" in after
    assert "Lịch sử Quảng Ninh" not in after


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gateway_with_our_server_down_answers_a_diagnostic_not_a_hang(db):
    with gateway(f"http://127.0.0.1:{free_port()}/sru", port=PORT + 1) as port:
        start = time.monotonic()
        output = yaz(port, 'find @attr 1=4 "Hạ Long"', timeout=20)
        assert "[109] Database unavailable" in output
        assert time.monotonic() - start < 10


def test_gateway_with_our_server_hung_times_out(db):
    with socket.socket() as hung:  # accepts connections (the backlog) and never answers
        hung.bind(("127.0.0.1", 0))
        hung.listen(8)
        url = f"http://127.0.0.1:{hung.getsockname()[1]}/sru"
        with gateway(url, port=PORT + 2, timeout=2) as port:
            start = time.monotonic()
            output = yaz(port, "find @attr 1=4 toan", timeout=20)
            elapsed = time.monotonic() - start
    assert "Timeout" in output and re.search(r"\[\d+\]", output)
    assert 2 <= elapsed < 10
