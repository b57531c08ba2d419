"""Language: French by default (the source strings are French), English selectable.

`.ts` sources live in `resources/translations/` (in the repository). At start-up `install()` loads
`mlplanner_<lang>.qm` if it exists next to the `.ts` and is newer; otherwise it compiles the `.ts` with
`pyside6-lrelease` (shipped with PySide6) into the app-data folder; and if that tool is missing (a
frozen bundle), it reads the `.ts` XML directly with `TsTranslator`. Qt's own strings (buttons of
standard dialogs, context menus) come from Qt's `qtbase_<lang>.qm`. Dates use `QLocale` of the language.

Messages from the services are French sentences built in the domain; the UI words refusals and
the remarks on imported lines from their code and details (`ui/refusals.py`).
The French labels of the enums (statuses, roles, modes, attendance...: `domain.labels` and the workshop
terms) stay French in the domain for the CLI and the printouts; the UI shows them through `tr(...)` and
`label_sources()` puts them in the `.ts`. Day names come from `locale()`, the QLocale of the language.
`python -m mlplanner.ui.i18n` refreshes the `.ts` from every `tr("...")` call in `mlplanner/ui`.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from mlplanner.domain.hours import WeeklyHours
from mlplanner.paths import app_data_dir, resource_path

if TYPE_CHECKING:
    import ast

# The `.ts` tools (`ast`, `xml.etree`, `subprocess`) are imported where used: every start loads this
# module before its window, and French (the default) needs none of them (issue 19).

log = logging.getLogger(__name__)

CONTEXT = "mlplanner"
LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT = "fr"
_installed: list[QTranslator] = []
_language = [DEFAULT]  # the language installed last (French until `install` says otherwise)


LAST_NAME = "nom de famille"
"""The meaning that tells a person's last name ("Nom" next to "Prénom") from any other name (a room,
a site, a staff member's whole name): French says "Nom" for both, English needs two words."""


def tr(text: str, meaning: str | None = None) -> str:
    """Translate a French UI string (identity when French is the language). `meaning` tells two
    uses of the same French words apart (Qt's disambiguation, the `.ts`'s `<comment>`)."""
    return QCoreApplication.translate(CONTEXT, text, meaning)


def tr_noop(text: str, meaning: str | None = None) -> str:
    """Mark a string for the `.ts` without translating it yet (module-level constants)."""
    return text


def language() -> str:
    """The UI language installed ("fr" until `install` says otherwise)."""
    return _language[0]


def locale() -> QLocale:
    """The QLocale of the UI language (dates and day names), whatever the process default is."""
    if _language[0] == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.French, QLocale.Country.France)


def weekday_name(weekday: int) -> str:
    """0 = Monday → "lundi" / "Monday"."""
    return locale().dayName(weekday + 1, QLocale.FormatType.LongFormat)


def weekday_abbr(weekday: int) -> str:
    """0 = Monday → "lun." / "Mon"."""
    return locale().dayName(weekday + 1, QLocale.FormatType.ShortFormat)


def weekly_hours_text(hours: WeeklyHours) -> str:
    """A week's hours in the UI's language ("lundi 09:00–12:30 ; mardi …" / "Monday 09:00–12:30; …")."""
    sep = " ; " if _language[0] == "fr" else "; "
    parts = [
        f"{weekday_name(wd)} " + ", ".join(f"{s:%H:%M}–{e:%H:%M}" for s, e in spans)
        for wd, spans in enumerate(hours.days)
        if spans
    ]
    return sep.join(parts) or tr("aucun horaire")


def label_sources() -> list[str]:
    """The French enum labels the UI shows through `tr(...)` (sources of the `.ts`, like literals)."""
    from mlplanner.domain import labels
    from mlplanner.services.workshops import terms
    from mlplanner.services.youths import import_export

    maps: tuple[dict, ...] = (
        labels.STATUS_FR,
        labels.MODE_FR,
        labels.ROLE_FR,
        labels.ROOM_KIND_FR,
        labels.PROGRAMME_FR,
        labels.REFERRAL_FR,
        terms.SESSION_STATE_FR,
        terms.REGISTRATION_FR,
        terms.ATTENDANCE_FR,
        terms.REFERRAL_KIND_FR,
        terms.SCOPE_FR,
        import_export.ACTIONS_FR,
    )
    return list(dict.fromkeys(text for m in maps for text in m.values()))


def ts_path(lang: str) -> Path:
    return resource_path("translations", f"mlplanner_{lang}.ts")


# --- choosing -------------------------------------------------------------------------------------
def chosen_language() -> str:
    env = os.environ.get("MLPLANNER_LANG")
    if env in LANGUAGES:
        return env
    if os.environ.get("MLPLANNER_NO_USER_SETTINGS"):
        return DEFAULT
    value = QSettings("mlplanner", "mlplanner").value("language", DEFAULT)
    return value if value in LANGUAGES else DEFAULT


def save_language(lang: str) -> None:
    if lang in LANGUAGES and not os.environ.get("MLPLANNER_NO_USER_SETTINGS"):
        QSettings("mlplanner", "mlplanner").setValue("language", lang)


