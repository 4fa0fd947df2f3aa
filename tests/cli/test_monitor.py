"""`follow`, `fetch`, `watch` and `alerts` as a user types them, against 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

from typer.testing import CliRunner

from tracewire.cli.app import app

from ..ingest.webserver import serve
from ..test_monitor import ARTICLES, article, rss

runner = CliRunner()


def test_follow_watch_fetch_alerts(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    feed_file = tmp_path / "alerts.atom"
    with serve() as server:
        for path, (title, body) in ARTICLES.items():
            server.page(path, article(title, body))
        server.page("/feed.xml", rss(server, list(ARTICLES)), content_type="application/rss+xml")
        steps = [
            ["follow", server.url("/feed.xml")],
            ["watch", "add", "Hikvision", "--user", "ana"],
            ["watch", "notify", "--atom", str(feed_file)],
        ]
        for step in steps:
            result = runner.invoke(app, [*step, "--db", db])
            assert result.exit_code == 0, result.output
        refused = runner.invoke(app, ["fetch", "--db", db])
        assert "refused" in refused.output and "loopback" in refused.output
        fetched = runner.invoke(app, ["fetch", "--allow-private", "--db", db])
        assert fetched.exit_code == 0, fetched.output
        assert "new items 2" in fetched.output and "alerts 1 new" in fetched.output
        again = runner.invoke(app, ["fetch", "--allow-private", "--db", db])
        assert "new items 0" in again.output and "new (tracewire alerts" not in again.output

    listed = runner.invoke(app, ["alerts", "--json", "--db", db])
    (alert,) = [json.loads(line) for line in listed.output.splitlines()]
    assert alert["watch"] == "Hikvision" and alert["claims"][0]["subject"] == "Hikvision"
    entries = ET.parse(feed_file).getroot().findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 1
    watches = runner.invoke(app, ["watch", "list", "--db", db])
    assert "Hikvision" in watches.output and "ana" in watches.output
    feeds = runner.invoke(app, ["feeds", "--db", db])
    assert "Test wire" in feeds.output


def test_watch_needs_a_name_or_the_sanctioned_rule(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    neither = runner.invoke(app, ["watch", "add", "--db", db])
    assert neither.exit_code == 2 and "give a NAME or --sanctioned" in neither.output
    rule = runner.invoke(app, ["watch", "add", "--sanctioned", "--db", db])
    assert rule.exit_code == 0 and "sanctions list" in rule.output
    missing = runner.invoke(app, ["watch", "remove", "Nobody", "--db", db])
    assert missing.exit_code == 1 and "not watched: Nobody" in missing.output


def test_follow_refuses_other_schemes(tmp_path: Path) -> None:
    result = runner.invoke(app, ["follow", "ftp://example.org/feed", "--db", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "not an http or https URL" in result.output


def test_build_points_urls_to_fetch(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", "https://example.org/report", "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 2
    assert "tracewire fetch URL" in result.output
