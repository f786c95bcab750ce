"""The nurse's phone app (PWA): serves the built shell from pwa/dist under /app/.

The shell is public (it holds no data); every record goes through the API with the device's bearer token.
`index.html` and `sw.js` are never cached by HTTP (the service worker does the caching and updates), the
other files are revalidated. Build with `make pwa` (npm ci && npm run build).
"""

from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, send_from_directory, url_for
from flask_babel import gettext as _

from webapp.access import public
from webapp.security import CSP

bp = Blueprint("pwa", __name__, url_prefix="/app")

NO_CACHE = {"index.html", "sw.js", "manifest.webmanifest"}
# The phone's barcode reader is WebAssembly (ZXing, served from /app/wasm/): the shell may compile WebAssembly,
# which 'wasm-unsafe-eval' allows without allowing JavaScript eval; every other page keeps the plain policy.
SHELL_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")


def dist_dir() -> Path:
    """Where the built app lives (PWA_DIST setting, else pwa/dist beside the package)."""
    configured = current_app.config.get("PWA_DIST")
    return Path(configured) if configured else Path(current_app.root_path).parent / "pwa" / "dist"


def _send(filename: str):
    folder = dist_dir()
    if not (folder / "index.html").is_file():
        abort(503, description=_("接种端尚未构建：请运行 make pwa"))
    response = send_from_directory(folder, filename, max_age=0)
    response.headers["Content-Security-Policy"] = SHELL_CSP
    if filename in NO_CACHE:
        response.headers["Cache-Control"] = "no-cache"
    if filename == "sw.js":
        response.headers["Service-Worker-Allowed"] = "/app/"
    return response


@bp.get("")
@public()
def bare():
    """/app → /app/ so relative URLs and the service worker scope resolve under /app/."""
    return redirect(url_for("pwa.shell"), code=301)


@bp.get("/")
@public()
def shell():
    """The app shell (index.html)."""
    return _send("index.html")


@bp.get("/<path:filename>")
@public()
def asset(filename):
    """A built file (JS, CSS, icons, translations, schedule data, the service worker)."""
    return _send(filename)
