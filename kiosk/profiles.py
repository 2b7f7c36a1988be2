"""A member's profile: its fields, how each is cleaned and bounded, and last-writer-wins merge.

The one definition used by a till's registration and edit, by a profile pulled from the
server, and by the server when a till pushes one: a value the till would refuse to store is
refused everywhere (the server answers 4xx and stores nothing).

Personal data never travels in events; profiles travel on their own, field by field, each
stamped with a hybrid logical clock (kiosk.hlc). The higher stamp wins; equal stamps are the
same write arriving again.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from kiosk.errors import InvalidInput

if TYPE_CHECKING:
    from kiosk.programs import ProgramConfig

# The fields that travel, in wire and column order.
FIELDS = ("name", "phone", "email", "birthday", "segments_json")
PERSONAL = ("name", "phone", "email", "birthday")
LIMITS = {"name": 80, "phone": 20, "email": 260, "birthday": 10, "segments_json": 2000}
MAX_SEGMENT_ANSWER = 200

# What people type around a number; letters (vanity numbers, "ext.") are refused.
_PHONE_TYPED = re.compile(r"[0-9+\s\-()./]{3,40}")
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,24}$")
_QUOTE = 40


def quoted(text: str) -> str:
    """A short, safe quotation of user input for a message (never the whole of a huge input)."""
    cut = text[:_QUOTE]
    return repr(cut + "…" if len(text) > _QUOTE else cut)


def clean_name(text: str) -> str:
    """A name or nickname: inner whitespace collapsed, 1 to 80 printable characters."""
    name = " ".join(text.split())
    if not 1 <= len(name) <= LIMITS["name"] or not name.isprintable():
        raise InvalidInput("A name or nickname must be 1 to 80 printable characters.")
    return name


def normalise_phone(text: str, region: str | None = None) -> str:
    """A typed phone number in E.164 (`+4741234567`), by libphonenumber's rules.

    `region` is the shop's country (ISO 3166 alpha-2, e.g. "NO"): a number typed without its
    country code is read as that country's. Spaces, dashes, brackets, a leading `00` or `+`
    are fine; a number that is not valid for any country is refused.
    """
    typed = text.strip()
    if not _PHONE_TYPED.fullmatch(typed):
        raise InvalidInput(f"{quoted(text)} is not a phone number.")
    # Imported only for text shaped like a number: a name typed at the till never pays it.
    import phonenumbers

    digits = re.sub(r"[\s\-()./]", "", typed)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not digits.startswith("+") and region is None:
        raise InvalidInput(f"{quoted(text)}: give the country code too (e.g. +47).")
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        raise InvalidInput(f"{quoted(text)} is not a phone number.") from None
    if not phonenumbers.is_valid_number(number):
        where = "" if digits.startswith("+") or region is None else f" in {region}"
        hint = "" if digits.startswith("+") else " (for another country, start with + and its code)"
        raise InvalidInput(f"{quoted(text)} is not a phone number{where}{hint}.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str | None, region: str | None = None) -> str:
    """A stored number as people write it: `458 12 667` for the shop's own country,
    `+46 70 123 45 67` for another; what cannot be parsed is shown as stored."""
    if not e164:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    home = region is not None and phonenumbers.region_code_for_number(number) == region
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if home
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, style)


def _received_phone(value: str) -> str:
    # What travels between tills and the server must already be E.164. Only whether the
    # number is possible (its length per country) is checked, not today's allocated ranges:
    # a server or till with older phone metadata must not refuse a number a newer one took.
    import phonenumbers

    if not _E164.fullmatch(value):
        raise ValueError
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        raise ValueError from None
    if not phonenumbers.is_possible_number(number):
        raise ValueError
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# Letters a Nordic reader sees as the same letter, written in another Nordic language.
_NORDIC_SAME = str.maketrans({"ä": "æ", "ö": "ø", "ð": "d", "þ": "th", "ł": "l", "đ": "d"})
# Kept whole by accent stripping: distinct letters in Norwegian, Danish and Swedish.
_KEEP = frozenset("åæø")
_NOT_WORD = re.compile(r"[^\w]+|_+")


def fold_name(text: str) -> str:
    """A name's search key: lower case, accents folded the Nordic way, words split by spaces.

    å, æ and ø stay letters of their own (`o` does not find `ø`); ä is æ and ö is ø, the
    same letters in Swedish; other accents go (`é` is `e`, `ü` is `u`); `aa` is `å`, as in
    old spellings (Aase, Haaland) and the phone book. Punctuation separates words, except
    apostrophes, which join (O'Brien is `obrien`). Only letters, digits and single spaces
    remain, so a word boundary is always a space.
    """
    text = unicodedata.normalize("NFC", text).casefold().translate(_NORDIC_SAME)
    out = []
    for ch in text:
        if ch in _KEEP:
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)
        out.append("".join(c for c in base if not unicodedata.combining(c)))
    folded = re.sub(r"['’`´]", "", "".join(out))
    return " ".join(_NOT_WORD.sub(" ", folded).split()).replace("aa", "å")


def clean_email(text: str) -> str | None:
    """An e-mail address in lower case, or None for an empty one."""
    email = text.strip()
    if email and (len(email) > LIMITS["email"] or not _EMAIL.match(email)):
        raise InvalidInput(f"{quoted(email)} is not an e-mail address.")
    return email.lower() or None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LOCAL_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_LOCAL_DAY_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})\.?")


def parse_day(text: str) -> date:
    """A calendar day as people in the shop write it: `01.12.2026`, `1.12.2026` or ISO.

    The Nordic form is day first (day.month.year); slashes are refused rather than guessed,
    since 01/12 is the 1st of December to a Norwegian and 12 January to an American.
    """
    typed = text.strip()
    try:
        if _ISO_DAY.fullmatch(typed):
            return date.fromisoformat(typed)
        local = _LOCAL_DAY.fullmatch(typed)
        if local:
            day, month, year = (int(g) for g in local.groups())
            return date(year, month, day)
    except ValueError:
        raise InvalidInput(f"{quoted(typed)} is not a date that exists.") from None
    raise InvalidInput(f"{quoted(typed)} is not a date (use 01.12.2026 or 2026-12-01).")


def parse_birthday(text: str) -> str:
    """A birthday for storage: YYYY-MM-DD, or 1904-MM-DD when the year is not given.

    Accepts ISO (`1985-02-28`), the local form (`28.02.1985`, `1.2.1985`), and without a
    year `MM-DD` or `28.02.` / `28.2` (1904 is a leap year, so 29 February fits).
    """
    text = text.strip()
    try:
        if re.fullmatch(r"\d{2}-\d{2}", text):
            return date.fromisoformat(f"1904-{text}").isoformat()
        no_year = _LOCAL_DAY_MONTH.fullmatch(text)
        if no_year:
            return date(1904, int(no_year.group(2)), int(no_year.group(1))).isoformat()
    except ValueError:
        raise InvalidInput(f"{quoted(text)} is not a date that exists.") from None
    try:
        day = parse_day(text)
    except InvalidInput:
        raise InvalidInput(
            f"{quoted(text)} is not a date (use 28.02.1985, 1985-02-28 or 28.02 without a year)."
        ) from None
    if not 1900 <= day.year <= date.today().year:
        raise InvalidInput(f"{quoted(text)} is not a plausible birthday.")
    return day.isoformat()


def clean_profile(name: str | None, phone: str | None, email: str | None,
                  birthday: str | None, *, region: str | None = None) -> dict[str, str | None]:
    """The given fields cleaned for storage; None means "not given", "" means "clear it".

    `region`: the shop's country, for phone numbers typed without a country code.
    """
    out: dict[str, str | None] = {}
    if name is not None:
        out["name"] = clean_name(name)
    if phone is not None:
        out["phone"] = normalise_phone(phone, region) if phone.strip() else None
    if email is not None:
        out["email"] = clean_email(email)
    if birthday is not None:
        out["birthday"] = parse_birthday(birthday) if birthday.strip() else None
    return out


def clean_segments(answers: Mapping[str, str], program: ProgramConfig) -> dict[str, str]:
    """Answers to the shop's segment questions, checked against the questions and choices."""
    questions = {q.id: q for q in program.segment_questions}
    out = {}
    for key, value in answers.items():
        q = questions.get(key)
        if q is None:
            raise InvalidInput(f"This shop asks no question {quoted(str(key))}.")
        value = " ".join(str(value).split())[:MAX_SEGMENT_ANSWER]
        if q.choices and value not in q.choices:
            raise InvalidInput(f"Answer to {quoted(key)} must be one of {', '.join(q.choices)}.")
        out[key] = value
    return out


def _clean_received(name: str, value: str) -> str | None:
    if name == "name":
        return clean_name(value)
    if name == "phone":
        return _received_phone(value)
    if name == "email":
        return clean_email(value)
    if name == "birthday":
        return parse_birthday(value)
    answers = json.loads(value)
    if not isinstance(answers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_SEGMENT_ANSWER
            and v.isprintable() for k, v in answers.items()):
        raise ValueError
    return value


def refusal(name: str, value: str | None) -> str | None:
    """Why a received value of a profile field cannot be stored, or None when it can.

    A received value must be exactly what this module's cleaning makes of it: the same rule
    for what a till stores from its own screen, what it accepts from a pull, and what the
    server accepts from a push.
    """
    if name not in FIELDS:
        return f"unknown profile field {quoted(name)}"
    if value is None:
        return "segment answers cannot be empty" if name == "segments_json" else None
    if len(value) > LIMITS[name] or not value.isprintable():
        return f"{name} is longer than {LIMITS[name]} characters or not printable"
    try:
        cleaned = _clean_received(name, value)
    except (InvalidInput, ValueError):
        return f"{name} is not a valid value"
    if cleaned != value:
        return f"{name} is not in its stored form"
    return None


def wins(received: str, held: str | None) -> bool:
    """Whether a received stamp beats the one held (plain string order; a tie is a repeat)."""
    return held is None or received > held
