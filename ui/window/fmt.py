"""Words and numbers for people: money, times and actions in the shop's language and locale."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import QDate, QLocale

from kiosk.errors import CardRefused, InsufficientBalance, KlippError, LimitReached
from kiosk.numbers import is_digits

LOCALES = {"nb": "nb_NO", "sv": "sv_SE", "en": "en_GB"}
_SYMBOLS = {"NOK": "kr", "SEK": "kr", "DKK": "kr", "EUR": "€", "USD": "$", "GBP": "£"}


class Formats:
    """Formatting in one language for one shop (currency and time zone)."""

    def __init__(self, language: str = "nb", *, currency: str = "NOK",
                 timezone: str = "Europe/Oslo") -> None:
        self.language = language if language in LOCALES else "nb"
        self.locale = QLocale(LOCALES[self.language])
        self.currency = currency
        self.tz = ZoneInfo(timezone)

    def money(self, minor: int) -> str:
        """'kr 89,50' in Bokmål, '89,50 kr' in Swedish (display only; amounts stay integers)."""
        symbol = _SYMBOLS.get(self.currency, self.currency)
        sign = "-" if minor < 0 else ""
        major, cents = divmod(abs(minor), 100)
        # Built from integers so no float ever touches an amount; the pattern comes from QLocale.
        pattern = self.locale.toCurrencyString(1.0, symbol)
        number = f"{self.locale.toString(major)}{self.locale.decimalPoint()}{cents:02d}"
        one = f"1{self.locale.decimalPoint()}00"
        return sign + pattern.replace(one, number)

    def parse_amount(self, text: str) -> int | None:
        """Minor units from keypad text like '89,5' or '89.50'; None when it is not an amount."""
        text = text.strip().replace(" ", "").replace("\u00a0", "")
        if not text:
            return None
        text = text.replace(self.locale.decimalPoint(), ".").replace(",", ".")
        whole, _, frac = text.partition(".")
        if not is_digits(whole) and whole != "" or (frac and not is_digits(frac)) or len(frac) > 2:
            return None
        if len(whole) > 9:
            return None
        return int(whole or 0) * 100 + int((frac + "00")[:2])

    def time(self, micros: int) -> str:
        """'09:41:07' in the shop's time zone."""
        when = datetime.fromtimestamp(micros / 1_000_000, UTC).astimezone(self.tz)
        return when.strftime("%H:%M:%S")

    def day(self, day: date) -> str:
        """'2. des. 2026'."""
        return self.locale.toString(QDate(day.year, day.month, day.day), "d. MMM yyyy")

    def moment(self, micros: int, now: int) -> str:
        """'09:41:07' today; '2. des. 2026 18:53:08' on another day (a cashier must never
        take yesterday's last action for one made a minute ago)."""
        return self._at(micros, now, "%H:%M:%S")

    def when(self, micros: int, now: int) -> str:
        """A time today, or a day and time for older actions."""
        return self._at(micros, now, "%H:%M")

    def _at(self, micros: int, now: int, clock: str) -> str:
        when = datetime.fromtimestamp(micros / 1_000_000, UTC).astimezone(self.tz)
        today = datetime.fromtimestamp(now / 1_000_000, UTC).astimezone(self.tz).date()
        if when.date() == today:
            return when.strftime(clock)
        return f"{self.day(when.date())} {when.strftime(clock)}"

    def phone(self, e164: str | None) -> str:
        """A stored number as people write it: national for the shop's own country
        ('45 81 26 67'), international for another ('+46 70 123 45 67')."""
        from kiosk.profiles import display_phone
        from kiosk.shops import region_of

        return display_phone(e164, region_of(self.tz.key, self.currency))

    def birthday(self, stored: str | None) -> str:
        """A stored birthday (YYYY-MM-DD) as the shop writes it and the till reads it back:
        '17.05.1990' in Bokmål, ISO in Swedish and English (slashes are never read back);
        a birthday without a year (kept as 1904) stays as stored."""
        if not stored:
            return ""
        if self.language != "nb" or stored.startswith("1904-") or len(stored) != 10:
            return stored
        year, month, day = stored.split("-")
        return f"{day}.{month}.{year}"

    def countdown(self, seconds: int) -> str:
        minutes, secs = divmod(max(seconds, 0), 60)
        return f"{minutes}:{secs:02d}"


def stamps_text(n: int) -> str:
    if n == 1:
        return Q.translate("fmt", "+1 stamp")
    return Q.translate("fmt", "+{0} stamps").format(n)


