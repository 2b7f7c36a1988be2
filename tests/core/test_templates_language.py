"""A shop made from a template gets its programme's words in the shop's language."""

from __future__ import annotations

from dataclasses import fields
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk import ledger
from kiosk.clock import FixedClock
from kiosk.demo import build_demo, build_large
from kiosk.errors import InvalidInput
from kiosk.members import Registration
from kiosk.programs import TEMPLATES, ProgramConfig
from kiosk.template_texts import LANGUAGES, TEXTS
from kiosk.till import Till
from tests.conftest import START

CAFE = {
    "nb": ("Kaffekort", "Gratis kaffe", "Velkommen: gratis bakst",
           "Hvordan drikker du kaffen?", ["svart", "med melk", "havremelk", "annet"]),
    "sv": ("Kaffekort", "Gratis kaffe", "Välkommen: gratis bakverk",
           "Hur dricker du ditt kaffe?", ["svart", "med mjölk", "havremjölk", "annat"]),
    "en": ("Coffee card", "Free coffee", "Welcome: a free pastry",
           "How do you take your coffee?", ["black", "milk", "oat", "other"]),
}


def _shop(tmp_path: Path, language: str, template: str = "cafe") -> Till:
    till = Till.open(tmp_path / f"{template}-{language}", clock=FixedClock(START))
    till.setup(org_name="Kaffe AS", shop_name="Kaffebar", template=template, language=language)
    return till


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_a_new_cafe_speaks_its_language_on_rewards_coupons_and_questions(
        tmp_path: Path, language: str) -> None:
    name, coffee, welcome, question, choices = CAFE[language]
    till = _shop(tmp_path, language)
    try:
        program = till.info().program
        assert program is not None
        assert program.name == name
        assert program.reward("free-coffee").title == coffee
        assert program.welcome_coupon is not None and program.welcome_coupon.title == welcome
        assert program.segment_questions[0].text == question
        assert program.segment_questions[0].choices == choices
        # What a member is given carries the shop's words too.
        kari = till.register(Registration(name="Kari Nordmann", segments={"milk": choices[2]}))
        coupons = till.member(kari.member_id).coupons
        assert [c.title for c in coupons] == [welcome]
        assert till.member(kari.member_id).segments == {"milk": choices[2]}
    finally:
        till.close()


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_languages_change_only_words_never_rules_or_ids(template: str) -> None:
    english = TEMPLATES[template]("en")
    for language in ("nb", "sv"):
        other = TEMPLATES[template](language)
        assert _shape(other) == _shape(english), language
        assert other != english  # but the words did change


def test_points_and_tiers_in_swedish_and_bokmal(tmp_path: Path) -> None:
    tiers = _shop(tmp_path, "nb", "tiered")
    points = _shop(tmp_path, "sv", "points")
    try:
        nb = tiers.info().program
        assert nb is not None and nb.tiers is not None
        assert [t.name for t in nb.tiers.tiers] == ["bronse", "sølv", "gull"]
        assert nb.reward("dinner-for-two").title == "Middag for to"
        kari = tiers.register(Registration(name="Kari")).member_id
        assert tiers.purchase(kari, amount_minor=350_000).member.tier == "sølv"
        sv = points.info().program
        assert sv is not None and sv.welcome_coupon is not None
        assert sv.welcome_coupon.title == "Välkommen: 50 kr rabatt"
        assert sv.reward("gift-100").title == "Presentkort på 100 kr"
    finally:
        tiers.close()
        points.close()


def test_every_language_has_every_text_in_its_own_words() -> None:
    assert set(TEXTS) == set(LANGUAGES)
    # Words the languages share with English, on purpose.
    same = {("nb", "dessert"), ("sv", "tier_names")}
    for language in ("nb", "sv"):
        for f in fields(TEXTS["en"]):
            theirs, ours = getattr(TEXTS[language], f.name), getattr(TEXTS["en"], f.name)
            if (language, f.name) not in same:
                assert theirs != ours, (language, f.name)


def test_an_unknown_language_is_refused_and_sets_nothing_up(tmp_path: Path) -> None:
    till = Till.open(tmp_path, clock=FixedClock(START))
    try:
        with pytest.raises(InvalidInput, match="nb, sv, en"):
            till.setup(org_name="Kaffe AS", shop_name="Kaffebar", language="de")
        assert not till.info().set_up
    finally:
        till.close()


def test_the_demo_cafe_in_bokmal_gives_norwegian_rewards_and_answers(tmp_path: Path) -> None:
    clock = FixedClock(START)
    till = Till.open(tmp_path, clock=clock)
    try:
        build_demo(till, members=25, days=21, seed=3, clock=clock, language="nb")
        program = till.info().program
        assert program is not None and program.reward("free-coffee").title == "Gratis kaffe"
        with till.store.read() as conn:
            redeemed = {r[0] for r in conn.exec_driver_sql(
                "SELECT json_extract(payload, '$.title') FROM event WHERE kind = ?",
                (ledger.REDEEM,))}
            answers = {r[0] for r in conn.exec_driver_sql(
                "SELECT json_extract(segments_json, '$.milk') FROM member")} - {None}
        assert redeemed and redeemed <= {"Gratis kaffe", "Gratis bakst"}
        assert answers and answers <= set(CAFE["nb"][4])
    finally:
        till.close()


def test_the_bulk_chain_in_swedish(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite3"
    build_large(path, members=40, events=400, shops=1, days=30, sample=5, language="sv",
                last_day=(START - timedelta(days=1)).date())
    till = Till.open(tmp_path, clock=FixedClock(START))
    try:
        with till.store.read() as conn:
            config = conn.exec_driver_sql(
                "SELECT config_json FROM program ORDER BY version DESC").scalar_one()
            answers = {r[0] for r in conn.exec_driver_sql(
                "SELECT json_extract(segments_json, '$.milk') FROM member")} - {None}
        assert ProgramConfig.model_validate_json(config).reward("free-coffee").title \
            == "Gratis kaffe"
        assert ProgramConfig.model_validate_json(config).welcome_coupon.title \
            == "Välkommen: gratis bakverk"  # type: ignore[union-attr]
        assert answers and answers <= set(CAFE["sv"][4])
    finally:
        till.close()


def _shape(config: ProgramConfig) -> object:
    """The programme with every text blanked: what is left are its rules and ids."""
    def blank(value: object, key: str = "") -> object:
        if isinstance(value, dict):
            return {k: blank(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [blank(v, key) for v in value]
        if isinstance(value, str) and key in {"name", "title", "text", "choices"}:
            return "-"
        return value
    return blank(config.model_dump())


def test_every_demo_phone_number_is_one_registration_accepts() -> None:
    # A Norwegian demo (seed 2, fifteen members) once drew +4745367250, a number in an
    # unassigned block that registration refuses, and the demo café failed to build.
    import random

    from kiosk.demo import _phone
    from kiosk.profiles import normalise_phone

    rng, taken = random.Random(7), set()
    for _ in range(4000):
        phone = _phone(rng, taken)
        assert normalise_phone(phone, "NO") == phone
