"""/api/export/{fmt}: the store in an interchange format, streamed line by line."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from tracewire.serve import exports
from tracewire.serve.web.deps import get_store
from tracewire.store import Store

router = APIRouter(prefix="/api/export", tags=["exports"])
RECORDS: dict[str, Callable[[Session], list[dict[str, Any]]]] = {
    "claims-jsonl": exports.claim_records,
    "aliases-jsonl": exports.alias_records,
}
BATCH = 200  # lines per chunk sent


def _lines(store: Store, fmt: str) -> Iterator[str]:
    # The generator outlives the request handler, so it holds its own session.
    with store.session() as session:
        if fmt in RECORDS:
            records = RECORDS[fmt](session)
        else:  # a format added to serve/exports.py later: written whole, then sent in lines
            out = io.StringIO()
            exports.export(session, fmt, out)
            yield from out.getvalue().splitlines(keepends=True)
            return
    for start in range(0, len(records), BATCH):
        yield "".join(
            json.dumps(r, ensure_ascii=False) + "\n" for r in records[start : start + BATCH]
        )


@router.get(
    "/{fmt}",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {media: {} for media in dict.fromkeys(exports.MEDIA_TYPES.values())},
            "description": "JSON lines (jsonl, ftm), XML (graphml, gexf) or CSV (claims-csv).",
        },
        404: {"description": "Unknown format."},
    },
)
def export(fmt: str, store: Annotated[Store, Depends(get_store)]) -> StreamingResponse:
    """Every record in one of the formats of `tracewire export`, as `tracewire export` writes
    it (claims-jsonl, aliases-jsonl, ftm, graphml, gexf, claims-csv)."""
    if fmt not in exports.FORMATS:
        choices = ", ".join(exports.FORMATS)
        raise HTTPException(404, f"unknown format {fmt!r}; choose one of {choices}")
    return StreamingResponse(
        _lines(store, fmt),
        media_type=exports.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'inline; filename="{exports.FILE_NAMES[fmt]}"'},
    )
