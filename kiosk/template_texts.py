"""The words a programme template writes into a new shop's programme, one table per language.

Reward and coupon names, the segment question and its choices, tier names: they are the
shop's data once the programme exists (the manager edits them under Programme), so they are
chosen once, in the shop's language, when a programme is made from a template; they are not
translated on screen. Ids (reward ids, the question's id) stay the same in every language, so
`klipp redeem kari free-coffee` works in any shop.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.errors import InvalidInput

LANGUAGES = ("nb", "sv", "en")


@dataclass(frozen=True)
class TemplateTexts:
    """Every text the templates need; a dataclass, so no language can leave one out."""

    # The café stamp card
    cafe_name: str
    free_coffee: str
    free_pastry: str
    cafe_welcome: str
    cafe_birthday: str
    milk_question: str
    milk_choices: tuple[str, str, str, str]  # black, with milk, oat milk, something else
    # The points shop
    points_name: str
    points_welcome: str
    tote_bag: str
    gift_card: str
    # Tiers
    tiers_name: str
    tier_names: tuple[str, str, str]  # lowest first
    tiered_birthday: str
    dessert: str
    dinner_for_two: str


TEXTS: dict[str, TemplateTexts] = {
    "en": TemplateTexts(
        cafe_name="Coffee card",
        free_coffee="Free coffee",
        free_pastry="Free pastry",
        cafe_welcome="Welcome: a free pastry",
        cafe_birthday="Happy birthday: a coffee on us",
        milk_question="How do you take your coffee?",
        milk_choices=("black", "milk", "oat", "other"),
        points_name="Points",
        points_welcome="Welcome: {amount} off",
        tote_bag="Tote bag",
        gift_card="{amount} gift card",
        tiers_name="Tiers",
        tier_names=("bronze", "silver", "gold"),
        tiered_birthday="Birthday: double treat",
        dessert="Dessert",
        dinner_for_two="Dinner for two",
    ),
    "nb": TemplateTexts(
        cafe_name="Kaffekort",
        free_coffee="Gratis kaffe",
        free_pastry="Gratis bakst",
        cafe_welcome="Velkommen: gratis bakst",
        cafe_birthday="Gratulerer med dagen: kaffe på huset",
        milk_question="Hvordan drikker du kaffen?",
        milk_choices=("svart", "med melk", "havremelk", "annet"),
        points_name="Poeng",
        points_welcome="Velkommen: {amount} rabatt",
        tote_bag="Handlenett",
        gift_card="Gavekort på {amount}",
        tiers_name="Medlemsnivåer",
        tier_names=("bronse", "sølv", "gull"),
        tiered_birthday="Bursdag: dessert på huset",
        dessert="Dessert",
        dinner_for_two="Middag for to",
    ),
    "sv": TemplateTexts(
        cafe_name="Kaffekort",
        free_coffee="Gratis kaffe",
        free_pastry="Gratis bakverk",
        cafe_welcome="Välkommen: gratis bakverk",
        cafe_birthday="Grattis på födelsedagen: kaffe på huset",
        milk_question="Hur dricker du ditt kaffe?",
        milk_choices=("svart", "med mjölk", "havremjölk", "annat"),
        points_name="Poäng",
        points_welcome="Välkommen: {amount} rabatt",
        tote_bag="Tygkasse",
        gift_card="Presentkort på {amount}",
        tiers_name="Medlemsnivåer",
        tier_names=("brons", "silver", "guld"),
        tiered_birthday="Födelsedag: efterrätt på huset",
        dessert="Efterrätt",
        dinner_for_two="Middag för två",
    ),
}


def texts_for(language: str) -> TemplateTexts:
    """The template texts of a language (nb, sv or en); InvalidInput for any other."""
    try:
        return TEXTS[language]
    except KeyError:
        raise InvalidInput(
            f"No programme texts in {language!r}; choose one of {', '.join(LANGUAGES)}."
        ) from None
