"""English translations: complete for every `tr()` string of the UI, faithful to the French source
(placeholders, accelerators, markup), and really shown when English is chosen."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from mlplanner.app import build_window
from mlplanner.domain.enums import Role
from mlplanner.ui import i18n
from mlplanner.ui.shell.prompt import ScriptedPrompt

UI_DIR = Path(i18n.__file__).parent
TS = i18n.ts_path("en")

PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\d")
TAG = re.compile(r"</?[a-zA-Z]+")


def _ts_messages() -> list[tuple[str, str | None, str | None]]:
    """(source, translation, type) of every message of the English .ts, in file order."""
    return [(source, text, kind) for (source, _), text, kind in _ts_entries()]


def _ts_entries() -> list[tuple[i18n.Source, str | None, str | None]]:
    """((source, meaning), translation, type) of every message of the English .ts, in file order."""
    import xml.etree.ElementTree as ET

    root = ET.parse(TS).getroot()
    out = []
    for msg in root.iter("message"):
        node = msg.find("translation")
        key = (msg.findtext("source") or "", msg.findtext("comment") or "")
        out.append((key, node.text if node is not None else None, node.get("type")))
    return out


def _accelerators(text: str) -> int:
    return len(re.findall(r"&(?!&)\S", text.replace("&&", "")))


def test_every_ui_string_has_an_english_translation():
    """Every literal given to tr()/tr_noop() in every module of `mlplanner.ui` (all areas, plug-ins
    included) has a finished English translation."""
    sources = i18n.extract(UI_DIR)
    assert len(sources) > 500  # the whole package, not one area
    known = i18n.read_ts(TS)
    missing = [s for s in sources if (i18n.CONTEXT, *s) not in known]
    assert missing == [], (
        f"{len(missing)} string(s) without English: run `uv run python -m mlplanner.ui.i18n` and "
        f"translate them in {TS.name}: {missing[:10]}"
    )


def test_the_ts_is_refreshed_and_has_no_unfinished_message():
    """The .ts holds exactly the strings of the code: nothing stale, nothing marked unfinished."""
    messages = _ts_entries()
    sources = [s for s, _, _ in messages]
    assert len(sources) == len(set(sources))
    assert set(sources) == set(i18n.extract(UI_DIR))
    assert [s for s, _, kind in messages if kind is not None] == []


def test_translations_keep_placeholders_markup_and_accelerators():
    problems = []
    for source, text, _ in _ts_messages():
        if not text:
            continue
        checks = {
            "placeholders": Counter(PLACEHOLDER.findall(source)) == Counter(PLACEHOLDER.findall(text)),
            "markup": Counter(TAG.findall(source)) == Counter(TAG.findall(text)),
            "accelerator": _accelerators(source) == _accelerators(text),
            "line breaks": source.count("\n") == text.count("\n"),
            "edge spaces": (source[:1] == " ") == (text[:1] == " ")
            and (source[-1:] == " ") == (text[-1:] == " "),
        }
        problems += [f"{name}: {source!r} -> {text!r}" for name, ok in checks.items() if not ok]
    assert problems == []


def test_english_follows_english_typography():
    """No French spacing before : ; ! ? and no guillemets in the English text."""
    bad = [
        text
        for _, text, _ in _ts_messages()
        if text and (re.search(r"\s[:;!?](\s|$)", text) or "«" in text or "»" in text)
    ]
    assert bad == []


# --- the English UI, live -------------------------------------------------------------------------


@pytest.fixture
def english_window(english, demo, qtbot, staff_actor):  # type: ignore[no-untyped-def]
    window = build_window(
        demo, staff_actor(demo, Role.SITE_LEAD), prompt=ScriptedPrompt(), live_refresh=False
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _menus(window) -> dict[str, QMenu]:  # type: ignore[no-untyped-def]
    return {a.text(): a.menu() for a in window.menuBar().actions() if a.menu() is not None}


def test_the_main_window_speaks_english(english_window):
    window = english_window
    titles = list(_menus(window))
    assert titles[:4] == ["&File", "&Edit", "&View", "&Appointments"]
    assert {"&Young people", "&Tools", "&Help"} <= set(titles)
    pages = [window.nav.item(i).text() for i in range(window.nav.count())]
    for expected in ("Day schedule", "Week", "Reception and arrivals", "My day", "Portfolio", "Settings"):
        assert expected in pages
    assert "Planning du jour" not in pages and "Paramètres" not in pages
    day = window.show_page("day")
    assert day.today_btn.text() == "To&day"
    assert window.page("settings").tabs.tabText(0) == "Site and hours"


def test_english_menus_and_menu_bar_keep_one_alt_letter_each(english_window):
    """Translated accelerators must stay unique, or one of the two entries is lost to the keyboard."""

    def letters(texts: list[str]) -> list[str]:
        out = []
        for t in texts:
            plain = t.replace("&&", "")
            i = plain.find("&")
            if 0 <= i < len(plain) - 1:
                out.append(plain[i + 1].lower())
        return out

    menus = _menus(english_window)
    bar = letters(list(menus))
    assert len(bar) == len(menus) and len(set(bar)) == len(bar), bar
    for title, menu in menus.items():
        found = letters([a.text() for a in menu.actions() if not a.isSeparator()])
        duplicated = [x for x, n in Counter(found).items() if n > 1]
        assert duplicated == [], (title, [a.text() for a in menu.actions()])


def _mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    i = plain.find("&")
    return plain[i + 1].lower() if 0 <= i < len(plain) - 1 else None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_alt_letters_are_unique_on_every_page_of_the_whole_app(
    lang, qapp, tmp_path, monkeypatch, demo, qtbot, staff_actor
):  # type: ignore[no-untyped-def]
    """With every plug-in's menu in the bar (the core test sees the core menus only), no Alt+letter of a
    page's buttons or labelled fields repeats another one or a menu's, in either language."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    monkeypatch.setattr(i18n, "app_data_dir", lambda: tmp_path)
    i18n.install(qapp, lang)
    try:
        window = build_window(
            demo, staff_actor(demo, Role.SITE_LEAD), prompt=ScriptedPrompt(), live_refresh=False
        )
        qtbot.addWidget(window)
        window.show()
        window.core.arrivals.walk_in.start()
        window.core.arrivals.walk_in.picker.show_form()
        bar = [_mnemonic(a.text()) for a in window.menuBar().actions()]
        clashes = {}
        for key in window.page_keys():
            page = window.show_page(key)
            texts = [
                w.text()
                for w in page.findChildren(QAbstractButton) + page.findChildren(QLabel)
                if w.isVisible() and (not isinstance(w, QLabel) or w.buddy() is not None)
            ]
            letters = [x for x in [*bar, *map(_mnemonic, texts)] if x]
            repeated = {x for x, n in Counter(letters).items() if n > 1}
            if repeated:
                clashes[key] = sorted(t for t in texts if _mnemonic(t) in repeated)
        assert clashes == {}
    finally:
        i18n.install(qapp, "fr")


