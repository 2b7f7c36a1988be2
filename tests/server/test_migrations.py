"""The migrations build exactly the tables the code declares, on PostgreSQL and SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from server import db
from server.tables import metadata
from tests.support.pg import temp_database


@pytest.fixture(params=["postgresql", "sqlite"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    with temp_database("klipp_migrate") as url:
        yield url


def test_migrations_match_the_tables_and_go_down_and_up(database_url: str) -> None:
    engine = db.make_engine(database_url)
    try:
        db.migrate(engine)
        db.migrate(engine)  # a second start-up finds nothing to do
        assert db.current_revision(engine) == db.head_revision()
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        cfg = db.alembic_config()
        with db.writing(engine) as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        assert db.current_revision(engine) is None
        db.migrate(engine)
        assert db.current_revision(engine) == db.head_revision()
    finally:
        engine.dispose()
