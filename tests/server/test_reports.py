"""The daily report across shops, by the core's report queries on the server's event table."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from kiosk.clock import to_micros


def _at(hour: int, minute: int = 0, day: int = 17) -> int:
    return to_micros(datetime(2026, 11, day, hour, minute, tzinfo=UTC))


def test_daily_report_for_a_shop_and_for_the_organisation(make_tenant) -> None:
    tenant = make_tenant("Rapport AS", timezone="Europe/Oslo")
    town, harbour = tenant.till(), tenant.till(tenant.shop_of("Havna")["id"])
    kari, ola = str(uuid.uuid4()), str(uuid.uuid4())
    town.push(
        town.event("member_registered", member_id=kari, ts=_at(9)),
        town.event("purchase", member_id=kari, amount_minor=4500, points=4, currency="NOK",
                   ts=_at(9, 5)),
        town.event("stamp", member_id=kari, stamps=2, ts=_at(9, 6)),
        # 23:30 UTC on the 16th is 00:30 on the 17th in Oslo: it counts for the 17th.
        town.event("stamp", member_id=ola, stamps=1, ts=_at(23, 30, day=16)),
        # 23:30 UTC on the 17th is already the 18th in Oslo: not counted.
        town.event("stamp", member_id=ola, stamps=5, ts=_at(23, 30)),
    )
    harbour.push(
        harbour.event("redeem", member_id=kari, stamps=-10, reward_id="free-coffee",
                      ts=_at(14)),
        harbour.event("purchase", member_id=ola, amount_minor=1000, currency="NOK",
                      ts=_at(15)),
    )
    stranger = make_tenant("Andre AS").till()
    stranger.push(stranger.event("purchase", member_id=kari, amount_minor=999_999,
                                 currency="NOK", ts=_at(10)))

    whole = town.request("GET", "/v1/reports/daily", params={"day": "2026-11-17"})
    assert whole.status_code == 200, whole.text
    report = whole.json()
    assert (report["day"], report["shop_id"], report["timezone"]) == (
        "2026-11-17", None, "Europe/Oslo")
    assert report["new_members"] == 1
    assert report["stamps_given"] == 3
    assert report["member_revenue_minor"] == 5500 and report["currency"] == "NOK"
    assert report["rewards_redeemed"] == {"free-coffee": 1}
    assert report["visits"] == 2 and report["unique_members"] == 2

    one = town.request("GET", "/v1/reports/daily",
                       params={"day": "2026-11-17", "shop_id": town.shop_id}).json()
    assert one["shop_id"] == town.shop_id
    assert one["member_revenue_minor"] == 4500 and one["rewards_redeemed"] == {}
    assert one["stamps_given"] == 3


def test_report_parameters_are_checked(tenant) -> None:
    till = tenant.till()
    for params in ({}, {"day": "yesterday"}, {"day": "2026-02-30"}, {"day": "0001-01-01"},
                   {"day": "9999-12-31"}, {"day": "2026-11-17", "shop_id": "x"}):
        response = till.request("GET", "/v1/reports/daily", params=params)
        assert response.status_code == 422, params
    missing = till.request("GET", "/v1/reports/daily",
                           params={"day": "2026-11-17", "shop_id": str(uuid.uuid4())})
    assert missing.status_code == 404
