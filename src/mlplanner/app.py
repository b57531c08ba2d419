"""Composition root of the desktop app: paths → database → services → QApplication → main window."""

from __future__ import annotations

import sys
from pathlib import Path

from .paths import default_db_path


def run_app(db_path: Path | None, argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from .services.container import Services
    from .services.demo import ensure_demo

    path = db_path or default_db_path()
    services = Services.open(path)
    ensure_demo(services)
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    window = QMainWindow()
    site = services.directory.site()
    window.setWindowTitle(f"mlplanner — {site.name}")
    window.setCentralWidget(QLabel(f"{site.name}\n{path}"))
    window.resize(1280, 760)
    window.show()
    return app.exec()
