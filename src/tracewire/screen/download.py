"""Download a sanctions list file: timeout, size cap, atomic write, one-line errors."""

from __future__ import annotations

import os
import tempfile
import urllib.error
import urllib.request
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from tracewire.ingest.http import describe as describe_failure
from tracewire.screen.lists import SanctionsError, SanctionsList
from tracewire.screen.ofac import read_ofac_csv

OFAC_SDN_URL = "https://www.treasury.gov/ofac/downloads/sdn.csv"
URL_ENV = "TRACEWIRE_SDN_URL"
USER_AGENT = "tracewire/0.1 (sanctions screening)"
CHUNK = 1 << 16


def sdn_url() -> str:
    """The SDN download URL: `$TRACEWIRE_SDN_URL` when set, else the Treasury's."""
    return os.environ.get(URL_ENV, "").strip() or OFAC_SDN_URL


def download_list(
    url: str, dest: Path, *, timeout: float = 30.0, max_bytes: int = 100_000_000
) -> Path:
    """Fetch `url` into `dest` (written only when complete) and return `dest`."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise SanctionsError(f"cannot download {url}: only http and https URLs are supported")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    temp = Path(temp_name)
    try:
        with (
            os.fdopen(handle, "wb") as out,
            urllib.request.urlopen(request, timeout=timeout) as response,
        ):
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise SanctionsError(
                    f"cannot download {url}: {int(declared):,} bytes exceeds the "
                    f"{max_bytes:,}-byte limit"
                )
            modified = response.headers.get("Last-Modified")
            size = 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise SanctionsError(
                        f"cannot download {url}: more than the {max_bytes:,}-byte limit"
                    )
                out.write(chunk)
        if size == 0:
            raise SanctionsError(f"cannot download {url}: the server sent an empty file")
        temp.replace(dest)
        _stamp(dest, modified)
    except SanctionsError:
        temp.unlink(missing_ok=True)
        raise
    except (urllib.error.URLError, OSError, ValueError) as exc:
        temp.unlink(missing_ok=True)
        raise SanctionsError(f"cannot download {url}: {describe(exc, timeout)}") from exc
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


def describe(exc: BaseException, timeout: float) -> str:
    """A short reason for a failed download, in words a user can act on (the wording of
    `tracewire.ingest.http.describe`, after urllib's wrapping is taken off)."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}".strip()
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if not isinstance(reason, BaseException):
        return " ".join(str(reason).split()) or type(exc).__name__
    return describe_failure(reason, timeout)
