"""Desktop user interface (PySide6 Qt Widgets). The only package, with `app.py`, that imports Qt.

Plug-in contract for the UI areas (youth file, portfolio, settings, workshops...):

* each area's ``install.py`` exposes ``install(window: MainWindow)`` (it may return its pages, for tests);
* it builds its widgets from ``window.services`` (all use cases), ``window.actor`` (who is logged in;
  re-read it at action time, it changes on re-login, see ``window.actorChanged``), ``window.bus``
  (``ChangeBus.changed`` carries ``Changes``: refresh when a kind you show is in ``changes.kinds``) and
  ``window.ops`` (``Operations``: run a service call, show its French error, broadcast its changes);
* it registers itself with ``window.add_page(key, title, widget, shortcut=...)`` and/or
  ``window.add_menu_action(menu_title, action)``, and may connect to ``window.youthFileRequested(str)``
  (youth id) and ``window.printRequested(str, dict)`` (kind, params), and emit
  ``window.bookingRequested(dict)`` (e.g. ``{"youth_id": ...}``) to open the booking dialog;
* the composition root (`mlplanner.app`) lists the areas' modules in ``PLUGIN_MODULES``, in the order
  their pages and menu entries appear.

Widgets never hold business logic or ORM objects: models are Qt item models fed with the frozen views
the services return.
"""