def action_text(f: Formats, *, kind: str, stamps: int = 0, points: int = 0,
                amount_minor: int = 0, cashback_minor: int = 0, title: str | None = None,
                reversed_kind: str | None = None) -> str:
    """A member's action in a few words: '+1 stamp', 'Purchase kr 89,50: +8 points'."""
    if kind == "stamp":
        return stamps_text(stamps)
    if kind == "purchase":
        gains = []
        if points:
            gains.append(Q.translate("fmt", "+{0} points").format(points))
        if cashback_minor:
            gains.append(Q.translate("fmt", "+{0} cashback").format(f.money(cashback_minor)))
        if stamps:
            gains.append(stamps_text(stamps))
        head = Q.translate("fmt", "Purchase {0}").format(f.money(amount_minor))
        return f"{head}: {', '.join(gains)}" if gains else head
    if kind == "redeem":
        return Q.translate("fmt", "Redeemed {0}").format(title or "")
    if kind == "coupon_used":
        return Q.translate("fmt", "Used coupon: {0}").format(title or "")
    if kind == "cashback_spent":
        return Q.translate("fmt", "Paid {0} with cashback").format(f.money(-cashback_minor))
    if kind == "reversal":
        return Q.translate("fmt", "Undone: {0}").format(
            action_text(f, kind=reversed_kind or "", stamps=-stamps, points=-points,
                        amount_minor=-amount_minor, cashback_minor=-cashback_minor,
                        title=title) if reversed_kind else "")
    if kind == "member_registered":
        return Q.translate("fmt", "Joined")
    if kind == "adjustment":
        return Q.translate("fmt", "Corrected by a manager")
    if kind == "points_expired":
        return Q.translate("fmt", "Points expired")
    return kind


def last_line(f: Formats, last: object | None, now: int) -> str:
    """'Last: +1 stamp for Kari, 09:41:07' (after a restart too), with its day when that was
    not today (`now`, the till's clock in micros), or nothing yet."""
    if last is None:
        return Q.translate("fmt", "No actions on this till yet.")
    text = action_text(f, kind=last.kind, stamps=last.stamps, points=last.points,  # type: ignore[attr-defined]
                       amount_minor=last.amount_minor, cashback_minor=last.cashback_minor,  # type: ignore[attr-defined]
                       title=last.title, reversed_kind=last.reversed_kind)  # type: ignore[attr-defined]
    name = last.member_name or Q.translate("fmt", "an erased member")  # type: ignore[attr-defined]
    if last.kind == "member_registered":  # type: ignore[attr-defined]
        return Q.translate("fmt", "Last: {0} joined, {1}").format(name, f.moment(last.ts, now))  # type: ignore[attr-defined]
    return Q.translate("fmt", "Last: {0} for {1}, {2}").format(text, name, f.moment(last.ts, now))  # type: ignore[attr-defined]


def refusal_reason(exc: CardRefused) -> str:
    """The core's reason for a refused card, also from its message on an older core."""
    reason = getattr(exc, "reason", None)
    if reason:
        return str(reason)
    text = str(exc).lower()
    for needle, found in (("revoked", "revoked"), ("erased", "erased"),
                          ("another organisation", "foreign"), ("forged", "forged"),
                          ("not known", "unknown"), ("not a klipp card", "unreadable")):
        if needle in text:
            return found
    return "unreadable"


def refusal_text(exc: KlippError) -> str:
    """A refusal in the shop's language, naming what the cashier can do."""
    if isinstance(exc, CardRefused):
        reason = refusal_reason(exc)
        texts = {
            "revoked": Q.translate("fmt", "This card has been blocked. Ask for the new card."),
            "erased": Q.translate("fmt", "This card's member has left the programme."),
            "foreign": Q.translate("fmt", "This is another shop's card."),
            "forged": Q.translate("fmt", "This card code is not valid (mistyped or forged)."),
            "unknown": Q.translate(
                "fmt", "This card is not on this till yet. Try again after the next sync."),
            "unreadable": Q.translate("fmt", "That code is not a loyalty card."),
        }
        return texts.get(reason, str(exc))
    if isinstance(exc, InsufficientBalance):
        return Q.translate("fmt", "Not enough on the card: {0}").format(str(exc))
    if isinstance(exc, LimitReached):
        return Q.translate("fmt", "Limit reached: {0}").format(str(exc))
    return str(exc)
