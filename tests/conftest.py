"""Fixtures shared by every room's tests: a real till on a real SQLite file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.clock import FixedClock  # noqa: E402
from kiosk.members import Registration  # noqa: E402
from kiosk.till import Till  # noqa: E402

# A Tuesday in November, mid-morning in Oslo.
START = datetime(2026, 11, 17, 9, 30, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def make_till(tmp_path: Path, clock: FixedClock) -> Iterator[Callable[..., Till]]:
    """Open a fresh till set up with a template; several per test are fine."""
    opened: list[Till] = []

    def _make(template: str = "cafe", name: str = "till", language: str = "en") -> Till:
        till = Till.open(tmp_path / name, clock=clock)
        till.setup(org_name="Kaffe AS", shop_name="Kaffebar", template=template,
                   language=language)
        opened.append(till)
        return till

    yield _make
    for till in opened:
        till.close()


@pytest.fixture
def till(make_till: Callable[..., Till]) -> Till:
    return make_till("cafe")


@pytest.fixture
def member(till: Till) -> str:
    return till.register(Registration(name="Kari Nordmann", phone="+4791234567",
                                      email="kari@example.no")).member_id
