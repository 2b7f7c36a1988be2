"""The server's settings: environment variables (KLIPP_...), overridable from the command line."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from kiosk.paths import usable_folder
from sync.protocol import MAX_BODY_BYTES

APP_NAME = "klipp-server"


def default_data_dir() -> Path:
    """Where the server keeps its SQLite file when given no database URL."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def sqlite_url(data_dir: str | Path | None = None) -> str:
    """The URL of the zero-configuration SQLite database in a data folder."""
    folder = usable_folder(Path(data_dir) if data_dir else default_data_dir())
    return f"sqlite:///{folder / 'server.sqlite3'}"


class ServerSettings(BaseSettings):
    """Everything the server reads at start-up. Limits are per process."""

    model_config = SettingsConfigDict(env_prefix="KLIPP_SERVER_", populate_by_name=True,
                                      extra="ignore")

    # Empty means SQLite in the platform's user data folder.
    database_url: str = Field("", validation_alias=AliasChoices(
        "KLIPP_SERVER_DATABASE_URL", "database_url"))
    # Empty disables the admin API (the command line still works on the database directly).
    admin_token: str = Field("", validation_alias=AliasChoices(
        "KLIPP_ADMIN_TOKEN", "admin_token"))
    data_dir: str = ""
    max_body_bytes: int = Field(MAX_BODY_BYTES, ge=1024)
    # A till's token bucket: sustained requests per second and the burst it may spend at once.
    rate_per_second: float = Field(50.0, gt=0)
    rate_burst: int = Field(100, ge=1)
    # Enrolment is keyed by client address: slow, so pairing codes cannot be guessed.
    enrol_rate_per_second: float = Field(0.5, gt=0)
    enrol_burst: int = Field(30, ge=1)
    pairing_ttl_seconds: int = Field(24 * 3600, ge=60)
    db_pool_size: int = Field(10, ge=1)

    def resolved_database_url(self) -> str:
        return self.database_url or sqlite_url(self.data_dir or None)
