"""Throw-away PostgreSQL databases on 127.0.0.1:5432 (user postgres, trust auth).

    from tests.support.pg import temp_database
    with temp_database() as url:      # "postgresql+psycopg://postgres@127.0.0.1:5432/klipp_..."
        ...                           # the database is dropped on exit, even if still in use

`require_postgres()` fails loudly (never skips) when PostgreSQL is not running.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

HOST = os.environ.get("KLIPP_PG_HOST", "127.0.0.1")
PORT = int(os.environ.get("KLIPP_PG_PORT", "5432"))
USER = os.environ.get("KLIPP_PG_USER", "postgres")


class PostgresMissing(RuntimeError):
    """PostgreSQL is not there; tests that need it fail with this message."""


def require_postgres() -> None:
    """Raise PostgresMissing with what to do when 127.0.0.1:5432 does not answer."""
    try:
        done = subprocess.run(["pg_isready", "-h", HOST, "-p", str(PORT)],
                              capture_output=True, text=True, timeout=10)
        ready = done.returncode == 0
        said = (done.stdout or done.stderr).strip()
    except FileNotFoundError:  # no client tools: ask the server itself
        try:
            psycopg.connect(_dsn("postgres"), connect_timeout=5).close()
            ready, said = True, ""
        except psycopg.OperationalError as exc:
            ready, said = False, str(exc).strip()
    if not ready:
        raise PostgresMissing(
            f"PostgreSQL is not accepting connections on {HOST}:{PORT} ({said}). "
            "These tests need a real PostgreSQL: start it (the CI script does) and rerun.")


def _dsn(dbname: str) -> str:
    return f"host={HOST} port={PORT} user={USER} dbname={dbname}"


def url_of(name: str) -> str:
    """The SQLAlchemy URL of a database on the test server."""
    return f"postgresql+psycopg://{USER}@{HOST}:{PORT}/{name}"


def create_database(prefix: str = "klipp_test") -> str:
    """Create a uniquely named database; returns its SQLAlchemy URL."""
    require_postgres()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_dsn("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url_of(name)


def drop_database(url: str) -> None:
    """Drop a database made by create_database, closing any connection still open to it."""
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(_dsn("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))


@contextmanager
def temp_database(prefix: str = "klipp_test") -> Iterator[str]:
    """A fresh database for the duration of the block; yields its SQLAlchemy URL."""
    url = create_database(prefix)
    try:
        yield url
    finally:
        drop_database(url)


def connect(url: str) -> psycopg.Connection:
    """A plain psycopg connection (autocommit) to a database given by its SQLAlchemy URL."""
    return psycopg.connect(_dsn(url.rsplit("/", 1)[1]), autocommit=True)
