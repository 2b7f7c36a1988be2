"""Keyboard-wedge classification on hand-recorded key timings."""

from __future__ import annotations

from itertools import accumulate

import pytest

from scanner.manual import RejectedEntry, manual_scan
from scanner.wedge import WedgeClassifier, WedgeOutcome

CODE = "7ZQ4K9XH2M3PBV8D1CNE5RTWGJ6A0SYF4K7M2Q"  # 38 Crockford characters

# Gaps in seconds between key events as recorded, the last one before Enter.
# A wired HID scanner at full speed: 1-4 ms, polled every 1 ms.
FAST_SCANNER = [0.002, 0.001, 0.003, 0.002, 0.002, 0.004, 0.001, 0.002, 0.002, 0.003,
                0.002, 0.001, 0.002, 0.002, 0.003, 0.002, 0.002, 0.001, 0.002, 0.004,
                0.002, 0.002, 0.001, 0.003, 0.002, 0.002, 0.002, 0.001, 0.003, 0.002,
                0.002, 0.002, 0.004, 0.001, 0.002, 0.002, 0.002, 0.003]
# A scanner set to a 25 ms inter-character delay for a slow POS terminal.
SLOW_SCANNER = [0.025, 0.026, 0.024, 0.025, 0.027, 0.025, 0.024, 0.026, 0.025, 0.025,
                0.024, 0.026, 0.025, 0.025, 0.027, 0.024, 0.025, 0.026, 0.025, 0.024,
                0.025, 0.026, 0.025, 0.025, 0.024, 0.027, 0.025, 0.025, 0.026, 0.024,
                0.025, 0.025, 0.026, 0.024, 0.025, 0.025, 0.026, 0.031]
# A Bluetooth scanner: keys arrive in radio packets, 0 and ~15 ms apart.
BLUETOOTH_SCANNER = [0.0, 0.015, 0.0, 0.016, 0.001, 0.015, 0.0, 0.015, 0.0, 0.016,
                     0.0, 0.015, 0.001, 0.015, 0.0, 0.016, 0.0, 0.015, 0.0, 0.015,
                     0.001, 0.016, 0.0, 0.015, 0.0, 0.015, 0.0, 0.016, 0.001, 0.015,
                     0.0, 0.015, 0.0, 0.016, 0.0, 0.015, 0.001, 0.02]
# A fast typist (about 110 wpm) keying a phone number from memory, then Enter.
TYPIST_PHONE = [0.142, 0.098, 0.121, 0.087, 0.176, 0.093, 0.110, 0.131, 0.240]
# The same typist copying a card code from a printed card: slower, uneven.
TYPIST_CODE = [0.21, 0.35, 0.18, 0.42, 0.27, 0.19, 0.55, 0.23, 0.31, 0.26, 0.44, 0.2]
# Rollover on a familiar word: some keys overlap (30-50 ms) but Enter comes late.
TYPIST_ROLLOVER = [0.048, 0.031, 0.052, 0.044, 0.12]
# A very fast burst of a short word with an early Enter: too uneven to be a scanner.
TYPIST_BURST = [0.012, 0.058, 0.009, 0.055, 0.05]


def feed_all(wedge: WedgeClassifier, text: str, gaps: list[float], start: float = 10.0,
             enter: str = "\n") -> list[WedgeOutcome]:
    """Key events for `text` then Enter; gaps[i] precedes key i+1, the last one Enter."""
    assert len(gaps) == len(text)
    times = list(accumulate(gaps, initial=start))
    outcomes = [wedge.feed(ch, t) for ch, t in zip(text, times, strict=False)]
    outcomes.append(wedge.feed(enter, times[len(text)]))
    return outcomes


def scans_of(outcomes: list[WedgeOutcome]) -> list[str]:
    return [o.scan.text for o in outcomes if o.scan is not None]


def typed_of(outcomes: list[WedgeOutcome]) -> str:
    return "".join(o.typed for o in outcomes)


@pytest.mark.parametrize("gaps", [FAST_SCANNER, SLOW_SCANNER, BLUETOOTH_SCANNER],
                         ids=["fast", "slow", "bluetooth"])
def test_scanner_bursts_are_scans(gaps: list[float]) -> None:
    wedge = WedgeClassifier()
    outcomes = feed_all(wedge, CODE, gaps)
    assert scans_of(outcomes) == [CODE]
    assert typed_of(outcomes) == ""
    scan = outcomes[-1].scan
    assert scan is not None and scan.source == "usb" and scan.at.tzinfo is not None


