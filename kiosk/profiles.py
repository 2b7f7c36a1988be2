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

_PHONE = re.compile(r"^\+?[0-9]{5,15}$")
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


def normalise_phone(text: str) -> str:
    """Digits with an optional leading +; spaces, dashes and brackets are dropped."""
    phone = re.sub(r"[\s\-().]", "", text)
    if phone.startswith("00"):
        phone = "+" + phone[2:]
    if not _PHONE.match(phone):
        raise InvalidInput(f"{quoted(text)} is not a phone number.")
    return phone


def clean_email(text: str) -> str | None:
    """An e-mail address in lower case, or None for an empty one."""
    email = text.strip()
    if email and (len(email) > LIMITS["email"] or not _EMAIL.match(email)):
        raise InvalidInput(f"{quoted(email)} is not an e-mail address.")
    return email.lower() or None


def parse_birthday(text: str) -> str:
    """YYYY-MM-DD, or MM-DD when the year is not given (stored as 1904-MM-DD, a leap year)."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{2}-\d{2}", text):
            return date.fromisoformat(f"1904-{text}").isoformat()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{quoted(text)} is not a date (use YYYY-MM-DD or MM-DD).") from None
    if not 1900 <= day.year <= date.today().year:
        raise InvalidInput(f"{quoted(text)} is not a plausible birthday.")
    return day.isoformat()


def clean_profile(name: str | None, phone: str | None, email: str | None,
                  birthday: str | None) -> dict[str, str | None]:
    """The given fields cleaned for storage; None means "not given", "" means "clear it"."""
    out: dict[str, str | None] = {}
    if name is not None:
        out["name"] = clean_name(name)
    if phone is not None:
        out["phone"] = normalise_phone(phone) if phone.strip() else None
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
        return normalise_phone(value)
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
