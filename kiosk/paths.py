"""Where a till keeps its data."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "klipp"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: an explicit override, $KLIPP_DATA_DIR, or the platform's user data dir."""
    chosen = override or os.environ.get("KLIPP_DATA_DIR")
    if chosen:
        path = Path(chosen)
    else:
        import platformdirs  # only when no folder was named: scripts name theirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / "till.sqlite3"


def backup_dir(override: str | os.PathLike[str] | None = None) -> Path:
    path = data_dir(override) / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
