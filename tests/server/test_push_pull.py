"""Push (each id at most once, refusals with reasons) and pull (the org's events by cursor)."""

from __future__ import annotations

import json
import threading
import uuid

import psycopg

from kiosk.programs import cafe_template
from server.cli import main
from server.tenants import server_device_id
from tests.support.live_server import LiveServer


def _count(pg: psycopg.Connection, org_id: str) -> int:
    return pg.execute("SELECT count(*) FROM event WHERE org_id = %s", (org_id,)).fetchone()[0]


def test_the_same_batch_twice_is_all_duplicates(tenant, pg: psycopg.Connection) -> None:
    till = tenant.till()
    member = str(uuid.uuid4())
    batch = [till.event(member_id=member, stamps=1) for _ in range(50)]
    first = till.push(*batch)
    assert first["accepted"] == [e["id"] for e in batch]
    assert first["duplicate"] == [] and first["rejected"] == []
    second = till.push(*batch)
    assert second == {"accepted": [], "duplicate": [e["id"] for e in batch], "rejected": []}
    assert _count(pg, till.org_id) == 50


def test_points_and_stamps_are_kept_as_sent_even_below_zero(tenant, pg) -> None:
    till = tenant.till()
    member = str(uuid.uuid4())
    done = till.push(till.event("redeem", member_id=member, stamps=-10, reward_id="free-coffee"),
                     till.event("purchase", member_id=member, amount_minor=12_345, points=7,
                                cashback_minor=3, currency="NOK"))
    assert len(done["accepted"]) == 2
    rows = pg.execute("SELECT kind, stamps, points, amount_minor, cashback_minor FROM event"
                      " WHERE member_id = %s ORDER BY seq", (member,)).fetchall()
    assert rows == [("redeem", -10, 0, 0, 0), ("purchase", 0, 7, 12_345, 3)]


def test_the_same_id_with_other_content_is_refused(server: LiveServer, tenant, pg) -> None:
    till = tenant.till()
    original = till.event(stamps=1, member_id=str(uuid.uuid4()))
    till.push(original)
    forged = {**original, "stamps": 5}
    answer = till.push(forged)
    assert answer["accepted"] == [] and answer["duplicate"] == []
    assert answer["rejected"][0]["id"] == original["id"]
    assert "different content" in answer["rejected"][0]["reason"]
    stored = pg.execute("SELECT stamps FROM event WHERE id = %s", (original["id"],)).fetchone()
    assert stored == (1,)
    assert f"refused event {original['id']}" in server.log_text()


def test_repeats_inside_one_batch(tenant, pg) -> None:
    till = tenant.till()
    a = till.event(stamps=1)
    answer = till.push(a, a, {**a, "stamps": 2})
    assert answer["accepted"] == [a["id"]]
    assert answer["duplicate"] == [a["id"]]
    assert [r["id"] for r in answer["rejected"]] == [a["id"]]
    assert _count(pg, till.org_id) == 1


def test_a_reused_sequence_number_is_refused(tenant, pg) -> None:
    till = tenant.till()
    first = till.event(stamps=1)
    till.push(first)
    clash = {**till.event(stamps=1), "seq": first["seq"]}
    answer = till.push(clash)
    assert answer["rejected"] == [{"id": clash["id"], "reason": answer["rejected"][0]["reason"]}]
    assert "sequence number" in answer["rejected"][0]["reason"]
    assert _count(pg, till.org_id) == 1


def test_events_of_another_org_device_or_shop_are_refused(make_tenant, pg) -> None:
    mine, theirs = make_tenant(), make_tenant("Andre AS")
    till, stranger = mine.till(), theirs.till()
    colleague = mine.till()
    other_shop = mine.shop_of()
    good = till.event(stamps=1)
    bad = {
        "org": till.event(org_id=stranger.org_id),
        "device": till.event(device_id=colleague.device_id),
        "shop": till.event(shop_id=other_shop["id"]),
        "foreign": stranger.event(),
    }
    answer = till.push(good, *bad.values())
    assert answer["accepted"] == [good["id"]]
    reasons = {r["id"]: r["reason"] for r in answer["rejected"]}
    assert "another organisation" in reasons[bad["org"]["id"]]
    assert "another device" in reasons[bad["device"]["id"]]
    assert "another shop" in reasons[bad["shop"]["id"]]
    assert "another organisation" in reasons[bad["foreign"]["id"]]
    assert _count(pg, mine.org["id"]) == 1 and _count(pg, theirs.org["id"]) == 0
    # An event of no particular shop (shop_id null) is fine.
    assert till.push(till.event(shop_id=None))["accepted"]


def test_events_other_tills_could_not_fold_are_refused(tenant, pg) -> None:
    till = tenant.till()
    member = str(uuid.uuid4())
    # A payload that does not fit its kind (kiosk.events) refuses the whole batch.
    for bad in (till.event("card_issued", member_id=member, payload="{}"),
                till.event("coupon_issued", member_id=member, coupon_id=str(uuid.uuid4()),
                           payload='{"title": "x"}'),
                till.event("program_published",
                           payload='{"version": 1, "config": {"rewards": 7}}')):
        response = till.request("POST", "/v1/events", json={"events": [till.event(), bad]})
        assert response.status_code == 422, response.text
        assert bad["kind"] in response.json()["detail"]
    # Columns a kind needs, and text no database can keep: that event alone is refused.
    broken = [
        till.event("coupon_used", member_id=member),
        till.event("card_issued", payload=json.dumps({"card_hash": "ab" * 32})),
        till.event("stamp", tier="gold\x00"),
    ]
    answer = till.push(*broken)
    assert answer["accepted"] == []
    assert len(answer["rejected"]) == len(broken)
    assert _count(pg, till.org_id) == 0


