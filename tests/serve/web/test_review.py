"""Review in the browser's API: merges, splits, claim rejections and match verdicts with
the token, each undoable; refused without the token, from another site, or read-only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tracewire.serve.web import create_app
from tracewire.serve.web.review import ReviewConfigError
from tracewire.store import open_store
from tracewire.store.models import JudgementRow, MatchReviewRow

from .factory import StoreBuilder

TOKEN = "s3cret-token-for-tests-0123"
TEXT = "Orion Vision sold cameras to the Castorian Police. Nebula Systems trained them."
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def review(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
           ) -> Iterator[tuple[TestClient, dict[str, int], str]]:  # fmt: skip
    monkeypatch.setenv("TRACEWIRE_TOKEN", TOKEN)
    store = open_store(str(tmp_path_factory.mktemp("review") / "r.db"))
    b = StoreBuilder(store)
    b.document("o1", "orion.txt", TEXT)
    ids = {"orion": b.entity("Orion Vision", "Company"),
           "ltd": b.entity("Nebula Systems", "Company"),
           "police": b.entity("Castorian Police", "PublicBody")}  # fmt: skip
    first = TEXT.split(". ", maxsplit=1)[0] + "."
    ids["sold"] = b.claim("o1", ids["orion"], "supplies", ids["police"], first)
    ids["trained"] = b.claim(
        "o1", ids["ltd"], "trains", ids["police"], "Nebula Systems trained them."
    )
    b.match(ids["police"], "CASTORIAN POLICE", hit=True, level="possible", explanation="weak")
    url = store.url
    store.close()
    with TestClient(create_app(url, review=True)) as client:
        yield client, ids, url


def test_merge_needs_the_token_and_can_be_undone(
    review: tuple[TestClient, dict[str, int], str],
) -> None:
    client, ids, url = review
    pair = {"left": ids["orion"], "right": ids["ltd"]}
    assert client.post("/api/review/merge", json=pair).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token-at-all-xx"}
    assert client.post("/api/review/merge", json=pair, headers=wrong).status_code == 401
    cross = {**AUTH, "Origin": "https://evil.example"}
    assert client.post("/api/review/merge", json=pair, headers=cross).status_code == 403
    assert client.get(f"/api/entities/{ids['ltd']}", follow_redirects=False).status_code == 200

    done = client.post("/api/review/merge", json=pair, headers={**AUTH, "X-Tracewire-User": "ana"})
    assert done.status_code == 200 and done.json()["user"] == "web:ana"
    moved = client.get(f"/api/entities/{ids['ltd']}", follow_redirects=False)
    assert moved.status_code == 307  # now a member of the merged cluster
    store = open_store(url, create=False)
    with store.session() as s:  # the judgement the CLI stores: user, when, positive
        row = s.scalar(select(JudgementRow).where(JudgementRow.origin == "user"))
        assert row is not None and row.judgement == "positive" and row.user == "web:ana"
    store.close()
    assert client.post(done.json()["undo"], headers=AUTH).status_code == 200
    assert client.get(f"/api/entities/{ids['ltd']}", follow_redirects=False).status_code == 200


def test_split_and_claim_rejection(review: tuple[TestClient, dict[str, int], str]) -> None:
    client, ids, _url = review
    split = client.post("/api/review/split", json={"left": ids["orion"], "right": ids["ltd"]},
                        headers=AUTH)  # fmt: skip
    assert split.json()["kind"] == "negative"
    assert client.post(f"/api/review/claims/{ids['sold']}/reject", json={}).status_code == 401
    rejected = client.post(f"/api/review/claims/{ids['sold']}/reject", json={"note": "misread"},
                           headers=AUTH)  # fmt: skip
    assert rejected.status_code == 200
    listed = [c["id"] for c in client.get("/api/claims").json()["items"]]
    assert listed == [ids["trained"]]
    assert client.post(rejected.json()["undo"], headers=AUTH).status_code == 200
    assert {c["id"] for c in client.get("/api/claims").json()["items"]} == {
        ids["sold"],
        ids["trained"],
    }
    assert client.post("/api/review/claims/999/reject", json={}, headers=AUTH).status_code == 404


def levels(client: TestClient, entity: int) -> list[tuple[str, str | None]]:
    """The entity's sanctions matches as (level, the verdict shown), from the API."""
    found = client.get(f"/api/entities/{entity}").json()["sanctions"]
    return [(m["level"], m["review"].split()[0] if m["review"] else None) for m in found]


def test_match_verdicts_stand_over_each_other_and_undo_restores(
    review: tuple[TestClient, dict[str, int], str],
) -> None:
    client, ids, url = review
    police = ids["police"]
    assert levels(client, police) == [("possible", None)]
    body = {"entity": police, "entry": "CASTORIAN POLICE", "judgement": "rejected"}
    assert client.post("/api/review/matches", json=body).status_code == 401
    rejected = client.post("/api/review/matches", json=body, headers=AUTH)
    assert rejected.status_code == 200
    assert levels(client, police) == [("rejected", "rejected")]
    confirmed = client.post(
        "/api/review/matches", json={**body, "judgement": "confirmed"}, headers=AUTH
    )
    assert levels(client, police) == [("listed", "confirmed")]
    store = open_store(url, create=False)
    with store.session() as s:  # both kept, as the CLI keeps them: who and when
        verdicts = s.execute(select(MatchReviewRow.judgement, MatchReviewRow.user)).all()
    store.close()
    assert [tuple(v) for v in verdicts] == [("rejected", "web"), ("confirmed", "web")]

    assert client.post(confirmed.json()["undo"]).status_code == 401
    assert client.post(confirmed.json()["undo"], headers=AUTH).status_code == 200
    assert levels(client, police) == [("rejected", "rejected")]  # the verdict before
    assert client.post(rejected.json()["undo"], headers=AUTH).status_code == 200
    assert levels(client, police) == [("possible", None)]  # the matcher's own level
    assert client.post(rejected.json()["undo"], headers=AUTH).status_code == 404


def test_read_only_server_takes_no_write(
    ruritania: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = ruritania.client  # type: ignore[attr-defined]
    pair = {"left": 1, "right": 2}
    assert client.post("/api/review/merge", json=pair, headers=AUTH).status_code in (404, 405)
    monkeypatch.delenv("TRACEWIRE_TOKEN", raising=False)
    with pytest.raises(ReviewConfigError, match="TRACEWIRE_TOKEN"):
        create_app(client.app.state.store.url, review=True)
    monkeypatch.setenv("TRACEWIRE_TOKEN", "short")
    with pytest.raises(ReviewConfigError, match="at least 16"):
        create_app(client.app.state.store.url, review=True)
