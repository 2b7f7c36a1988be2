"""Test support shared across rooms: a real PostgreSQL database and a real server process."""
