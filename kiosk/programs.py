"""Loyalty programme configuration (versioned per shop) and the pure rules that price actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec
from msgspec import Meta, field

from kiosk.errors import InvalidInput
from kiosk.validation import RULES, Problem, explain

if TYPE_CHECKING:
    from typing import Self

    from kiosk.template_texts import TemplateTexts

# The programme is defined with msgspec rather than pydantic: every write reads the shop's
# programme, and importing pydantic and building its validators was 40 % of a `klipp stamp`
# (bench/bench_cli.py). The API (server/) keeps pydantic; it takes a programme as JSON and
# checks it with parse_config, so this stays the one definition of a programme's rules.

Count = Annotated[int, Meta(ge=0)]
Name = Annotated[str, Meta(min_length=1, max_length=40)]
Title = Annotated[str, Meta(min_length=1, max_length=80)]


class _Strict(msgspec.Struct, forbid_unknown_fields=True):
    """A part of a programme: unknown fields refused, and the model_* calls every model has."""

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """Check plain data (a dict as from JSON) against the rules; ConfigProblem if not."""
        return _checked(lambda: msgspec.convert(data, cls, strict=False))

    @classmethod
    def model_validate_json(cls, text: str | bytes) -> Self:
        """Check JSON text against the rules; ConfigProblem naming the first problem."""
        return _checked(lambda: msgspec.json.decode(text, type=cls, strict=False))

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        """As plain dicts and lists (the same for mode="json": it holds no other types)."""
        return msgspec.to_builtins(self)  # type: ignore[no-any-return]

    def model_dump_json(self, indent: int | None = None) -> str:
        """As JSON text, fields in their declared order."""
        text = msgspec.json.encode(self)
        return (msgspec.json.format(text, indent=indent) if indent else text).decode()

    def model_copy(self, update: dict[str, Any] | None = None) -> Self:
        """A copy with some fields replaced (not checked: publishing checks it)."""
        return msgspec.structs.replace(self, **(update or {}))


class ConfigProblem(InvalidInput):
    """A programme that breaks a rule: `problem` says where (a path of field names) and what."""

    def __init__(self, problem: Problem) -> None:
        where = ".".join(problem.where) or "config"
        super().__init__(f"Programme configuration: {where}: {problem.words}")
        self.problem = problem


def _checked(make: Callable[[], Any]) -> Any:
    try:
        return make()
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise ConfigProblem(explain(str(exc))) from None


class StampCard(_Strict):
    """ "The 10th coffee free": N stamps earn the reward."""

    stamps_for_reward: Annotated[int, Meta(ge=1, le=100)] = 10
    reward_id: str = "free-coffee"
    # Empty means every purchase line or manual stamp counts.
    eligible_categories: list[str] = []
    max_stamps_per_visit: Annotated[int, Meta(ge=1, le=100)] = 3


class PointsRule(_Strict):
    """Points per amount spent: one point per `minor_per_point` minor units."""

    minor_per_point: Annotated[int, Meta(ge=1)] = 1000
    rounding: Literal["down", "half_up"] = "down"


class Tier(_Strict):
    name: Name
    threshold: Count  # minor units of spend, or visits, over the period
    multiplier_percent: Annotated[int, Meta(ge=100, le=1000)] = 100


class TierRule(_Strict, kw_only=True):
    basis: Literal["spend", "visits"] = "spend"
    period_days: Annotated[int, Meta(ge=1, le=3660)] = 365
    tiers: list[Tier]

    def __post_init__(self) -> None:
        thresholds = [t.threshold for t in self.tiers]
        if not self.tiers or thresholds != sorted(thresholds) or thresholds[0] != 0:
            raise ValueError(RULES["tiers_rise"])


class Cashback(_Strict):
    basis_points: Annotated[int, Meta(ge=1, le=5000)] = 200  # 200 = 2 %


class CouponSpec(_Strict):
    title: Title
    reward_id: str | None = None
    discount_minor: Count = 0
    valid_days: Annotated[int, Meta(ge=1, le=3660)] = 30


class BirthdayCoupon(CouponSpec):
    days_before: Annotated[int, Meta(ge=0, le=60)] = 7
    days_after: Annotated[int, Meta(ge=0, le=60)] = 7


class Reward(_Strict):
    id: Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
    title: Title
    cost_points: Count = 0
    cost_stamps: Count = 0

    def __post_init__(self) -> None:
        if (self.cost_points > 0) == (self.cost_stamps > 0):
            raise ValueError(RULES["priced_once"].format(self.id))


class SegmentQuestion(_Strict):
    id: Annotated[str, Meta(pattern=r"^[a-z0-9_]{1,30}$")]
    text: Annotated[str, Meta(min_length=1, max_length=120)]
    choices: list[str] = []  # empty means free text


class Limits(_Strict):
    max_redemptions_per_day: Annotated[int, Meta(ge=1, le=100)] = 3
    undo_window_seconds: Annotated[int, Meta(ge=0, le=86_400)] = 300
    points_expire_after_inactive_days: Annotated[int, Meta(ge=30)] | None = None


class ProgramConfig(_Strict):
    """Everything a shop configures about its loyalty programme."""

    name: Annotated[str, Meta(min_length=1, max_length=80)] = "Loyalty"
    stamp_card: StampCard | None = None
    points: PointsRule | None = None
    tiers: TierRule | None = None
    cashback: Cashback | None = None
    welcome_coupon: CouponSpec | None = None
    birthday_coupon: BirthdayCoupon | None = None
    rewards: list[Reward] = []
    segment_questions: Annotated[list[SegmentQuestion], Meta(max_length=5)] = []
    consent_wording_version: str = "2026-01"
    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        ids = [r.id for r in self.rewards]
        if len(ids) != len(set(ids)):
            raise ValueError(RULES["unique_rewards"])
        if self.stamp_card and self.stamp_card.reward_id not in ids:
            raise ValueError(RULES["card_reward"].format(self.stamp_card.reward_id))

    def reward(self, reward_id: str) -> Reward:
        for r in self.rewards:
            if r.id == reward_id:
                return r
        raise InvalidInput(f"There is no reward {reward_id!r} in this shop's catalogue.")


def parse_config(text: str) -> ProgramConfig:
    """Validate a JSON programme configuration; raise InvalidInput naming the first problem."""
    return ProgramConfig.model_validate_json(text)


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
