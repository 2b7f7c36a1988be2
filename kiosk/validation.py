"""msgspec's validation errors as a person reads them: where (a path) and what is wrong."""

from __future__ import annotations

import re

# msgspec's words, most specific first, and how an owner or a log reads them.
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words) for pattern, words in (
        (r"^Expected `int` >= (-?\d+)$", r"must be at least \1"),
        (r"^Expected `int` <= (-?\d+)$", r"must be at most \1"),
        (r"^Expected `str` of length >= (\d+)$", r"must have at least \1 characters"),
        (r"^Expected `str` of length <= (\d+)$", r"must have at most \1 characters"),
        (r"^Expected `array` of length <= (\d+)$", r"must have at most \1 entries"),
        (r"^Expected `array` of length >= (\d+)$", r"must have at least \1 entries"),
        (r"^Expected `str` matching regex .*$", "is not in the allowed form"),
        (r"^Expected `int`, got `\w+`$", "must be a whole number"),
        (r"^Expected `str`, got `\w+`$", "must be text"),
        (r"^Expected `bool`, got `\w+`$", "must be true or false"),
        (r"^Expected `(object|array)`, got `\w+`$", r"must be an \1"),
        (r"^Object contains unknown field `([^`]*)`$", r"has an unknown field \1"),
        (r"^Object missing required field `([^`]*)`$", r"needs \1"),
        (r"^Invalid enum value (.*)$", r"cannot be \1"),
    ))


def explain(message: str) -> tuple[tuple[str, ...], str]:
    """("Expected `int` >= 1 - at `$.items[0].quantity`") -> (("items", "0", "quantity"),
    "must be at least 1"); a message without a path (a rule's own words) keeps its words."""
    what, _, at = message.partition(" - at `$")
    path = at.rstrip("`").replace("[", ".").replace("]", "")
    where = tuple(part for part in path.split(".") if part)
    for pattern, words in _PHRASES:
        if pattern.match(what):
            what = pattern.sub(words, what)
            break
    return where, what
