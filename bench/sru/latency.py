"""SRU searchRetrieve latency next to the OPAC API's, for the same searches.

    bench/sru/latency.sh            (starts gunicorn on the bench database and engine)
    SMOKE=1 bench/sru/latency.sh    (a few hundred records of its own: seconds)

Each search of a fixed mix is written twice, as OPAC API parameters and as the CQL a union
catalogue or a cataloguing client would send; ROUNDS requests of each go one at a time over a
kept-alive connection to ``/api/v3/opac/search`` (a page of 20 hits with facets) and ``/sru``
(20 MARCXML records), then the same CQL once more counting only (``maximumRecords=0``, what a
Z39.50 gateway asks first). Prints p50/p95/p99 (ms) and the SRU/OPAC ratios.
"""

import http.client
import os
import statistics
from urllib.parse import urlencode, urlsplit

from bench.opac.latency import percentiles, timed

ROUNDS = int(os.environ.get("ROUNDS", "50"))
PAGE = 20
# (OPAC API parameters, CQL, first record)
MIX = [
    ({"q": "lịch sử Quảng Ninh"}, 'cql.anywhere = "lịch sử Quảng Ninh"', 1),
    ({"q": "lich su quang ninh"}, 'cql.anywhere = "lich su quang ninh"', 1),
    ({"q": "sach"}, "sach", 1),
    ({"q": "ha long du lich"}, '"ha long du lich"', 1),
    ({"q": "văn hoá dân gian", "sort": "year_desc"},
     '"văn hoá dân gian" sortBy dc.date/sort.descending', 1),
    ({"q": '"nuôi trồng thuỷ sản"'}, 'cql.anywhere adj "nuôi trồng thuỷ sản"', 1),
    ({"q": "than da OR thuy san NOT giao trinh"},
     '("than da" or "thuy san") not "giao trinh"', 1),
    ({"author": "Nguyễn Văn An"}, 'dc.creator = "Nguyễn Văn An"', 1),
    ({"title": "giao trinh", "subject": "Kinh tế"},
     'dc.title = "giao trinh" and dc.subject = "Kinh tế"', 1),
    ({"q": "kinh te", "year_from": "2000", "year_to": "2010"},
     '"kinh te" and dc.date within "2000 2010"', 1),
    ({"q": "history", "sort": "title"}, "history sortBy dc.title", 1),
    ({"q": "tre em", "page": "5"}, '"tre em"', 4 * PAGE + 1),
]


def sru_path(cql, start, maximum):
    return "/sru?" + urlencode({"version": "1.2", "operation": "searchRetrieve", "query": cql,
                                "startRecord": start, "maximumRecords": maximum})


def run(server, paths):
    """``paths``: {name: [path…]}; ROUNDS of each path, in turn; {name: [ms]}."""
    for path in (p for group in paths.values() for p in group):  # warm-up
        timed(server, "GET", path)
    samples = {name: [] for name in paths}
    for _round in range(ROUNDS):
        for name, group in paths.items():
            samples[name] += [timed(server, "GET", path) for path in group]
    return samples


def main():
    address = urlsplit(os.environ.get("OPAC_URL", "http://127.0.0.1:8766"))
    server = http.client.HTTPConnection(address.hostname, address.port)
    paths = {
        "OPAC API": [f"/api/v3/opac/search?{urlencode(params)}" for params, _c, _s in MIX],
        "SRU, 20 MARCXML records": [sru_path(cql, start, PAGE) for _p, cql, start in MIX],
        "SRU, count only": [sru_path(cql, 1, 0) for _p, cql, _s in MIX],
    }
    samples = run(server, paths)
    print(f"{len(MIX)} searches × {ROUNDS} rounds")
    for name, ms in samples.items():
        p50, p95, p99 = percentiles(ms)
        print(f"  {name:26} p50 {p50:6.1f}  p95 {p95:6.1f}  p99 {p99:6.1f} ms")
    opac = percentiles(samples["OPAC API"])
    for name in list(paths)[1:]:
        mine = percentiles(samples[name])
        print(f"  ratio {name} / OPAC API: p50 {mine[0] / opac[0]:.2f}  "
              f"p95 {mine[1] / opac[1]:.2f}")
    print("  medians per search (OPAC / SRU / SRU count), ms:")
    for i, (_p, cql, _s) in enumerate(MIX):  # each round sent the searches in MIX's order
        medians = [statistics.median(ms[i::len(MIX)]) for ms in samples.values()]
        print("    " + " / ".join(f"{m:6.1f}" for m in medians) + f"  {cql}")


if __name__ == "__main__":
    main()