def _shown_texts(root) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(where, text) of what a widget tree shows or says: texts, titles, tabs, headers, items, tips."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox, QGroupBox, QTableView, QTabWidget, QWidget

    out = []
    for w in [root, *root.findChildren(QWidget)]:
        name = type(w).__name__
        for attr in ("text", "placeholderText", "toolTip", "accessibleName", "windowTitle"):
            getter = getattr(w, attr, None)
            value = getter() if callable(getter) else None
            if isinstance(value, str) and value:
                out.append((f"{name}.{attr}", value))
        if isinstance(w, QGroupBox):
            out.append((f"{name}.title", w.title()))
        if isinstance(w, QTabWidget):
            out += [(f"{name}.tab", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QComboBox):
            out += [(f"{name}.item", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTableView) and w.model() is not None:
            for c in range(w.horizontalHeader().count()):
                header = w.model().headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                if isinstance(header, str):
                    out.append((f"{name}.header", header))
    return out


def test_no_french_text_left_in_the_english_window(english_window):
    """A text equal to a French source whose English differs was built before English was installed
    (a module-level tr(), a label set once at import): it would stay French in an English session."""
    french = {s for s, t, _ in _ts_messages() if t and t != s and len(s) > 2}
    window = english_window
    window.core.arrivals.walk_in.start()
    found = []
    for key in window.page_keys():
        page = window.show_page(key)
        found += [f"{key} {where}: {text!r}" for where, text in _shown_texts(page) if text in french]
    found += [
        f"status bar {where}: {text!r}" for where, text in _shown_texts(window.statusBar()) if text in french
    ]
    for action in window.findChildren(QAction):
        if action.text() in french or action.toolTip() in french:
            found.append(f"action: {action.text()!r}")
    assert found == [], "\n".join(sorted(set(found)))


SHOWING_CALLS = {  # Qt calls (and our prompt/status helpers) whose string argument is shown to the user
    "setText", "setToolTip", "setPlaceholderText", "setWindowTitle", "setAccessibleName", "setTitle",
    "addItem", "addTab", "setTabText", "showMessage", "setSuffix", "setPrefix", "setSpecialValueText",
    "addRow", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton",
    "QListWidgetItem", "ElidedLabel", "error", "info", "confirm", "ask_text", "setStatusTip", "emit",
}  # fmt: skip
FRENCH = re.compile(
    r"[àâçéèêëîïôûùœ«»]|\b(?:le|la|les|du|des|une|aucun|jeunes?|rendez-vous)\b", re.IGNORECASE
)


def _literal_texts(node) -> list[str]:  # type: ignore[no-untyped-def]
    """The literal text of a str constant or the constant parts of an f-string."""
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    if isinstance(node, ast.BinOp):
        return _literal_texts(node.left) + _literal_texts(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_texts(node.body) + _literal_texts(node.orelse)
    return []


def test_no_french_literal_reaches_a_widget_without_tr():
    """Static guard: a French literal given straight to a Qt text setter (or a prompt, the status bar)
    never reaches the .ts, so English sessions would show it in French."""
    import ast

    problems = []
    for path in sorted(UI_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in SHOWING_CALLS:
                continue
            for arg in [*node.args, *(k.value for k in node.keywords if k.arg in ("title", "success"))]:
                for text in _literal_texts(arg):
                    if FRENCH.search(text):
                        problems.append(f"{path.relative_to(UI_DIR)}:{node.lineno}: {text[:60]!r}")
    assert problems == [], "\n".join(problems)


def test_every_message_of_the_ts_holds_one_source_and_one_translation():
    """The .ts merges with git's line-based union driver: two branches adding messages at the same place
    can leave one <message> holding two sources, and lrelease then drops a translation without a word."""
    import xml.etree.ElementTree as ET

    root = ET.parse(TS).getroot()
    bad = [
        [s.text for s in msg.findall("source")]
        for msg in root.iter("message")
        if len(msg.findall("source")) != 1 or len(msg.findall("translation")) != 1
    ]
    assert bad == []


def test_a_last_name_reads_last_name_and_any_other_name_reads_name(english, qtbot, tmp_path):
    """French says « Nom » for a person's last name and for a room's or a site's name; English needs
    two words. Before the meaning was passed, « Nom » next to « Prénom » read "Name"."""
    from mlplanner.ui.youths.form import YouthForm

    assert i18n.tr("Nom", i18n.LAST_NAME) == "Last name"
    assert i18n.tr("Nom") == "Name"
    form = YouthForm()
    qtbot.addWidget(form)
    labels = {form.f[k].accessibleName() for k in ("first_name", "last_name")}
    assert labels == {"First name", "Last name"}
    # the fallback that reads the .ts itself (a bundle without the compiler) tells them apart too
    fallback = i18n.TsTranslator(TS)
    assert fallback.translate(i18n.CONTEXT, "Nom", i18n.LAST_NAME) == "Last name"
    assert fallback.translate(i18n.CONTEXT, "Nom") == "Name"
