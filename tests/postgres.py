"""A throwaway PostgreSQL server on 127.0.0.1 for the tests and the benchmarks.

`initdb` makes a cluster in a fresh temporary folder and `pg_ctl` starts it on a free
port, with durability turned off (fsync, synchronous commit: nothing here must survive a
crash), and stops and deletes it at the end. PostgreSQL refuses to run as root, so as root
the cluster belongs to the `postgres` user Debian's package creates and its programs run
through `runuser`. The binaries come from $PATH or Debian's /usr/lib/postgresql/<major>/bin
(the Makefile installs the `postgresql` package when they are missing).
"""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

USER = "postgres"  # the database superuser initdb creates (trust authentication)
DEBIAN = Path("/usr/lib/postgresql")
SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "unix_socket_directories": "",  # TCP only: no socket file to place or clean up
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "400",  # every open test store keeps a small pool
}
EMPTY = "''"


class PostgresUnavailableError(RuntimeError):
    """PostgreSQL's programs are not installed, or the server would not start."""


def find_bindir() -> Path:
    """The folder holding initdb and pg_ctl: on $PATH, else Debian's newest major."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    majors = sorted(DEBIAN.glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]), reverse=True)
    if majors:
        return majors[0].parent
    raise PostgresUnavailableError(
        "PostgreSQL is not installed (initdb not found): apt-get install postgresql"
    )


def free_port() -> int:
    """A TCP port nobody listens on now (the kernel's pick for an ephemeral bind)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One running cluster; `url(name)` names a database in it, `create(name)` makes one."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        self.as_root = os.geteuid() == 0
        self.folder = Path(tempfile.mkdtemp(prefix="tracewire-pg-"))
        self.data = self.folder / "data"
        self.port = 0
        self._created: set[str] = set()
        self._lock = threading.Lock()

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", USER, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)

    def start(self) -> PostgresServer:
        """initdb and start; PostgresUnavailableError with the server's words if either fails."""
        if self.as_root:
            try:
                owner = pwd.getpwnam(USER)
            except KeyError as exc:
                raise PostgresUnavailableError(f"no {USER!r} user to run PostgreSQL as") from exc
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        made = self._run(
            "initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8",
            "--locale=C", "--no-sync",
        )  # fmt: skip
        if made.returncode != 0:
            raise PostgresUnavailableError(f"initdb failed: {made.stderr.strip()}")
        for attempt in range(5):  # another process may take the port between probe and bind
            self.port = free_port()
            # pg_ctl hands the options to a shell: '' is an empty setting.
            settings = {**SETTINGS, "port": str(self.port)}
            options = " ".join(f"-c {k}={v or EMPTY}" for k, v in settings.items())
            started = self._run(
                "pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data),
                "-l", str(self.folder / "server.log"), "-o", options,
            )  # fmt: skip
            if started.returncode == 0:
                return self
            if attempt == 4:
                log = (self.folder / "server.log").read_text(errors="replace")[-2000:]
                reason = started.stderr.strip()
                raise PostgresUnavailableError(f"pg_ctl start failed: {reason}\n{log}")
            time.sleep(0.2)
        return self

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of `database` on this server (psycopg 3)."""
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def create(self, database: str) -> str:
        """Create `database` (once) and return its URL."""
        import psycopg  # noqa: PLC0415 - only the PostgreSQL runs need the driver

        with self._lock:
            if database not in self._created:
                with psycopg.connect(
                    f"host=127.0.0.1 port={self.port} user={USER} dbname=postgres",
                    autocommit=True,
                ) as conn:
                    conn.execute(f'CREATE DATABASE "{database}"')  # type: ignore[arg-type]
                self._created.add(database)
        return self.url(database)

    def database_for(self, path: str) -> str:
        """A database standing for the SQLite file `path` (the same one for the same path)."""
        digest = hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()[:20]
        return self.create(f"t_{digest}")

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        if self.port:
            self._run("pg_ctl", "stop", "-m", "immediate", "-D", str(self.data))
        shutil.rmtree(self.folder, ignore_errors=True)
