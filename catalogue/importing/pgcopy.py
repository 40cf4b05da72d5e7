"""Rows as PostgreSQL ``COPY`` text, and inserting them: far cheaper than Django's ``INSERT``.

The importer's worker processes write each record's row as ``COPY`` text (:func:`copy_row`);
the importer inserts the rows with :func:`insert_rows`. On another database (SQLite, the
embedded default of ``make run``) the rows are read back (:func:`row_values`) and the same calls
fall back to ``bulk_create`` and ``IN``.
"""

import io
import json
import re
from datetime import date

from django.db import connection, models

_ESCAPES = [("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")]
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_ESCAPED = re.compile(r"\\(.)")
NULL = r"\N"


_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps builds an encoder per call


def _text(value):
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | dict):
        return _json(value) if value else ("[]" if isinstance(value, list) else "{}")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _escaped(text):
    for char, escaped in _ESCAPES:  # str.translate is slow on non-ASCII text
        if char in text:
            text = text.replace(char, escaped)
    return text


def copy_row(values):
    """One row of ``COPY`` text (no line end) of Python values: text, numbers, dates, JSON."""
    texts = [value if type(value) is str else _text(value) for value in values]
    row = "\t".join(texts)
    # Escaping looks at every text; a look at the whole row says when it can be skipped.
    nulls = sum(text is NULL for text in texts)
    if row.count("\\") > nulls or "\n" in row or "\r" in row or row.count("\t") >= len(texts):
        return "\t".join([text if text is NULL else _escaped(text) for text in texts])
    return row


def row_values(model, columns, row):
    """``{attname: value}`` of a :func:`copy_row` row of ``model``'s fields named ``columns``."""
    values = {}
    for name, text in zip(columns, row.split("\t"), strict=True):
        field = model._meta.get_field(name)
        if text == NULL:
            value = None
        else:
            text = _ESCAPED.sub(lambda match: _UNESCAPES[match.group(1)], text)
            if isinstance(field, models.JSONField):
                value = json.loads(text)
            elif field.is_relation:
                value = int(text)
            else:
                value = field.to_python(text)
        values[field.attname] = value
    return values


def insert_rows(model, columns, rows):
    """Insert new rows of ``model`` given as :func:`copy_row` text of its fields named
    ``columns`` (not the pk) in one ``COPY``; return their new pks, in order.

    Like ``bulk_create``: no ``save()`` nor signals. A refused row (a unique key taken…) raises
    Django's ``IntegrityError`` and writes nothing.
    """
    if not rows:
        return []
    if connection.vendor != "postgresql":
        created = model.objects.bulk_create(
            [model(**row_values(model, columns, row)) for row in rows]
        )
        return [obj.pk for obj in created]
    meta = model._meta
    quote = connection.ops.quote_name
    with connection.wrap_database_errors, connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [quote(meta.db_table), meta.pk.column, len(rows)],
        )
        pks = [pk for (pk,) in cursor.fetchall()]
        text = io.StringIO("".join([f"{pk}\t{row}\n" for pk, row in zip(pks, rows, strict=True)]))
        names = ", ".join(quote(meta.get_field(name).column) for name in columns)
        cursor.copy_expert(
            f"COPY {quote(meta.db_table)} ({quote(meta.pk.column)}, {names}) FROM STDIN", text
        )
    return pks


def any_of(column, values):
    """``(sql, params)``: ``column`` is one of ``values``, with a single parameter however many
    values there are (PostgreSQL's ``= ANY(array)``; elsewhere ``IN`` a JSON array)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(values))]
