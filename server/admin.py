"""The admin API (/v1/admin): organisations, shops, pairing codes, revocation, programmes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy import Connection

from kiosk.errors import NotFound
from kiosk.programs import TEMPLATES
from server import ingest, programs, reports, tenants
from server.deps import ServerState, require_admin, state
from server.routes import errors
from server.schemas import (
    DailyReport,
    DeviceRevoked,
    OrgCreate,
    OrgCreated,
    PairingCreate,
    PairingCreated,
    ProgramPublish,
    ProgramPublished,
    ShopCreate,
    ShopCreated,
)
from sync.protocol import UUID_PATTERN, PushRequest, PushResponse

router = APIRouter(prefix="/v1/admin", tags=["admin"], dependencies=[Depends(require_admin)],
                   responses=errors(401, 403, 404, 409, 413, 422, 503))
State = Annotated[ServerState, Depends(state)]
Id = Annotated[str, Path(pattern=UUID_PATTERN)]


@router.post("/orgs", response_model=OrgCreated, status_code=201)
def create_org(body: OrgCreate, st: State) -> OrgCreated:
    """A new organisation with its own card prefix and card-signing key."""
    org = st.write(lambda conn: tenants.create_org(conn, st.clock, name=body.name,
                                                   timezone=body.timezone))
    return OrgCreated(id=org.id, name=org.name, code_prefix=org.code_prefix,
                      card_key=org.card_key, timezone=org.timezone)


Template = Literal["cafe", "points", "tiered", "none"]
Language = Literal["nb", "sv", "en"]  # kiosk.template_texts.LANGUAGES


@router.post("/orgs/{org_id}/shops", response_model=ShopCreated, status_code=201)
def create_shop(org_id: Id, body: ShopCreate, st: State,
                template: Annotated[Template, Query()] = "none",
                language: Annotated[Language, Query()] = "en") -> ShopCreated:
    """A new shop of an organisation; `?template=cafe` starts it with that programme, and
    `&language=nb` (or sv; en unless told) writes its rewards, coupons and question in the
    shop's language.

    A till paired to a shop with no programme cannot give its first stamp, so
    `klipp-server shop create` starts every shop from a template (cafe unless told), the way
    a till's own setup does. Over HTTP the default stays `none` for existing callers.
    """
    def create(conn: Connection) -> tenants.ShopRow:
        shop = tenants.create_shop(conn, st.clock, org_id=org_id, name=body.name,
                                   timezone=body.timezone, currency=body.currency)
        if template != "none":
            config = TEMPLATES[template](language, body.currency)
            programs.publish(conn, st.clock, shop_id=shop.id, config=config)
        return shop

    shop = st.write(create)
    return ShopCreated(id=shop.id, org_id=shop.org_id, name=shop.name, timezone=shop.timezone,
                       currency=shop.currency)


@router.post("/shops/{shop_id}/pairing", response_model=PairingCreated, status_code=201)
def create_pairing(shop_id: Id, st: State, body: PairingCreate | None = None) -> PairingCreated:
    """A one-time pairing code for a till of the shop (24 hours unless told otherwise)."""
    seconds = body.ttl_seconds if body and body.ttl_seconds else st.settings.pairing_ttl_seconds
    pairing = st.write(lambda conn: tenants.create_pairing(
        conn, st.clock, shop_id=shop_id, ttl=timedelta(seconds=seconds)))
    return PairingCreated(code=pairing.code, org_id=pairing.org_id, shop_id=pairing.shop_id,
                          expires_at=pairing.expires_at)


@router.delete("/devices/{device_id}", response_model=DeviceRevoked)
def revoke_device(device_id: Id, st: State) -> DeviceRevoked:
    """Revoke a till's token at once; it must enrol again with a new pairing code."""
    at = st.write(lambda conn: tenants.revoke_device(conn, st.clock, device_id))
    return DeviceRevoked(device_id=device_id, revoked_at=at)


@router.post("/shops/{shop_id}/programs", response_model=ProgramPublished, status_code=201)
def publish_program(shop_id: Id, body: ProgramPublish, st: State) -> ProgramPublished:
    """Publish the shop's next programme version; its tills pull it as an event."""
    done = st.write(lambda conn: programs.publish(conn, st.clock, shop_id=shop_id,
                                                  config=body.config))
    return ProgramPublished(shop_id=done.shop_id, version=done.version, event_id=done.event_id)


@router.post("/orgs/{org_id}/events", response_model=PushResponse)
def import_events(org_id: Id, body: PushRequest, st: State) -> PushResponse:
    """Import a till's export file (reset, reinstalled or moved till): each id kept once."""
    st.write(lambda conn: tenants.get_org(conn, org_id))
    return st.write(lambda conn: ingest.import_events(conn, st.clock, org_id, body.events)
                    ).response()


@router.get("/orgs/{org_id}/reports/daily", response_model=DailyReport)
def daily_report(org_id: Id, st: State, day: Annotated[date, Query()],
                 shop_id: Annotated[str | None, Query(pattern=UUID_PATTERN)] = None
                 ) -> JSONResponse:
    """The organisation's daily summary (all shops, or one) for its administrator."""
    def read(conn: Connection) -> dict[str, Any]:
        tenants.get_org(conn, org_id)
        if shop_id is not None and tenants.get_shop(conn, shop_id).org_id != org_id:
            raise NotFound("No such shop in this organisation.")
        return reports.daily(conn, org_id=org_id, day=day, shop_id=shop_id)

    return JSONResponse(jsonable_encoder(st.read(read)))
