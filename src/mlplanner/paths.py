"""Where bundled resources live, from a source checkout and from a PyInstaller bundle.

PyInstaller unpacks data files under ``sys._MEIPASS``; the spec must add the ``resources`` folder as
``("resources", "resources")`` so the same relative paths work in both cases.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources`` folder: next to the unpacked bundle, or at the root of the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    # src/mlplanner/paths.py -> repository root is two levels above the package.
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """Absolute path of a bundled resource, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resources_dir().joinpath(*parts)


APP_NAME = "mlplanner"
DB_ENV = "MLPLANNER_DB"


def app_data_dir() -> Path:
    """The per-user data folder (same place Qt's QStandardPaths.AppLocalDataLocation uses)."""
    import os

    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


CHOSEN_FILE = "site-file.txt"  # in the app-data folder: the site file chosen in the welcome window
SITE_ENV = "MLPLANNER_SITE"


def default_db_path() -> Path:
    """The site file opened by default: `MLPLANNER_DB` if it names a file, else the site file this user
    chose in the app (created elsewhere, or opened from elsewhere), else `<app data>/mlplanner.sqlite3`."""
    location = default_db_location()
    if isinstance(location, Path):
        return location
    chosen = _chosen_or_default()
    return chosen if isinstance(chosen, Path) else app_data_dir() / "mlplanner.sqlite3"


def default_db_location() -> Path | str:
    """`MLPLANNER_DB` if set (a file path, or a server URL `postgresql+psycopg://...`), else the site file
    this user chose in the app, else `<app data>/mlplanner.sqlite3`."""
    import os

    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return location_from_text(env)
    return _chosen_or_default()


def _chosen() -> str:
    try:
        return (app_data_dir() / CHOSEN_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def _chosen_or_default() -> Path | str:
    """The site file or the server (URL without password) chosen in the app, else the default file."""
    chosen = _chosen()
    return location_from_text(chosen) if chosen else app_data_dir() / "mlplanner.sqlite3"


def chosen_server() -> str | None:
    """The server this user chose in the app (URL without password, `?site=` included), if any."""
    chosen = _chosen()
    return chosen if chosen and is_server_location(chosen) else None


def remember_db_path(path: Path | str) -> None:
    """The site file, or the server (a URL without its password), the app and the CLI open by default
    from now on (for this user)."""
    folder = app_data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if isinstance(path, str) and is_server_location(path):
            (folder / CHOSEN_FILE).write_text(path, encoding="utf-8")
        elif Path(path).resolve() == (folder / "mlplanner.sqlite3").resolve():
            (folder / CHOSEN_FILE).unlink(missing_ok=True)
        else:
            (folder / CHOSEN_FILE).write_text(str(Path(path).resolve()), encoding="utf-8")
    except OSError:
        pass  # the choice holds for this session; the next start asks again


def demo_db_path() -> Path:
    """The demonstration's own file: it never takes the place of the real site's."""
    return app_data_dir() / "demo.sqlite3"


def default_site() -> str | None:
    """`MLPLANNER_SITE`: the site a workstation works for on a server holding several."""
    import os

    code = os.environ.get(SITE_ENV, "").strip().upper()
    return code or None


def is_server_location(text: str) -> bool:
    """A PostgreSQL server URL (`postgresql+psycopg://…`) rather than a file path."""
    head = text.split(":", 1)[0].split("+", 1)[0].lower()
    return "://" in text and head in ("postgresql", "postgres")


def location_from_text(text: str) -> Path | str:
    """A value of `--db` or `MLPLANNER_DB`: a server URL stays text (a Path would fold its `//`)."""
    return text if is_server_location(text) else Path(text).expanduser()


def log_dir() -> Path:
    return app_data_dir() / "logs"
