"""Insert new rows with PostgreSQL ``COPY``: far cheaper than the ``INSERT`` Django compiles.

On another database (SQLite, the embedded default of ``make run``) the same calls fall back to
``bulk_create`` and ``IN``.
"""

import io
import json
from datetime import date

from django.db import connection
from django.utils import timezone

_ESCAPES = [("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")]


def _text(value):
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, date):
        value = value.isoformat()
    value = str(value)
    for char, escaped in _ESCAPES:  # str.translate is slow on non-ASCII text
        if char in value:
            value = value.replace(char, escaped)
    return value


def copy_insert(objects):
    """Give new instances of one model pks from its sequence, then write them in one ``COPY``.

    Like ``bulk_create``: no ``save()`` nor signals; ``auto_now``/``auto_now_add`` are set. A
    refused row (a unique key taken…) raises Django's ``IntegrityError`` and writes nothing.
    """
    if not objects:
        return
    if connection.vendor != "postgresql":
        type(objects[0]).objects.bulk_create(objects)
        return
    meta = type(objects[0])._meta
    quote = connection.ops.quote_name
    fields = meta.concrete_fields
    now = timezone.now()
    stamped = [f.attname for f in fields if getattr(f, "auto_now", False)
               or getattr(f, "auto_now_add", False)]
    with connection.wrap_database_errors, connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [quote(meta.db_table), meta.pk.column, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
            for name in stamped:
                setattr(obj, name, now)
            obj._state.adding = False
        rows = io.StringIO("".join(
            "\t".join([_text(getattr(obj, f.attname)) for f in fields]) + "\n" for obj in objects
        ))
        columns = ", ".join(quote(f.column) for f in fields)
        cursor.copy_expert(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN", rows)


def any_of(column, values):
    """``(sql, params)``: ``column`` is one of ``values``, with a single parameter however many
    values there are (PostgreSQL's ``= ANY(array)``; elsewhere ``IN`` a JSON array)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(values))]
