"""PySide6's look at every module imported after it, made cheap (issue 19: ~0.1 s of each cold start).

Once PySide6 is imported, its `__feature__` support (`snake_case`, `true_property`: this app uses
neither) notes for each module imported afterwards whether its source mentions « PySide6 »
(`shibokensupport.feature._mod_uses_pyside`). It reads that source through `inspect.getsource`
(module lookup, linecache, tokenize for the encoding): about 0.2 ms a module, and some 420 modules
(SQLAlchemy, SQLModel, pydantic, the services, the pages) are imported after Qt before the day is shown.
Measured on the network site: 70–110 ms of CPU of the start, against ~25 ms for reading the same files
directly.

`read_sources_directly()` gives PySide6 the same answer from the file's bytes: a module with a `.py`
file is read as it is (« PySide6 » is ASCII: the same bytes in any encoding Python reads a source in);
any other module (built in, compiled, frozen by PyInstaller, a file gone) is asked of PySide6's own check,
as before. Without PySide6's feature module (another version), nothing changes.
"""

from __future__ import annotations

import sys
from types import ModuleType

MARK = "_mlplanner_reads_files"  # on the replacement: installed once


def read_sources_directly() -> bool:
    """Import Qt's core and replace PySide6's check of imported modules by a direct read of their file;
    False when there is nothing to replace (already done, or a PySide6 without that check)."""
    import PySide6.QtCore  # noqa: F401  # installs PySide6's import hook and its feature module

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original) or getattr(original, MARK, False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    setattr(uses_pyside, MARK, True)
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