@pytest.mark.parametrize(("text", "gaps"), [
    ("98765432", TYPIST_PHONE[:8]),
    ("7ZQ4K9XH2M3P", TYPIST_CODE),
    ("hello", TYPIST_ROLLOVER),
    ("asdf", TYPIST_BURST[:4]),
], ids=["phone", "code", "rollover", "burst"])
def test_typing_is_passed_through(text: str, gaps: list[float]) -> None:
    wedge = WedgeClassifier()
    outcomes = feed_all(wedge, text, gaps)
    assert scans_of(outcomes) == []
    assert typed_of(outcomes) == text + "\n"


def test_crlf_suffix_is_one_scan_and_no_stray_enter() -> None:
    wedge = WedgeClassifier()
    outcomes = feed_all(wedge, CODE, FAST_SCANNER, start=0.0, enter="\r")
    outcomes.append(wedge.feed("\n", sum(FAST_SCANNER) + 0.002))
    assert scans_of(outcomes) == [CODE]
    assert typed_of(outcomes) == ""
    # A real Enter later is the cashier's and passes through.
    assert wedge.feed("Enter", 5.0).typed == "\n"


def test_latency_is_the_time_the_scanner_took_to_type() -> None:
    outcomes = feed_all(WedgeClassifier(), CODE, SLOW_SCANNER)
    scan = outcomes[-1].scan
    assert scan is not None and scan.latency_ms == pytest.approx(1000 * sum(SLOW_SCANNER))


def test_tab_terminates_a_scan_too() -> None:
    outcomes = feed_all(WedgeClassifier(), CODE, FAST_SCANNER, enter="Tab")
    assert scans_of(outcomes) == [CODE]


def test_typed_keys_before_a_scan_are_released_then_the_scan_counts() -> None:
    wedge = WedgeClassifier()
    typed = [wedge.feed("1", 1.0), wedge.feed("2", 1.15)]
    outcomes = typed + feed_all(wedge, CODE, FAST_SCANNER, start=3.0)
    assert typed_of(outcomes) == "12"
    assert scans_of(outcomes) == [CODE]


def test_poll_releases_a_lone_typed_key() -> None:
    wedge = WedgeClassifier()
    assert wedge.feed("7", 5.0).typed == ""  # held: it could be a scanner's first key
    assert wedge.poll(5.03).typed == ""
    assert wedge.poll(5.2).typed == "7"
    assert wedge.poll(6.0).typed == ""


def test_enter_alone_is_typing() -> None:
    assert WedgeClassifier().feed("Enter", 1.0).typed == "\n"


def test_presentation_mode_rereads_are_swallowed_until_a_pause() -> None:
    wedge = WedgeClassifier(repeat_hold_s=1.0)
    first = feed_all(wedge, CODE, FAST_SCANNER, start=0.0)
    again = feed_all(wedge, CODE, FAST_SCANNER, start=0.4)
    later = feed_all(wedge, CODE, FAST_SCANNER, start=3.0)
    assert scans_of(first) == [CODE]
    assert scans_of(again) == [] and typed_of(again) == ""
    assert scans_of(later) == [CODE]
    assert wedge.repeats == 1


def test_over_long_burst_is_dropped_and_counted() -> None:
    wedge = WedgeClassifier(max_length=64)
    text = (CODE * 3)[:100]
    outcomes = feed_all(wedge, text, [0.002] * 100)
    assert scans_of(outcomes) == [] and typed_of(outcomes) == ""
    assert wedge.dropped.snapshot()["too_long"] == 1
    # The classifier is ready for the next code.
    assert scans_of(feed_all(wedge, CODE, FAST_SCANNER, start=20.0)) == [CODE]


def test_control_characters_in_a_burst_are_dropped() -> None:
    wedge = WedgeClassifier()
    text = "0104012345\x1d10ABC"  # a GS1 group separator
    outcomes = feed_all(wedge, text, [0.002] * len(text))
    assert scans_of(outcomes) == []
    assert wedge.dropped.snapshot()["non_printable"] == 1


def test_feed_rejects_key_names_it_does_not_know() -> None:
    with pytest.raises(ValueError):
        WedgeClassifier().feed("Shift", 1.0)


def test_manual_entry_is_a_manual_scan() -> None:
    scan = manual_scan("  +47 912 34 567 \n")
    assert (scan.text, scan.source, scan.latency_ms) == ("+47 912 34 567", "manual", 0.0)
    # Not validated as a card code: that is the core's job.
    assert manual_scan("not-a-code").text == "not-a-code"


@pytest.mark.parametrize(("text", "reason"), [
    ("   ", "empty"), ("A" * 513, "too_long"), ("AB\x00C", "non_printable"),
])
def test_manual_entry_rejects_garbage(text: str, reason: str) -> None:
    with pytest.raises(RejectedEntry) as info:
        manual_scan(text)
    assert info.value.reason == reason
