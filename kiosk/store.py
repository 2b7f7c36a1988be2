"""The one way to open a till database: every pragma, the write lock, migrations, backups.

The till talks to SQLite through the standard library's sqlite3: a small pool of connections,
each configured by kiosk.sqlite_config, and transactions begun here (BEGIN IMMEDIATE for a
write). SQLAlchemy and Alembic are imported only when a migration is due or a caller hands
a SQLAlchemy statement to `Connection.execute` (the reports the server shares): importing
them cost a command on an up-to-date database more than all its other work
(bench/bench_cli.py).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.errors import StorageError
from kiosk.sqlite_config import BUSY_TIMEOUT_MS, begin_hook, configure_connection

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

__all__ = ["BUSY_TIMEOUT_MS", "Connection", "Result", "Store", "current_revision",
           "head_revision", "migrate", "sql", "storage_message"]

# Whether a migration is due is read from the revision files' own `revision = ...` lines and
# alembic_version, so Alembic is imported only when one is.
_VERSIONS = Path(__file__).parent / "migrations" / "versions"
_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*['\"]?([\w-]+|None)",
                       re.MULTILINE)
_IDLE = 4  # connections kept open between transactions (the GUI's writer, sync, a reader)


def storage_message(exc: BaseException, *, reading: bool = False) -> str:
    """Words for a database failure; a read failing saved nothing because it wrote nothing."""
    text = str(getattr(exc, "orig", exc)).lower()
    if reading:
        return f"The till's database could not be read ({text}). Try again."
    if "disk is full" in text or "disk full" in text:
        return "The till's disk is full: nothing was saved. Free some space and try again."
    if "readonly" in text or "read-only" in text:
        return "The till's database is read-only: nothing was saved."
    if "locked" in text or "busy" in text:
        return "The till's database is busy: nothing was saved. Try again."
    return f"The till's database could not be written: nothing was saved ({text})."


class Result:
    """The rows of one statement, with the result calls of SQLAlchemy's that the core uses."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor)

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    def fetchmany(self, size: int) -> list[Any]:
        return self._cursor.fetchmany(size)

    def all(self) -> list[Any]:
        return self._cursor.fetchall()

    def first(self) -> Any:
        """The first row or None; the rest are discarded."""
        row = self._cursor.fetchone()
        self._cursor.close()
        return row

    def one_or_none(self) -> Any:
        rows = self._cursor.fetchmany(2)
        if len(rows) > 1:
            raise LookupError("the statement returned more than one row")
        return rows[0] if rows else None

    def one(self) -> Any:
        row = self.one_or_none()
        if row is None:
            raise LookupError("the statement returned no row")
        return row

    def scalar(self) -> Any:
        """The first column of the first row, or None."""
        row = self.first()
        return None if row is None else row[0]

    def scalar_one(self) -> Any:
        return self.one()[0]


class _Dialect:
    name = "sqlite"


class Savepoint:
    """A nested transaction (SAVEPOINT) inside the store's transaction."""

    def __init__(self, driver: sqlite3.Connection, name: str) -> None:
        self._driver = driver
        self._name = name
        self._open = True
        driver.execute(f"SAVEPOINT {name}")

    def commit(self) -> None:
        if self._open:
            self._open = False
            self._driver.execute(f"RELEASE {self._name}")

    def rollback(self) -> None:
        if self._open:
            self._open = False
            self._driver.execute(f"ROLLBACK TO {self._name}")
            self._driver.execute(f"RELEASE {self._name}")

    def __enter__(self) -> Savepoint:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.rollback()


class Connection:
    """One of the store's sqlite3 connections, inside a transaction the store began.

    It answers the calls of SQLAlchemy's Connection that the core makes, so a function of
    the core reads the same whether the till (this) or the server (SQLAlchemy, for the
    reports they share) hands it its connection. `connection.driver_connection` is the
    sqlite3 connection, as in SQLAlchemy; kiosk.store.sql is the hot path's way to it.
    """

    __slots__ = ("driver_connection", "_savepoints")
    dialect = _Dialect()

    def __init__(self, driver: sqlite3.Connection) -> None:
        self.driver_connection = driver
        self._savepoints = 0

    @property
    def connection(self) -> Connection:
        return self

    def exec_driver_sql(self, statement: str, params: Any = ()) -> Result:
        """One statement with qmark (or named) parameters; a list of tuples runs it per tuple."""
        driver = self.driver_connection
        if isinstance(params, list) and params and isinstance(params[0], tuple | dict):
            return Result(driver.executemany(statement, params))
        return Result(driver.execute(statement, params))

    def execute(self, statement: Any, params: Any = None) -> Result:
        """A statement as text with :named parameters (a list value expands `IN :name`), or
        a SQLAlchemy text() construct, compiled for SQLite only when one is given."""
        if isinstance(statement, str):
            if isinstance(params, dict) and any(isinstance(v, list | tuple)
                                                for v in params.values()):
                statement, params = _expanded(statement, params)
            return Result(self.driver_connection.execute(statement, params or ()))
        text, bound = _compiled(statement, params or {})
        return Result(self.driver_connection.execute(text, bound))

    def begin_nested(self) -> Savepoint:
        self._savepoints += 1
        return Savepoint(self.driver_connection, f"klipp_sp_{self._savepoints}")


