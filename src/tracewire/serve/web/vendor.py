"""Browser libraries installed from the npm registry: served from the copy an installed
wheel carries (`assets/`, put there by the build step in setup.py), else from
node_modules (a source checkout after `npm ci`)."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "TRACEWIRE_NODE_MODULES"
# Packages the pages load: URL prefix under /vendor -> folder inside node_modules.
PACKAGES: dict[str, str] = {
    "cytoscape": "cytoscape/dist",
    # the force-directed layout (fcose) and the two libraries it is built on
    "layout-base": "layout-base",
    "cose-base": "cose-base",
    "cytoscape-fcose": "cytoscape-fcose",
}
GRAPH_SCRIPT = "/vendor/cytoscape/cytoscape.min.js"
# In load order: each of the layout's scripts reads the one before it as a global.
LAYOUT_SCRIPTS = (
    "/vendor/layout-base/layout-base.js",
    "/vendor/cose-base/cose-base.js",
    "/vendor/cytoscape-fcose/cytoscape-fcose.js",
)
INSTALL_HINT = "run `npm install` in the tracewire repository root (it reads package.json)"
ASSETS = Path(__file__).with_name("assets")  # in a wheel: <name>/cytoscape.min.js ...


def node_modules() -> Path | None:
    """Where node_modules is: $TRACEWIRE_NODE_MODULES, else beside the nearest package.json
    above this module (the repository root of a source checkout), else in the working
    directory; None when none exists."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        path = Path(configured).expanduser()
        return path if path.is_dir() else None
    for parent in Path(__file__).resolve().parents:
        if (parent / "package.json").is_file() and (parent / "node_modules").is_dir():
            return parent / "node_modules"
    here = Path.cwd() / "node_modules"
    return here if here.is_dir() else None


def package_dirs(root: Path | None) -> dict[str, Path]:
    """The installed packages' folders to mount under /vendor/<name>: from node_modules
    at `root` when it has them, else the copies the installed package carries."""
    found = {name: root / sub for name, sub in PACKAGES.items()} if root is not None else {}
    dirs = {name: path for name, path in found.items() if path.is_dir()}
    for name in PACKAGES:
        if name not in dirs and (ASSETS / name).is_dir():
            dirs[name] = ASSETS / name
    return dirs
