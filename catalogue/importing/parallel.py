"""Decode and map ISO 2709 records in worker processes while the importer writes.

Chunks of records are cut by :func:`~catalogue.marc.reader.iso2709_chunks` and handed out to a
``fork`` pool; results come back in file order, with at most a few chunks in flight.
"""

import io
import multiprocessing
import signal
from collections import deque

from catalogue.importing.importer import map_entry
from catalogue.marc.reader import iso2709_chunks, iso2709_entries

CHUNK = 500


def pool(processes):
    """A process pool, forked now (before the importer starts its indexing thread). Its workers
    die on SIGTERM (the pool's own way to stop them), whatever handler the command has set."""
    return multiprocessing.get_context("fork").Pool(
        processes, initializer=signal.signal, initargs=(signal.SIGTERM, signal.SIG_DFL))


def _decode(chunk):
    first, offset, data = chunk
    return [map_entry(entry) for entry in iso2709_entries(io.BytesIO(data), first, offset)]


def mapped_iso2709(stream, workers, in_flight):
    """Yield ``(position, mapped or None, error)`` of each record of ``stream``, in order."""
    pending = deque()
    for chunk in iso2709_chunks(stream, CHUNK):
        pending.append(workers.apply_async(_decode, (chunk,)))
        if len(pending) > in_flight:
            yield from pending.popleft().get()
    while pending:
        yield from pending.popleft().get()
