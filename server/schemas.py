"""Bodies of the admin API and of answers that are the server's own (not the till contract)."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from sync.protocol import OrgIdentity, ShopIdentity, ShortText, Uuid


class _Admin(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    """Every 4xx and 5xx answer."""

    detail: str


class Health(BaseModel):
    status: str


class OrgCreate(_Admin):
    name: ShortText
    timezone: str = Field("Europe/Oslo", max_length=64)


class OrgCreated(OrgIdentity):
    timezone: str


class ShopCreate(_Admin):
    name: ShortText
    timezone: str = Field("Europe/Oslo", max_length=64)
    currency: str = Field("NOK", pattern=r"^[A-Za-z]{3}$")


class ShopCreated(ShopIdentity):
    org_id: Uuid


class PairingCreate(_Admin):
    ttl_seconds: int | None = Field(None, ge=60, le=7 * 86_400)


class PairingCreated(_Admin):
    code: str
    org_id: Uuid
    shop_id: Uuid
    expires_at: int  # UTC microseconds


class DeviceRevoked(_Admin):
    device_id: Uuid
    revoked_at: int


class ProgramPublish(_Admin):
    """A programme configuration (kiosk.programs.ProgramConfig as JSON)."""

    config: dict[str, Any]


class ProgramPublished(_Admin):
    shop_id: Uuid
    version: int
    event_id: Uuid


class _DailyReportBase(BaseModel):
    """kiosk.reports.Summary.as_dict(), plus what was asked."""

    model_config = ConfigDict(extra="allow")

    day: str
    shop_id: Uuid | None = None
    timezone: str


def _daily_report_model() -> type[BaseModel]:
    # Described from the core's Summary itself, so the OpenAPI follows it when it changes.
    try:
        from kiosk.reports import Summary
    except ModuleNotFoundError:  # pragma: no cover - the core's reports not there yet
        return _DailyReportBase
    hints = typing.get_type_hints(Summary)
    figures = {f.name: (hints[f.name], ...) for f in dataclasses.fields(Summary)}
    return create_model("DailyReport", __base__=_DailyReportBase, **figures)


DailyReport = _daily_report_model()
