"""Installing tracewire as users do: a wheel built here, a container image.

The wheel is built from a copy of the repository with the project's own build step
(setup.py copies the browser libraries from node_modules), installed into a fresh virtual
environment, and run there with no npm on the PATH and no node_modules anywhere near.
Its dependencies come from the test environment (a path file), as pip would have
installed them from PyPI: nothing is downloaded.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from tracewire.serve.web import vendor

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("pyproject.toml", "setup.py", "README.md", "package.json", "src")
SCRIPT = "/vendor/cytoscape/cytoscape.min.js"
REPORT = "Norvane Optics sold thermal cameras to the Moldovan Interior Ministry in 2019.\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the repository (with node_modules' cytoscape)."""
    library = ROOT / "node_modules" / "cytoscape"
    if not (library / "dist" / "cytoscape.min.js").is_file():
        pytest.skip("node_modules/cytoscape is not installed (make installs it with npm ci)")
    source = tmp_path_factory.mktemp("source")
    for name in COPIED:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, source / name)
    for package in vendor.PACKAGES:  # cytoscape and its layout's three packages
        shutil.copytree(ROOT / "node_modules" / package, source / "node_modules" / package)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (built,) = out.glob("tracewire-*.whl")
    return built


def test_the_wheel_refuses_to_build_without_the_browser_libraries(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in COPIED:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, source / name)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-w", str(tmp_path / "out"), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert "run `npm ci`" in done.stdout + done.stderr
    assert not list(tmp_path.glob("out/*.whl"))


def test_an_installed_wheel_serves_the_network_view_without_npm(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The dependencies, as pip would have installed them: the test environment's packages,
    # after the new environment's own (so tracewire is the wheel's, never the checkout).
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    )  # fmt: skip
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "work"  # no package.json or node_modules here or above the wheel
    work.mkdir()
    (work / "report.txt").write_text("Cameras for Moldova\n\n" + REPORT, encoding="utf-8")
    env = {
        "PATH": str(venv / "bin"),  # no npm, no node
        "HOME": str(tmp_path),
        "TRACEWIRE_DB": str(work / "tracewire.db"),
    }
    assert shutil.which("npm", path=env["PATH"]) is None
    tracewire = str(venv / "bin" / "tracewire")
    where = subprocess.run(
        [str(python), "-c", "import tracewire; print(tracewire.__file__)"],
        check=True, capture_output=True, text=True, cwd=work, env=env,
    ).stdout  # fmt: skip
    assert where.startswith(str(venv))
    subprocess.run([tracewire, "build", "report.txt"], check=True, cwd=work, env=env,
                   capture_output=True)  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [tracewire, "serve", "--port", str(port)],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body = _get(f"http://127.0.0.1:{port}{SCRIPT}", server)
        layout = [_get(f"http://127.0.0.1:{port}{src}", server) for src in vendor.LAYOUT_SCRIPTS]
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert body == (ROOT / "node_modules" / "cytoscape" / "dist" / "cytoscape.min.js").read_bytes()
    fcose = ROOT / "node_modules" / "cytoscape-fcose" / "cytoscape-fcose.js"
    assert layout[-1] == fcose.read_bytes() and all(layout)
    licence = venv.glob("lib/python*/site-packages/tracewire/serve/web/assets/cytoscape/LICENSE")
    assert "Permission is hereby granted" in next(licence).read_text(encoding="utf-8")


def _get(url: str, server: subprocess.Popen[bytes]) -> bytes:
    """The body at `url` once the server answers (up to 60 s for it to start)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                assert response.status == 200
                data: bytes = response.read()
                return data
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_the_container_image_builds() -> None:
    engine = next((e for e in ("docker", "podman") if shutil.which(e)), None)
    if engine is None:
        pytest.skip("no container engine (docker or podman) on this machine")
    running = subprocess.run([engine, "info"], capture_output=True, check=False)
    if running.returncode != 0:
        pytest.skip(f"{engine} is installed but no container engine runs on this machine")
    done = subprocess.run(
        [engine, "build", "--quiet", "-t", "tracewire-test", str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_the_container_runs_as_a_user_and_compose_uses_postgresql() -> None:
    """What the image and compose file promise, read from them (no engine needed)."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    stages = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("FROM ")]
    assert stages[-1].startswith("python:") and "slim" in stages[-1]
    final = dockerfile.rsplit("\nFROM ", 1)[1]
    assert "\nUSER tracewire" in final and "useradd" in final
    assert "VOLUME /data" in final and "TRACEWIRE_DB=/data/" in final
    assert '"serve", "--host", "0.0.0.0"' in final
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["db"]["image"].startswith("postgres:")
    app = services["tracewire"]
    assert app["environment"]["TRACEWIRE_DB"].startswith("postgresql+psycopg://")
    assert app["depends_on"]["db"]["condition"] == "service_healthy"
    assert "tracewire serve --host 0.0.0.0" in " ".join(app["command"])
