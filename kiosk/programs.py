"""Loyalty programme configuration (versioned per shop) and the pure rules that price actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kiosk.errors import InvalidInput

if TYPE_CHECKING:
    from kiosk.template_texts import TemplateTexts


class _Strict(BaseModel):
    # Each model builds its validator when first used, not when this module is imported: a
    # write validates only the stored ProgramConfig (which builds its parts inside its own
    # schema), so a `klipp` command no longer builds a dozen validators it never calls.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class StampCard(_Strict):
    """ "The 10th coffee free": N stamps earn the reward."""

    stamps_for_reward: int = Field(10, ge=1, le=100)
    reward_id: str = "free-coffee"
    # Empty means every purchase line or manual stamp counts.
    eligible_categories: list[str] = []
    max_stamps_per_visit: int = Field(3, ge=1, le=100)


class PointsRule(_Strict):
    """Points per amount spent: one point per `minor_per_point` minor units."""

    minor_per_point: int = Field(1000, ge=1)
    rounding: Literal["down", "half_up"] = "down"


class Tier(_Strict):
    name: str = Field(min_length=1, max_length=40)
    threshold: int = Field(ge=0)  # minor units of spend, or visits, over the period
    multiplier_percent: int = Field(100, ge=100, le=1000)


class TierRule(_Strict):
    basis: Literal["spend", "visits"] = "spend"
    period_days: int = Field(365, ge=1, le=3660)
    tiers: list[Tier]

    @model_validator(mode="after")
    def _ordered(self) -> TierRule:
        thresholds = [t.threshold for t in self.tiers]
        if not self.tiers or thresholds != sorted(thresholds) or thresholds[0] != 0:
            raise ValueError("tiers must start at threshold 0 and rise")
        return self


class Cashback(_Strict):
    basis_points: int = Field(200, ge=1, le=5000)  # 200 = 2 %


class CouponSpec(_Strict):
    title: str = Field(min_length=1, max_length=80)
    reward_id: str | None = None
    discount_minor: int = Field(0, ge=0)
    valid_days: int = Field(30, ge=1, le=3660)


class BirthdayCoupon(CouponSpec):
    days_before: int = Field(7, ge=0, le=60)
    days_after: int = Field(7, ge=0, le=60)


class Reward(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")
    title: str = Field(min_length=1, max_length=80)
    cost_points: int = Field(0, ge=0)
    cost_stamps: int = Field(0, ge=0)

    @model_validator(mode="after")
    def _priced_once(self) -> Reward:
        if (self.cost_points > 0) == (self.cost_stamps > 0):
            raise ValueError(f"reward {self.id} must cost either points or stamps")
        return self


class SegmentQuestion(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]{1,30}$")
    text: str = Field(min_length=1, max_length=120)
    choices: list[str] = []  # empty means free text


class Limits(_Strict):
    max_redemptions_per_day: int = Field(3, ge=1, le=100)
    undo_window_seconds: int = Field(300, ge=0, le=86_400)
    points_expire_after_inactive_days: int | None = Field(None, ge=30)


class ProgramConfig(_Strict):
    """Everything a shop configures about its loyalty programme."""

    name: str = Field("Loyalty", min_length=1, max_length=80)
    stamp_card: StampCard | None = None
    points: PointsRule | None = None
    tiers: TierRule | None = None
    cashback: Cashback | None = None
    welcome_coupon: CouponSpec | None = None
    birthday_coupon: BirthdayCoupon | None = None
    rewards: list[Reward] = []
    # A default rather than default_factory=list: pydantic reads a factory's signature, and
    # list's (a builtin's) is parsed by the tokenizer, whose regex costs a command ~2 %.
    # pydantic copies a mutable default for each instance, as it does for `rewards`.
    segment_questions: list[SegmentQuestion] = Field([], max_length=5)
    consent_wording_version: str = "2026-01"
    limits: Limits = Limits()

    @model_validator(mode="after")
    def _consistent(self) -> ProgramConfig:
        ids = [r.id for r in self.rewards]
        if len(ids) != len(set(ids)):
            raise ValueError("reward ids must be unique")
        if self.stamp_card and self.stamp_card.reward_id not in ids:
            raise ValueError(f"stamp card reward {self.stamp_card.reward_id!r} is not in rewards")
        return self

    def reward(self, reward_id: str) -> Reward:
        for r in self.rewards:
            if r.id == reward_id:
                return r
        raise InvalidInput(f"There is no reward {reward_id!r} in this shop's catalogue.")


def parse_config(text: str) -> ProgramConfig:
    """Validate a JSON programme configuration; raise InvalidInput naming the first problem."""
    try:
        return ProgramConfig.model_validate_json(text)
    except ValueError as exc:
        errors = getattr(exc, "errors", None)
        if errors:
            first = exc.errors()[0]  # type: ignore[attr-defined]
            where = ".".join(str(p) for p in first["loc"]) or "config"
            raise InvalidInput(f"Programme configuration: {where}: {first['msg']}") from None
        raise InvalidInput(f"Programme configuration: {exc}") from None


# --- Starter templates --------------------------------------------------------------------

def _texts(language: str) -> TemplateTexts:
    # Imported here: only making a new shop's programme needs the templates' texts.
    from kiosk.template_texts import texts_for

    return texts_for(language)


def cafe_template(language: str = "en", currency: str = "NOK") -> ProgramConfig:
    """A café stamp card: the 10th coffee free, a welcome pastry, a birthday coffee."""
    t = _texts(language)
    return ProgramConfig(
        name=t.cafe_name,
        stamp_card=StampCard(stamps_for_reward=10, reward_id="free-coffee",
                             eligible_categories=["coffee"], max_stamps_per_visit=3),
        welcome_coupon=CouponSpec(title=t.cafe_welcome, reward_id="free-pastry"),
        birthday_coupon=BirthdayCoupon(title=t.cafe_birthday, reward_id="free-coffee"),
        rewards=[Reward(id="free-coffee", title=t.free_coffee, cost_stamps=10),
                 Reward(id="free-pastry", title=t.free_pastry, cost_stamps=6)],
        segment_questions=[SegmentQuestion(id="milk", text=t.milk_question,
                                           choices=list(t.milk_choices))],
    )


def points_template(language: str = "en", currency: str = "NOK") -> ProgramConfig:
    """A points shop: 1 point per 10 kr, cashback, a small catalogue."""
    from kiosk.money import format_money

    t = _texts(language)

    def amount(minor: int) -> str:
        # Whole amounts in the shop's currency: "50 kr", "50 €" (never kr in a euro shop).
        return format_money(minor, currency).replace(",00", "")

    return ProgramConfig(
        name=t.points_name,
        points=PointsRule(minor_per_point=1000, rounding="down"),
        cashback=Cashback(basis_points=100),
        welcome_coupon=CouponSpec(title=t.points_welcome.format(amount=amount(5000)),
                                  discount_minor=5000),
        rewards=[Reward(id="tote-bag", title=t.tote_bag, cost_points=100),
                 Reward(id="gift-100", title=t.gift_card.format(amount=amount(10_000)),
                        cost_points=250)],
        limits=Limits(points_expire_after_inactive_days=365),
    )


def tiered_template(language: str = "en", currency: str = "NOK") -> ProgramConfig:
    """Bronze, silver and gold by spend over a rolling year, with better earning rates."""
    t = _texts(language)
    bronze, silver, gold = t.tier_names
    return ProgramConfig(
        name=t.tiers_name,
        points=PointsRule(minor_per_point=1000),
        tiers=TierRule(basis="spend", period_days=365, tiers=[
            Tier(name=bronze, threshold=0, multiplier_percent=100),
            Tier(name=silver, threshold=300_000, multiplier_percent=125),
            Tier(name=gold, threshold=1_000_000, multiplier_percent=150),
        ]),
        birthday_coupon=BirthdayCoupon(title=t.tiered_birthday, reward_id="dessert"),
        rewards=[Reward(id="dessert", title=t.dessert, cost_points=60),
                 Reward(id="dinner-for-two", title=t.dinner_for_two, cost_points=800)],
    )


# Each takes the language of its texts (kiosk.template_texts): nb, sv or en.
# Each takes the shop's language and currency (the texts name amounts in it).
TEMPLATES: dict[str, Callable[[str, str], ProgramConfig]] = {
    "cafe": cafe_template, "points": points_template, "tiered": tiered_template}


# --- Rules: pure arithmetic on integers ---------------------------------------------------

def points_for(amount_minor: int, rule: PointsRule, multiplier_percent: int = 100) -> int:
    """Points earned for a purchase; the tier multiplier applies before rounding."""
    if amount_minor <= 0:
        return 0
    scaled = amount_minor * multiplier_percent
    unit = rule.minor_per_point * 100
    if rule.rounding == "half_up":
        return (scaled + unit // 2) // unit
    return scaled // unit


def cashback_for(amount_minor: int, rule: Cashback) -> int:
    """Cashback credit for a purchase, rounded down to the minor unit."""
    return max(amount_minor, 0) * rule.basis_points // 10_000


def tier_for(figure: int, rule: TierRule) -> str:
    """The tier a rolling spend (or visit count) qualifies for."""
    chosen = rule.tiers[0].name
    for tier in rule.tiers:
        if figure >= tier.threshold:
            chosen = tier.name
    return chosen


def tier_rank(name: str | None, rule: TierRule) -> int:
    for i, tier in enumerate(rule.tiers):
        if tier.name == name:
            return i
    return -1


def multiplier_for(name: str | None, rule: TierRule | None) -> int:
    if rule is None:
        return 100
    for tier in rule.tiers:
        if tier.name == name:
            return tier.multiplier_percent
    return 100
