"""Leaflet and its plugins for the offline map: installed at set-up time, served by Streamlit.

`python -m dashboard.vendor install` (run by scripts/setup.sh) fetches pinned packages from the npm
registry with `npm pack`, unpacks the files the map needs into dashboard/static/vendor/ (gitignored,
never committed) and records what it installed in a manifest, so running it again does nothing.

`localize(folium_map)` points every folium element's JS/CSS at those files, served by Streamlit's
static file serving under `app/static/vendor/...`, so the map draws with no internet. Elements whose
assets are not vendored (Bootstrap, Font Awesome, awesome-markers: folium loads them for features
this app does not use) are dropped, so the browser makes no outbound request for them.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
MANIFEST = VENDOR_DIR / "manifest.json"
# The URL prefix under which Streamlit serves dashboard/static/ (server.enableStaticServing).
STATIC_URL = "/app/static"


@dataclass(frozen=True)
class Package:
    """One npm package and the files of its tarball the map needs (paths inside `package/`)."""

    name: str
    version: str
    files: tuple[str, ...]


PACKAGES: tuple[Package, ...] = (
    Package("leaflet", "1.9.4", (
        "dist/leaflet.js", "dist/leaflet.css", "dist/images/layers.png", "dist/images/layers-2x.png",
        "dist/images/marker-icon.png", "dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png",
        "LICENSE",
    )),
    Package("leaflet.markercluster", "1.5.3", (
        "dist/leaflet.markercluster.js", "dist/MarkerCluster.css", "dist/MarkerCluster.Default.css",
        "MIT-LICENCE.txt",
    )),
    # folium builds popup contents with jQuery's $(`<div>...</div>`).
    Package("jquery", "3.7.1", ("dist/jquery.min.js", "LICENSE.txt")),
)

# folium asset names (the first item of default_js/default_css pairs) -> vendored file.
LOCAL_ASSETS: dict[str, str] = {
    "leaflet": "leaflet/dist/leaflet.js",
    "jquery": "jquery/dist/jquery.min.js",
    "leaflet_css": "leaflet/dist/leaflet.css",
    "markerclusterjs": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "markerclustercss": "leaflet.markercluster/dist/MarkerCluster.css",
    "markerclusterdefaultcss": "leaflet.markercluster/dist/MarkerCluster.Default.css",
}


class VendorError(RuntimeError):
    """The offline map files could not be installed."""


def installed(vendor_dir: Path = VENDOR_DIR) -> bool:
    """True when every pinned package is unpacked in vendor_dir at its pinned version."""
    manifest = vendor_dir / "manifest.json"
    if not manifest.is_file():
        return False
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
    except ValueError:
        return False
    for package in PACKAGES:
        if recorded.get(package.name) != package.version:
            return False
        if not all((vendor_dir / package.name / f).is_file() for f in package.files):
            return False
    return True


def install(vendor_dir: Path = VENDOR_DIR, *, npm: str = "npm", force: bool = False) -> list[Path]:
    """Fetch the pinned packages with `npm pack` and unpack the map's files into vendor_dir.

    Idempotent: returns [] without touching the network when everything is already there.
    Raises VendorError naming the package and what to do when npm is missing or fails.
    """
    if installed(vendor_dir) and not force:
        log.info("offline map files already installed in %s", vendor_dir)
        return []
    if shutil.which(npm) is None:
        raise VendorError(
            f"`{npm}` was not found. Install Node.js and npm (Debian: apt-get install npm), then run "
            "`python -m dashboard.vendor install` again."
        )
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="dmon-vendor-") as tmp:
        for package in PACKAGES:
            spec = f"{package.name}@{package.version}"
            result = subprocess.run(
                [npm, "pack", spec, "--silent", "--pack-destination", tmp],
                capture_output=True, text=True, check=False, cwd=tmp,
            )
            if result.returncode != 0:
                raise VendorError(
                    f"`npm pack {spec}` failed ({result.stderr.strip()[:300]}). Check the network or the "
                    "npm registry setting (`npm config get registry`) and run the install again."
                )
            tarball = Path(tmp) / result.stdout.strip().splitlines()[-1]
            written.extend(_unpack(tarball, package, vendor_dir / package.name))
    manifest = {p.name: p.version for p in PACKAGES}
    vendor_dir.mkdir(parents=True, exist_ok=True)
    (vendor_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return written


def _unpack(tarball: Path, package: Package, target: Path) -> list[Path]:
    """Copy the listed files out of an npm tarball (whose members all start with `package/`)."""
    written = []
    with tarfile.open(tarball, "r:gz") as archive:
        for relative in package.files:
            try:
                member = archive.getmember(f"package/{relative}")
            except KeyError as exc:
                raise VendorError(f"{package.name}@{package.version} has no file {relative}") from exc
            source = archive.extractfile(member)
            if source is None:
                raise VendorError(f"{package.name}@{package.version}: {relative} is not a regular file")
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(source.read())
            written.append(destination)
    return written


def asset_url(name: str) -> str | None:
    """The local URL of a folium asset name, or None when that asset is not vendored."""
    relative = LOCAL_ASSETS.get(name)
    return f"{STATIC_URL}/vendor/{relative}" if relative else None


def localize(folium_map) -> None:
    """Point every element of a folium map at the vendored files; drop assets that are not vendored.

    streamlit-folium and folium read `default_js`/`default_css` from each element, so setting them
    on the instances is enough; class attributes (shared by every map) are left alone.
    """

    def walk(element):
        yield element
        for child in getattr(element, "_children", {}).values():
            yield from walk(child)

    for element in walk(folium_map):
        for attribute in ("default_js", "default_css"):
            assets = getattr(element, attribute, None)
            if not assets:
                continue
            local = [(name, asset_url(name)) for name, _url in assets if asset_url(name)]
            setattr(element, attribute, local)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.vendor", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["install", "check"])
    parser.add_argument("--force", action="store_true", help="fetch again even when installed")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.action == "check":
        ok = installed()
        print("offline map files: " + ("installed" if ok else "missing (run python -m dashboard.vendor install)"))
        return 0 if ok else 1
    try:
        files = install(force=args.force)
    except VendorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"offline map files: {len(files)} written to {VENDOR_DIR}" if files else
          f"offline map files: already installed in {VENDOR_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
