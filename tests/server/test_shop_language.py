"""Every way a shop starts from a template takes the shop's language: the server's admin API
and command line, and the till's `klipp setup`, `klipp demo` and `klipp program template`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from kiosk.programs import ProgramConfig
from kiosk.till import Till
from server import db
from server.app import create_app
from server.cli import main as server_main
from server.settings import ServerSettings
from ui.cli.app import main as klipp

TOKEN = "t" * 40


def _server_programmes(data_dir: Path) -> dict[str, ProgramConfig]:
    engine = db.make_engine(ServerSettings(data_dir=str(data_dir)).resolved_database_url())
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT shop_id, config_json FROM program ORDER BY version")).all()
    finally:
        engine.dispose()
    return {shop: ProgramConfig.model_validate_json(cfg) for shop, cfg in rows}


def test_the_admin_api_starts_a_shop_in_its_language(tmp_path: Path) -> None:
    app = create_app(ServerSettings(data_dir=str(tmp_path), admin_token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(app) as http:
        org = http.post("/v1/admin/orgs", json={"name": "Kaffe AS"}, headers=auth).json()
        shops = {}
        for language in ("sv", "en"):
            answer = http.post(f"/v1/admin/orgs/{org['id']}/shops?template=cafe"
                               f"&language={language}", json={"name": f"Kafé {language}"},
                               headers=auth)
            assert answer.status_code == 201, answer.text
            shops[language] = answer.json()["id"]
        refused = http.post(f"/v1/admin/orgs/{org['id']}/shops?template=cafe&language=de",
                            json={"name": "Café"}, headers=auth)
        assert refused.status_code == 422
    programmes = _server_programmes(tmp_path)
    assert programmes[shops["sv"]].reward("free-coffee").title == "Gratis kaffe"
    assert programmes[shops["sv"]].welcome_coupon.title == "Välkommen: gratis bakverk"  # type: ignore[union-attr]
    assert programmes[shops["en"]].reward("free-coffee").title == "Free coffee"


def test_the_server_command_line_takes_the_language(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    where = ["--data-dir", str(tmp_path), "--json"]
    assert server_main(["org", "create", "--name", "Kaffe AS", *where]) == 0
    org = json.loads(capsys.readouterr().out)["id"]
    assert server_main(["shop", "create", "--org", org, "--name", "Kaffebar", "--lang", "nb",
                        "--template", "tiered", *where]) == 0
    shop = json.loads(capsys.readouterr().out)["id"]
    nb = _server_programmes(tmp_path)[shop]
    assert nb.tiers is not None and [t.name for t in nb.tiers.tiers] == ["bronse", "sølv", "gull"]
    assert server_main(["program", "publish", "--shop", shop, "--template", "points",
                        "--lang", "sv", *where]) == 0
    assert _server_programmes(tmp_path)[shop].reward("tote-bag").title == "Tygkasse"


def test_klipp_setup_demo_and_template_take_the_language(tmp_path: Path) -> None:
    def programme(folder: Path) -> ProgramConfig:
        till = Till.open(folder)
        try:
            program = till.info().program
            assert program is not None
            return program
        finally:
            till.close()

    shop, demo = tmp_path / "shop", tmp_path / "demo"
    assert klipp(["setup", "--org", "Kaffe AS", "--shop", "Kaffebar", "--lang", "nb",
                  "--data-dir", str(shop)]) == 0
    assert programme(shop).reward("free-coffee").title == "Gratis kaffe"
    # Still an untouched template (in Bokmål): replacing it needs no --yes.
    assert klipp(["program", "template", "points", "--lang", "sv", "--data-dir", str(shop)]) == 0
    assert programme(shop).reward("gift-100").title == "Presentkort på 100 kr"
    assert klipp(["demo", "--members", "5", "--days", "3", "--lang", "sv",
                  "--data-dir", str(demo)]) == 0
    assert programme(demo).segment_questions[0].text == "Hur dricker du ditt kaffe?"
    assert klipp(["setup", "--org", "Kaffe AS", "--shop", "Kaffebar", "--lang", "de",
                  "--data-dir", str(tmp_path / "other")]) == 2
