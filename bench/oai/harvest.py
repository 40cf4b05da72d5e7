"""A full OAI-PMH harvest of the catalogue with sickle, as a union catalogue would run it.

    bench/oai/harvest.sh          (starts gunicorn on the bench database, then runs this)

Harvests ``ListRecords`` (``PREFIX``, default marc21) from ``OAI_URL`` to the end of the list,
one page after the other, and prints records/s, the number of pages, the time of each page
(p50/p95/max) and of the first and last tenth of the pages: paging by key, the last pages
cost what the first do. ``EXPECTED`` (records), when given, must be the number harvested.
"""

import os
import statistics
import sys
import time

from sickle import Sickle
from sickle.iterator import OAIResponseIterator

URL = os.environ.get("OAI_URL", "http://127.0.0.1:8766/oai")
PREFIX = os.environ.get("PREFIX", "marc21")
NAMESPACE = "{http://www.openarchives.org/OAI/2.0/}"


def main():
    client = Sickle(URL, iterator=OAIResponseIterator, timeout=120)
    pages, records, deleted = [], 0, 0
    started = last = time.perf_counter()
    for response in client.ListRecords(metadataPrefix=PREFIX):
        headers = response.xml.findall(f".//{NAMESPACE}header")
        records += len(headers)
        deleted += sum(1 for header in headers if header.get("status") == "deleted")
        now = time.perf_counter()
        pages.append(now - last)
        last = now
        if len(pages) % 500 == 0:
            print(f"  {records} records, {len(pages)} pages, {records / (now - started):.0f}/s",
                  file=sys.stderr)
    elapsed = time.perf_counter() - started
    tenth = max(1, len(pages) // 10)
    ms = sorted(1000 * p for p in pages)
    print(f"{records} records ({deleted} deleted) in {len(pages)} pages, {elapsed:.1f} s: "
          f"{records / elapsed:.0f} records/s ({PREFIX})")
    print(f"page time ms: p50 {statistics.median(ms):.1f}, "
          f"p95 {ms[int(0.95 * (len(ms) - 1))]:.1f}, max {ms[-1]:.1f}; first tenth mean "
          f"{1000 * statistics.mean(pages[:tenth]):.1f}, last tenth mean "
          f"{1000 * statistics.mean(pages[-tenth:]):.1f}")
    expected = os.environ.get("EXPECTED")
    if expected and int(expected) != records:
        sys.exit(f"harvested {records} records, expected {expected}")


if __name__ == "__main__":
    main()
