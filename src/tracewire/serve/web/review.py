"""Review from the browser: the guard on every write, when the server runs with --review.

A write must carry the token ($TRACEWIRE_TOKEN, given to `serve --review`) in an
`Authorization: Bearer` header. Browsers send such a header only from a script of the page's
own origin (a cross-site form or image cannot, and the server grants no CORS), so the header
is also what protects the review against cross-site requests; an `Origin` or `Referer`
naming another site is refused besides.
"""

from __future__ import annotations

import hmac
import os
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

TOKEN_VAR = "TRACEWIRE_TOKEN"
REVIEW_VAR = "TRACEWIRE_REVIEW"  # "1": review on (for worker processes started by name)
MIN_TOKEN = 16


class ReviewConfigError(ValueError):
    """--review without a usable token."""


def review_token(review: bool) -> str | None:
    """The token writes need, or None when the server is read-only."""
    if not review:
        return None
    token = os.environ.get(TOKEN_VAR, "")
    if len(token) < MIN_TOKEN:
        raise ReviewConfigError(
            f"--review needs ${TOKEN_VAR} set to a secret of at least {MIN_TOKEN} characters"
        )
    return token


def check_write(request: Request) -> str:
    """Refuse a write without the token (401) or from another site (403); returns who
    writes (the X-Tracewire-User header, else "web")."""
    token: str | None = getattr(request.app.state, "review_token", None)
    if token is None:
        raise HTTPException(403, "the server is read-only (start it with --review)")
    for header in ("origin", "referer"):
        value = request.headers.get(header)
        if value and urlsplit(value).netloc not in ("", request.headers.get("host", "")):
            raise HTTPException(403, f"cross-site request refused ({header}: {value})")
    given = request.headers.get("authorization", "")
    scheme, _, secret = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(secret.encode(), token.encode()):
        raise HTTPException(401, "a review needs the token (Authorization: Bearer ...)")
    user = request.headers.get("x-tracewire-user", "").strip()[:64]
    return f"web:{user}" if user else "web"