def _expanded(statement: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """`IN :ids` with ids=[a, b] as `IN (:ids__0, :ids__1)`, as SQLAlchemy's expanding
    parameters do (SQLite takes `IN ()` for an empty list)."""
    out = {}
    for name, value in params.items():
        if not isinstance(value, list | tuple):
            out[name] = value
            continue
        names = [f"{name}__{i}" for i in range(len(value))]
        out.update(zip(names, value, strict=True))
        marks = "(" + ", ".join(f":{n}" for n in names) + ")"
        statement = re.sub(rf"(?<![:\w]):{name}\b", lambda _m, m=marks: m, statement)
    return statement, out


def _compiled(statement: Any, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    # Imported only here: SQLAlchemy costs more to import than a whole command's work.
    from sqlalchemy.dialects import sqlite as sqlite_dialect

    dialect = sqlite_dialect.dialect(paramstyle="named")
    names = statement.compile(dialect=dialect).binds
    bound = statement.bindparams(**{k: v for k, v in params.items() if k in names})
    compiled = bound.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    return compiled.string, compiled.params


def sql(conn: Connection, statement: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
    """Run one statement on the driver's connection, inside the store's transaction.

    A cashier's action is a dozen short statements; any bookkeeping per call costs more than
    SQLite's own work (bench/bench_core.py --profile), so the hot path talks to sqlite3
    directly. Transactions, savepoints and errors stay with Store.write/read.
    """
    return conn.connection.driver_connection.execute(statement, params)  # type: ignore[union-attr]


class Store:
    """A till database: short write transactions under the write lock, and plain reads.

    Every connection comes from `connect`, so every one carries the pragmas of
    kiosk.sqlite_config, whoever asked for it (a transaction, a backup, a migration).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        # Called on each new connection after the pragmas (a test makes the disk "full").
        self.on_connect: list[Callable[[sqlite3.Connection], None]] = []
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._generation = 0

    def connect(self) -> sqlite3.Connection:
        """A new connection on the file with every pragma; nobody else opens one."""
        driver = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                                 check_same_thread=False, isolation_level=None)
        try:
            configure_connection(driver)
            for hook in self.on_connect:
                hook(driver)
        except BaseException:
            driver.close()
            raise
        return driver

    @contextmanager
    def raw(self) -> Iterator[sqlite3.Connection]:
        """A configured connection outside any transaction (VACUUM, checkpoints, backups)."""
        with self._lock:
            driver = self._idle.pop() if self._idle else None
            generation = self._generation
        if driver is None:
            driver = self.connect()
        try:
            yield driver
        finally:
            try:
                clean = not driver.in_transaction
            except sqlite3.Error:  # closed, or broken beyond use
                clean = False
            with self._lock:
                keep = clean and generation == self._generation and len(self._idle) < _IDLE
                if keep:
                    self._idle.append(driver)
            if not keep:
                driver.close()

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[Connection]:
        with self.raw() as driver:
            driver.execute(begin)
            try:
                yield Connection(driver)
            except BaseException:
                _rollback(driver)
                raise
            try:
                driver.commit()
            except BaseException:
                _rollback(driver)
                raise

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One cashier action: BEGIN IMMEDIATE, commit on success, roll back on any error."""
        try:
            with self._transaction("BEGIN IMMEDIATE") as conn:
                yield conn
        except sqlite3.OperationalError as exc:
            raise StorageError(storage_message(exc)) from exc

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent snapshot for reading."""
        try:
            with self._transaction("BEGIN") as conn:
                yield conn
        except sqlite3.OperationalError as exc:
            raise StorageError(storage_message(exc, reading=True)) from exc

    def backup_to(self, target: str | Path) -> Path:
        """A consistent copy through SQLite's backup API (never a file copy of a live WAL db)."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(target)
        try:
            dst.execute("PRAGMA synchronous = FULL")
            with self.raw() as live:  # the live side carries every pragma of `connect`
                live.backup(dst)
        finally:
            dst.close()
        return target

    def sqlalchemy_engine(self) -> Engine:
        """A SQLAlchemy engine whose connections come from `connect` (every pragma, every
        hook), for Alembic and tools that speak SQLAlchemy; the caller disposes of it."""
        from sqlalchemy import create_engine
        from sqlalchemy.pool import NullPool

        engine = create_engine(f"sqlite:///{self.path}", creator=self.connect,
                               poolclass=NullPool)
        begin_hook(engine)
        return engine

    def close(self) -> None:
        """Close the idle connections; one still in use is closed when it is given back.

        The store stays usable: the next transaction opens a new connection.
        """
        with self._lock:
            idle, self._idle = self._idle, []
            self._generation += 1
        for driver in idle:
            driver.close()


def _rollback(driver: sqlite3.Connection) -> None:
    try:
        driver.rollback()
    except sqlite3.Error:
        pass  # the connection is closed by Store.raw when it comes back unclean


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return cfg


def current_revision(store: Store) -> str | None:
    """The revision the database is at (None for a new, empty database), in one query."""
    with store.raw() as driver:
        try:
            row = driver.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            return None
    return row[0] if row else None


def head_revision() -> str:
    """The newest revision, read from the migration files without importing Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in _VERSIONS.glob("*.py"):
        found = dict(_REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            parents.add(found.get("down_revision", "None"))
    heads = revisions - parents
    if len(heads) == 1:
        return heads.pop()
    # A branch point or an unusual file: let Alembic decide.
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def migrate(store: Store, *, backup_dir: Path | None = None, revision: str = "head") -> Path | None:
    """Bring the database to `revision`, first taking a consistent backup if it holds data."""
    before = current_revision(store)
    target = head_revision() if revision == "head" else revision
    if before == target:
        return None
    backup: Path | None = None
    if before is not None and backup_dir is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        backup = store.backup_to(backup_dir / f"till-{before}-{stamp}.sqlite3")
    from alembic import command
    from sqlalchemy.exc import OperationalError

    cfg = alembic_config()
    engine = store.sqlalchemy_engine()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except (OperationalError, sqlite3.OperationalError) as exc:
        raise StorageError(storage_message(exc)) from exc
    finally:
        engine.dispose()
    return backup
