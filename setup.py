"""The one build step pyproject.toml cannot declare: the web's browser libraries, installed
from the npm registry into node_modules (package.json), are copied into the package, so
that a wheel serves the network view without npm or a repository beside it.

The project's metadata is in pyproject.toml; this file only extends `build_py`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# npm package -> the files the pages load, and its licence (shipped beside them).
ASSETS = {
    "cytoscape": ("dist/cytoscape.min.js", "LICENSE", "package.json"),
    "layout-base": ("layout-base.js", "LICENSE", "package.json"),
    "cose-base": ("cose-base.js", "LICENSE", "package.json"),
    "cytoscape-fcose": ("cytoscape-fcose.js", "LICENSE", "package.json"),
}
TARGET = Path("tracewire", "serve", "web", "assets")


class BuildWithAssets(build_py):
    """`build_py`, then the browser libraries copied from node_modules into the build."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install serves node_modules in place
            return
        for package, files in ASSETS.items():
            source = ROOT / "node_modules" / package
            missing = [name for name in files if not (source / name).is_file()]
            if missing:
                raise SystemExit(
                    f"error: {source / missing[0]} is missing: run `npm ci` in {ROOT} "
                    "(it installs the web's browser libraries listed in package.json) "
                    "before building tracewire"
                )
            # layout-base and cose-base come with cytoscape-fcose (package-lock.json pins them)
            wanted = json.loads((ROOT / "package.json").read_text())["dependencies"].get(package)
            found = json.loads((source / "package.json").read_text())["version"]
            if wanted is not None and found != wanted:
                raise SystemExit(
                    f"error: node_modules has {package} {found}, package.json wants {wanted}: "
                    "run `npm ci`"
                )
            dest = Path(self.build_lib) / TARGET / package
            dest.mkdir(parents=True, exist_ok=True)
            for name in files:
                shutil.copy2(source / name, dest / Path(name).name)


setup(cmdclass={"build_py": BuildWithAssets})
