"""Drop the PostgreSQL database a URL names, if it exists, closing its connections.

    python bench/drop_database.py postgres://postgres:postgres@127.0.0.1:5432/bench_caches

The benchmarks that start deploy/run-local's stack call it when they end.
"""

import sys
from urllib.parse import urlsplit

import psycopg

url = urlsplit(sys.argv[1])
with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as connection:
    connection.execute(f'DROP DATABASE IF EXISTS "{url.path.lstrip("/")}" WITH (FORCE)')
