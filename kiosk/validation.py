"""msgspec's validation errors as a person reads them: where (a path) and what is wrong.

The words are English templates with {0} for a figure; a screen translates the template
(ui/manager/programme.py lists them for Qt's translation tools) and fills in the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# msgspec's messages, and the words for each.
_MSGSPEC: tuple[tuple[str, str], ...] = (
    (r"Expected `int` >= (-?\d+)", "must be at least {0}"),
    (r"Expected `int` <= (-?\d+)", "must be at most {0}"),
    (r"Expected `str` of length >= (\d+)", "must have at least {0} characters"),
    (r"Expected `str` of length <= (\d+)", "must have at most {0} characters"),
    (r"Expected `array` of length <= (\d+)", "must have at most {0} entries"),
    (r"Expected `array` of length >= (\d+)", "must have at least {0} entries"),
    (r"Expected `str` matching regex .*", "is not in the allowed form"),
    (r"Expected `int`, got `\w+`", "must be a whole number"),
    (r"Expected `str`, got `\w+`", "must be text"),
    (r"Expected `bool`, got `\w+`", "must be true or false"),
    (r"Expected `object`, got `\w+`", "must be a group of fields"),
    (r"Expected `array`, got `\w+`", "must be a list"),
    (r"Object contains unknown field `([^`]*)`", "has an unknown field {0}"),
    (r"Object missing required field `([^`]*)`", "needs {0}"),
    (r"Invalid enum value (.*)", "cannot be {0}"),
    (r"JSON is malformed.*", "is not valid JSON"),
)

# The programme's own rules (kiosk.programs raises them in these words).
RULES = {
    "tiers_rise": "tiers must start at threshold 0 and rise",
    "priced_once": "reward {0} must cost either points or stamps",
    "unique_rewards": "reward ids must be unique",
    "card_reward": "the stamp card's reward {0} is not in the rewards",
}

TEMPLATES = frozenset([*(words for _pattern, words in _MSGSPEC), *RULES.values()])


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    # Compiled at the first refusal: every write imports this module, few are refused.
    return (
        *((re.compile(f"^{pattern}$"), words) for pattern, words in _MSGSPEC),
        *((re.compile("^" + re.escape(words).replace(r"\{0\}", "(.+)") + "$"), words)
          for words in RULES.values()),
    )


@dataclass(frozen=True)
class Problem:
    """One refusal: the path to the field, and the words as a template and its figures."""

    where: tuple[str, ...]
    template: str
    args: tuple[str, ...] = ()

    @property
    def words(self) -> str:
        """The words in English, figures filled in."""
        return self.template.format(*self.args)


def explain(message: str) -> Problem:
    """("Expected `int` >= 1 - at `$.items[0].quantity`") -> Problem(("items", "0",
    "quantity"), "must be at least {0}", ("1",)); other words are kept as they are."""
    what, _, at = message.partition(" - at `$")
    path = at.rstrip("`").replace("[", ".").replace("]", "")
    where = tuple(part for part in path.split(".") if part)
    for pattern, words in _patterns():
        found = pattern.match(what)
        if found:
            return Problem(where, words, found.groups())
    return Problem(where, "{0}", (what,))
