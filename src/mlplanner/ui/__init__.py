"""Desktop user interface (PySide6 Qt Widgets). The only package, with `app.py`, that imports Qt.

Plug-in contract for other UI areas (youth file, portfolio, settings, workshops...):

* a module exposes ``install(window: MainWindow) -> None``;
* it builds its widgets from ``window.services`` (all use cases), ``window.actor`` (who is logged in;
  re-read it at action time, it changes on re-login, see ``window.actorChanged``), ``window.bus``
  (``ChangeBus.changed`` carries ``Changes``: refresh when a kind you show is in ``changes.kinds``) and
  ``window.ops`` (``Operations``: run a service call, show its French error, broadcast its changes);
* it registers itself with ``window.add_page(key, title, widget, shortcut=...)`` and/or
  ``window.add_menu_action(menu_title, action)``, and may connect to ``window.youthFileRequested(str)``
  (youth id) and ``window.printRequested(str, dict)`` (kind, params), and emit
  ``window.bookingRequested(dict)`` (e.g. ``{"youth_id": ...}``) to open the booking dialog;
* the composition root (`mlplanner.app`) lists the modules in ``PLUGIN_MODULES``.

Widgets never hold business logic or ORM objects: models are Qt item models fed with the frozen views
the services return.
"""
