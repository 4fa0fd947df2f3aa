"""Download a sanctions list file: timeout, size cap, atomic write, one-line errors."""

from __future__ import annotations

import os
import tempfile
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from tracewire.ingest.http import FetchError, FetchPolicy, fetch
from tracewire.screen.lists import SanctionsError, SanctionsList
from tracewire.screen.ofac import read_ofac_csv

OFAC_SDN_URL = "https://www.treasury.gov/ofac/downloads/sdn.csv"
URL_ENV = "TRACEWIRE_SDN_URL"
USER_AGENT = "tracewire/0.1 (sanctions screening)"


def sdn_url() -> str:
    """The SDN download URL: `$TRACEWIRE_SDN_URL` when set, else the Treasury's."""
    return os.environ.get(URL_ENV, "").strip() or OFAC_SDN_URL


def download_list(
    url: str, dest: Path, *, timeout: float = 30.0, max_bytes: int = 100_000_000
) -> Path:
    """Fetch `url` into `dest` (written only when complete) and return `dest`.

    Fetched with tracewire's own client: the timeout is for the whole download (a server
    trickling bytes cannot stretch it), and the size cap holds. The URL is the user's own
    choice, so private addresses are allowed (a mirror on an intranet); link-local and
    metadata addresses still are not.
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise SanctionsError(f"cannot download {url}: only http and https URLs are supported")
    policy = FetchPolicy(
        timeout=timeout, max_bytes=max_bytes, allow_private=True, user_agent=USER_AGENT
    )
    try:
        fetched = fetch(url, policy)
    except FetchError as exc:
        raise SanctionsError(f"cannot download {exc.url}: {exc.reason}") from exc
    body = fetched.body
    if not body:
        raise SanctionsError(f"cannot download {url}: the server sent an empty file")
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        temp.replace(dest)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise SanctionsError(f"cannot write {dest}: {exc.strerror or exc}") from exc
    _stamp(dest, fetched.last_modified)
    return dest


def _stamp(path: Path, modified: str | None) -> None:
    """Date the file as the server dates the list (Last-Modified), not as the download: a
    list without a date of its own keeps its publication date (lists.date_from_path)."""
    if not modified:
        return
    try:
        when = parsedate_to_datetime(modified).timestamp()
    except (TypeError, ValueError):
        return
    os.utime(path, (when, when))


def download_sdn(dest: Path, url: str | None = None, *, timeout: float = 30.0) -> SanctionsList:
    """Download the current OFAC SDN CSV to `dest` and read it."""
    return read_ofac_csv(download_list(url or sdn_url(), dest, timeout=timeout))
