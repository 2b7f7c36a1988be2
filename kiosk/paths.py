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
    return usable_folder(path)


def usable_folder(path: Path) -> Path:
    """`path`, created if missing; a file, a NUL or a folder that cannot be made is refused
    in words (InvalidInput), not with the OS's exception."""
    from kiosk.errors import InvalidInput

    named = repr(str(path)[:80])
    if "\x00" in str(path):  # the OS refuses it with a ValueError, not an OSError
        raise InvalidInput(f"The data folder {named} is not a folder name.")
    if path.exists() and not path.is_dir():
        raise InvalidInput(f"The data folder {named} is a file, not a folder.")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(f"The data folder {named} cannot be created "
                           f"({exc.strerror or exc}).") from None
    return path


def database_path(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / "till.sqlite3"


def backup_dir(override: str | os.PathLike[str] | None = None) -> Path:
    path = data_dir(override) / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
