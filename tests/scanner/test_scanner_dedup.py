"""De-duplication: one scan per presentation of a code, by an injected timeline."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.backoff import Backoff
from scanner.dedup import Deduplicator


def test_held_code_counts_once_and_again_after_absence() -> None:
    d = Deduplicator(hold_s=2.0)
    assert d.observe("A", 0.0)
    assert not any(d.observe("A", t / 10) for t in range(1, 50))  # held for 5 s
    assert not d.observe(None, 5.0)
    assert not d.observe("A", 6.5)  # away 1.6 s
    assert d.observe("A", 8.6)  # away 2.1 s


def test_a_different_code_counts_at_once_and_flicker_does_not_repeat() -> None:
    d = Deduplicator(hold_s=2.0)
    assert [d.observe(t, i * 0.1) for i, t in enumerate("ABABA")] == [
        True, True, False, False, False]


def test_zero_hold_counts_every_read() -> None:
    d = Deduplicator(hold_s=0.0)
    assert all(d.observe("A", t) for t in (0.0, 0.0, 0.1))


def test_time_going_backwards_starts_afresh() -> None:
    d = Deduplicator(hold_s=2.0)
    assert d.observe("A", 100.0)
    assert d.observe("A", 0.0)  # a video played again from the start


def test_confirmation_and_invalid_settings() -> None:
    d = Deduplicator(confirm_frames=2)
    assert [d.observe(x, i) for i, x in enumerate(["A", None, "A", "A", "A"])] == [
        False, False, False, True, False]
    with pytest.raises(ValueError):
        Deduplicator(hold_s=-1)
    with pytest.raises(ValueError):
        Deduplicator(confirm_frames=0)


def test_backoff_doubles_to_its_cap_and_resets() -> None:
    b = Backoff(initial=0.25, factor=2, cap=1.0)
    assert [b.next_delay() for _ in range(5)] == [0.25, 0.5, 1.0, 1.0, 1.0]
    b.reset()
    assert b.next_delay() == 0.25


reads = st.lists(
    st.tuples(st.sampled_from(["A", "B", "C", None]),
              st.floats(min_value=0.0, max_value=1.5, allow_nan=False)),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(reads, st.floats(min_value=0.1, max_value=3.0), st.integers(min_value=1, max_value=3))
def test_no_code_is_scanned_twice_without_an_absence(
    steps: list[tuple[str | None, float]], hold: float, confirm: int
) -> None:
    d = Deduplicator(hold_s=hold, confirm_frames=confirm)
    now = 0.0
    read_times: dict[str, list[float]] = {}
    scan_times: dict[str, list[float]] = {}
    previous: str | None = None
    run = 0
    for text, dt in steps:
        now += dt
        is_scan = d.observe(text, now)
        run = run + 1 if text == previous else 1
        previous = text
        if text is None:
            assert not is_scan
            continue
        times = read_times.setdefault(text, [])
        away = not times or now - times[-1] >= hold
        times.append(now)
        if confirm == 1:
            # The first read after an absence of `hold` (or ever) is a scan, and only it.
            assert is_scan == away
        if is_scan:
            assert run >= confirm
            scans = scan_times.setdefault(text, [])
            if scans:
                # Between two scans of one code it was out of sight for `hold` at least once.
                between = [t for t in times if t >= scans[-1]]
                assert max(b - a for a, b in zip(between, between[1:], strict=False)) >= hold
            scans.append(now)
