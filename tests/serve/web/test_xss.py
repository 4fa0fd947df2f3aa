"""Report text and names with markup render inert (the browser test checks no dialog)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from tracewire.extract import Extractor
from tracewire.pipeline import build
from tracewire.serve.web import create_app
from tracewire.store import open_store
from tracewire.store.models import DocumentRow

from .conftest import Hostile


def _inert(page: str) -> None:
    """No tag of the payloads survived (escaped text or JSON escapes are fine)."""
    for raw in ("<script>alert", "<img", "<b>"):
        assert raw not in page


def test_document_page_escapes_every_piece(hostile: Hostile) -> None:
    with TestClient(create_app(hostile.url)) as client:
        page = client.get("/documents/x1").text
    _inert(page)
    sold = hostile.claims["sold"]
    assert f'id="claim-{sold}">Evil Corp sold &lt;script&gt;alert(1)&lt;/script&gt; kits' in page
    assert "See &lt;img src=x onerror=alert(1)&gt; for details &amp; &#34;more&#34;." in page
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page  # the title


def test_dossier_network_and_api_keep_names_as_text(hostile: Hostile) -> None:
    with TestClient(create_app(hostile.url)) as client:
        evil, ministry = hostile.ids["evil"], hostile.ids["ministry"]
        for path in (f"/entities/{evil}", f"/entities/{ministry}/network", "/?q=evil"):
            page = client.get(path).text
            _inert(page)
            assert "&lt;" in page
        api = client.get(f"/api/entities/{hostile.ids['evil']}").json()
    assert api["canonical"] == "Evil <b>Corp</b> <script>alert(2)</script>"  # JSON keeps data


def test_document_built_by_the_pipeline_renders_inert(
    tmp_path: Path, report_file: Path, extractor: Extractor
) -> None:
    store = open_store(str(tmp_path / "built.db"))
    build([report_file], store, extractor=extractor)
    with store.session() as session:
        doc_id = session.scalars(select(DocumentRow.id)).one()
    with TestClient(create_app(store.url)) as client:
        page = client.get(f"/documents/{doc_id}").text
    store.close()
    _inert(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
