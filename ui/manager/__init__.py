"""The manager's back office (issue 10): behind the manager PIN, opened from the till."""

from ui.manager.access import ManagerShell, open_manager

__all__ = ["ManagerShell", "open_manager"]