# --- loading --------------------------------------------------------------------------------------
class TsTranslator(QTranslator):
    """Fallback: translations read straight from the `.ts` XML (no compiled `.qm` needed)."""

    def __init__(self, ts: Path) -> None:
        super().__init__()
        self.table = read_ts(ts)

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.table.get((context, source, disambiguation or ""))

    def isEmpty(self) -> bool:
        return not self.table


def read_ts(ts: Path) -> dict[tuple[str, str, str], str]:
    """(context, source, meaning — "" for none) → translation, for the finished messages."""
    import xml.etree.ElementTree as ET

    table: dict[tuple[str, str, str], str] = {}
    root = ET.parse(ts).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            node = msg.find("translation")
            if node is None or node.get("type") in ("unfinished", "obsolete", "vanished") or not node.text:
                continue
            table[(name, source, msg.findtext("comment") or "")] = node.text
    return table


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile with `pyside6-lrelease` (next to the Python executable, or on PATH)."""
    import shutil
    import subprocess

    exe = Path(sys.executable).with_name("pyside6-lrelease")
    tool = str(exe) if exe.exists() else shutil.which("pyside6-lrelease")
    if tool is None:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, check=False)
    return done.returncode == 0 and qm.exists()


def load_translator(lang: str) -> QTranslator | None:
    """Our translations for `lang` (None for French, the source language)."""
    if lang == DEFAULT:
        return None
    ts = ts_path(lang)
    if not ts.exists():
        log.warning("no translation for %s", lang)
        return None
    candidates = [ts.with_suffix(".qm"), app_data_dir() / "translations" / f"mlplanner_{lang}.qm"]
    qm = next((q for q in candidates if q.exists() and q.stat().st_mtime >= ts.stat().st_mtime), None)
    if qm is None and compile_ts(ts, candidates[1]):
        qm = candidates[1]
    if qm is not None:
        translator = QTranslator()
        if translator.load(str(qm)):
            return translator
    return TsTranslator(ts)


def install(app: QCoreApplication, lang: str) -> None:
    """Install the translators and the default locale (dates, numbers) for `lang`."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    _language[0] = lang if lang in LANGUAGES else DEFAULT
    ui_locale = locale()
    QLocale.setDefault(ui_locale)
    qt = QTranslator()
    if qt.load(ui_locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = load_translator(lang)
    if ours is not None:
        app.installTranslator(ours)
        _installed.append(ours)


# --- maintaining the .ts --------------------------------------------------------------------------
Source = tuple[str, str]
"""A message of the `.ts`: the French text and its meaning ("" when the text has one use)."""


def extract(package_dir: Path, *, only: Iterable[str] | None = None) -> list[Source]:
    """Every literal passed to `tr(...)` or `tr_noop(...)` in the package (or in the files `only`,
    relative to it), with its meaning when one is given (a literal or `LAST_NAME`), in order of
    appearance; for the whole package, the enum labels too."""
    import ast

    found: dict[Source, None] = {}
    paths = sorted(package_dir.rglob("*.py")) if only is None else [package_dir / p for p in only]
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("tr", "tr_noop")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault((node.args[0].value, _meaning(node)), None)
    if only is None:
        for text in label_sources():
            found.setdefault((text, ""), None)
    return list(found)


def _meaning(call: ast.Call) -> str:
    """The meaning given to `tr(text, meaning)`: a literal or the name `LAST_NAME`."""
    import ast

    args = call.args[1:2] or [k.value for k in call.keywords if k.arg == "meaning"]
    if not args:
        return ""
    arg = args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    name = arg.id if isinstance(arg, ast.Name) else arg.attr if isinstance(arg, ast.Attribute) else ""
    if name == "LAST_NAME":
        return LAST_NAME
    raise ValueError(f"line {call.lineno}: a tr() meaning must be a literal or LAST_NAME")


def update_ts(ts: Path, sources: list[Source], lang: str) -> tuple[int, int]:
    """Write the `.ts` with `sources`, keeping known translations. Returns (messages, untranslated)."""
    import xml.etree.ElementTree as ET

    known = read_ts(ts) if ts.exists() else {}
    root = ET.Element("TS", version="2.1", language=lang, sourcelanguage="fr")
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    missing = 0
    for source, meaning in sources:
        msg = ET.SubElement(ctx, "message")
        ET.SubElement(msg, "source").text = source
        if meaning:
            ET.SubElement(msg, "comment").text = meaning
        node = ET.SubElement(msg, "translation")
        text = known.get((CONTEXT, source, meaning))
        if text:
            node.text = text
        else:
            node.set("type", "unfinished")
            missing += 1
    ET.indent(root)
    ts.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return len(sources), missing


if __name__ == "__main__":  # python -m mlplanner.ui.i18n
    sources = extract(Path(__file__).parent)
    for lang in LANGUAGES:
        if lang != DEFAULT:
            total, missing = update_ts(ts_path(lang), sources, lang)
            print(f"{ts_path(lang)}: {total} messages, {missing} to translate")
