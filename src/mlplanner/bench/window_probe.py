"""Child process of the benchmark: start as `mlplanner` does, then show the main window and quit.

`python -m mlplanner` opens a PIN login first (its own start-up probe, `MLPLANNER_STARTUP_PROBE`, stops
there). To time "cold start to a shown main window" this script does what `mlplanner.app.run_app` does,
with the site lead logged in instead of a PIN typed by a person: Qt, the services on the file, the main
window built by `mlplanner.app.build_window` (core pages and plug-ins, the site's day view on show),
shown and painted. It prints one line, `shown`, which the benchmark times from the spawn.

Usage: python -m mlplanner.bench.window_probe FILE
"""

from __future__ import annotations

import sys


def main(db: str) -> int:
    from PySide6.QtWidgets import QApplication

    from ..app import build_window
    from ..domain.enums import Role
    from ..services.container import Services
    from ..services.context import Actor

    app = QApplication([sys.argv[0]])
    app.setApplicationName("mlplanner")
    app.setOrganizationName("mlplanner")
    try:
        from ..ui import i18n

        i18n.install(app, i18n.chosen_language())
    except ImportError:  # an older UI without translations
        pass
    services = Services.open(db)
    lead = services.directory.staff(role=Role.SITE_LEAD)[0]
    window = build_window(services, Actor(lead.id, lead.display_name, lead.role))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    print("shown", flush=True)
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