def test_pull_pages_through_the_org_in_server_order(make_tenant) -> None:
    tenant, other = make_tenant(), make_tenant("Andre AS")
    a, b = tenant.till(), tenant.till(tenant.shop_of()["id"])
    other.till().push(other.till().event())  # another organisation's event, never pulled
    pushed = []
    for _ in range(3):
        batch_a = [a.event(stamps=1) for _ in range(4)]
        batch_b = [b.event(points=2) for _ in range(3)]
        a.push(*batch_a)
        b.push(*batch_b)
        pushed += [e["id"] for e in batch_a + batch_b]

    seen, cursor, pages = [], 0, 0
    while True:
        page = a.pull(after=cursor, limit=5)
        pages += 1
        seen += [e["id"] for e in page["events"]]
        seqs = [e["server_seq"] for e in page["events"]]
        assert seqs == sorted(seqs) and all(s > cursor for s in seqs)
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert seen == pushed  # every event once, in the order the server took them
    assert pages == 5
    empty = a.pull(after=cursor)
    assert empty == {"events": [], "cursor": cursor, "more": False}


def test_a_pulled_event_is_the_event_pushed(tenant) -> None:
    till = tenant.till()
    sent = till.event("purchase", member_id=str(uuid.uuid4()), amount_minor=4500, points=4,
                      currency="SEK", payload='{"items": [{"category": "k\\u00e5ffe",'
                                              ' "amount_minor": 2250, "quantity": 2}]}')
    till.push(sent)
    (got,) = till.pull()["events"]
    assert {k: v for k, v in got.items() if k != "server_seq"} == sent


def test_member_events_for_self_repair(tenant) -> None:
    a, b = tenant.till(), tenant.till()
    member, bystander = str(uuid.uuid4()), str(uuid.uuid4())
    a.push(a.event(member_id=member, stamps=1), a.event(member_id=bystander, stamps=1))
    b.push(b.event(member_id=member, stamps=2))
    response = a.request("GET", f"/v1/members/{member}/events")
    assert response.status_code == 200
    events = response.json()["events"]
    assert [(e["device_id"], e["stamps"]) for e in events] == [(a.device_id, 1), (b.device_id, 2)]


def test_a_programme_published_by_the_admin_reaches_the_tills(server: LiveServer, tenant,
                                                              pg) -> None:
    till = tenant.till()
    config = cafe_template().model_dump(mode="json")
    first = server.admin_publish_program(tenant.shop["id"], config)
    second = server.admin_publish_program(tenant.shop["id"], config)
    assert (first["version"], second["version"]) == (1, 2)
    events = till.pull()["events"]
    assert [e["kind"] for e in events] == ["program_published"] * 2
    assert events[0]["shop_id"] == tenant.shop["id"]
    assert events[0]["device_id"] == server_device_id(tenant.org["id"])
    assert [e["seq"] for e in events] == [1, 2]
    versions = pg.execute("SELECT version FROM program WHERE shop_id = %s ORDER BY version",
                          (tenant.shop["id"],)).fetchall()
    assert versions == [(1,), (2,)]
    bad = server.admin("POST", f"/shops/{tenant.shop['id']}/programs",
                       {"config": {"rewards": "many"}})
    assert bad.status_code == 422


def test_a_programme_published_on_a_till_is_recorded(server: LiveServer, tenant, pg) -> None:
    till = tenant.till()
    payload = json.dumps({"config": cafe_template().model_dump(mode="json"), "version": 3})
    assert till.push(till.event("program_published", payload=payload))["accepted"]
    row = pg.execute("SELECT version FROM program WHERE shop_id = %s", (till.shop_id,)).fetchone()
    assert row == (3,)
    assert server.admin_publish_program(till.shop_id, {})["version"] == 4


def test_concurrent_pushes_never_make_a_puller_skip(tenant) -> None:
    tills = [tenant.till() for _ in range(4)]
    sent: set[str] = set()
    lock = threading.Lock()
    done = threading.Event()

    def pusher(till) -> None:
        for _ in range(6):
            batch = [till.event(stamps=1) for _ in range(25)]
            till.push(*batch)
            with lock:
                sent.update(e["id"] for e in batch)

    seen: list[str] = []

    def puller() -> None:
        cursor = 0
        while True:
            finished = done.is_set()
            page = tills[0].pull(after=cursor, limit=40)
            seen.extend(e["id"] for e in page["events"])
            cursor = page["cursor"]
            if finished and not page["more"]:
                return

    threads = [threading.Thread(target=pusher, args=(t,)) for t in tills]
    reader = threading.Thread(target=puller)
    reader.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    reader.join(timeout=60)
    assert len(seen) == len(set(seen)) == len(sent) == 600
    assert set(seen) == sent


def test_the_command_line_publishes_a_programme(server: LiveServer, tenant, pg_url: str,
                                                tmp_path, capsys) -> None:
    till = tenant.till()
    assert main(["program", "publish", "--shop", tenant.shop["id"], "--template", "points",
                 "--database-url", pg_url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == 1
    broken = tmp_path / "broken.json"
    broken.write_text('{"rewards": [{"id": "x", "title": "X"}]}')
    assert main(["program", "publish", "--shop", tenant.shop["id"], "--file", str(broken),
                 "--database-url", pg_url]) == 1
    assert "Programme configuration" in capsys.readouterr().err
    (event,) = till.pull()["events"]
    assert json.loads(event["payload"])["config"]["name"] == "Points"
