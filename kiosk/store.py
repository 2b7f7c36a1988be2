"""The one way to open a till database: every pragma, the write lock, migrations, backups."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import QueuePool

from kiosk.errors import StorageError
from kiosk.sqlite_config import BUSY_TIMEOUT_MS, IMMEDIATE, configure_sqlite

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic costs a command more to import than all the rest of its work on an up-to-date
# database (bench/bench_cli.py), so it is imported only when a migration is due; whether one
# is due is read from the revision files' own `revision = ...` lines and alembic_version.
_VERSIONS = Path(__file__).parent / "migrations" / "versions"
_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*['\"]?([\w-]+|None)",
                       re.MULTILINE)


def make_engine(path: str | Path) -> Engine:
    """An engine on a SQLite file with WAL, synchronous=FULL, foreign keys and a busy timeout."""
    engine = create_engine(
        f"sqlite:///{Path(path)}",
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=8,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    configure_sqlite(engine)
    return engine


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


def sql(conn: Connection, statement: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
    """Run one statement on the driver's connection, inside SQLAlchemy's transaction.

    A cashier's action is a dozen short statements; SQLAlchemy's bookkeeping per call cost
    more than SQLite's own work (bench/bench_core.py --profile), so the till's hot path talks
    to sqlite3 directly. Transactions, savepoints and errors stay with Store.write/read.
    """
    return conn.connection.driver_connection.execute(statement, params)  # type: ignore[union-attr]


class Store:
    """A till database: short write transactions under the write lock, and plain reads."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.engine = make_engine(self.path)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One cashier action: BEGIN IMMEDIATE, commit on success, roll back on any error."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**{IMMEDIATE: True})
                with conn.begin():
                    yield conn
        except (OperationalError, sqlite3.OperationalError) as exc:
            raise StorageError(storage_message(exc)) from exc

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent snapshot for reading."""
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except (OperationalError, sqlite3.OperationalError) as exc:
            raise StorageError(storage_message(exc, reading=True)) from exc

    def backup_to(self, target: str | Path) -> Path:
        """A consistent copy through SQLite's backup API (never a file copy of a live WAL db)."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        # The live side through the engine, so it carries every pragma of the factory.
        raw = self.engine.raw_connection()
        dst = sqlite3.connect(target)
        try:
            dst.execute("PRAGMA synchronous = FULL")
            raw.driver_connection.backup(dst)  # type: ignore[union-attr]
        finally:
            dst.close()
            raw.close()
        return target

    def close(self) -> None:
        self.engine.dispose()


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return cfg


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for a new, empty database)."""
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None
        known = driver.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                               " AND name = 'alembic_version'").fetchone()
        if known is None:
            return None
        row = driver.execute("SELECT version_num FROM alembic_version").fetchone()
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
    before = current_revision(store.engine)
    target = head_revision() if revision == "head" else revision
    if before == target:
        return None
    backup: Path | None = None
    if before is not None and backup_dir is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        backup = store.backup_to(backup_dir / f"till-{before}-{stamp}.sqlite3")
    from alembic import command

    cfg = alembic_config()
    try:
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except OperationalError as exc:
        raise StorageError(storage_message(exc)) from exc
    return backup
