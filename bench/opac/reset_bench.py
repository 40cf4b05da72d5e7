"""Drop and recreate the bench database (named by DATABASE_URL; its name must end in _bench)."""

import os
import sys
from urllib.parse import urlsplit

import psycopg2

url = urlsplit(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
if not name.endswith("_bench"):
    sys.exit(f"refusing to drop {name!r}: the bench database's name must end in _bench")
connection = psycopg2.connect(
    host=url.hostname, port=url.port or 5432, user=url.username, password=url.password,
    dbname="postgres",
)
connection.autocommit = True
with connection.cursor() as cursor:
    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    cursor.execute(f'CREATE DATABASE "{name}"')
connection.close()
