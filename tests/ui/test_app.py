"""The shell: login, unexpected errors, language, the composition root with every plug-in."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from mlplanner.app import PLUGIN_MODULES, build_window
from mlplanner.domain.enums import Role
from mlplanner.services.permissions import Perm
from mlplanner.ui import i18n
from mlplanner.ui.shell import errors
from mlplanner.ui.shell.login import LoginDialog
from mlplanner.ui.shell.prompt import ScriptedPrompt


def test_wrong_pin_is_refused_without_saying_which_part(demo, qtbot):
    dialog = LoginDialog(demo)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.pin, "0000")
    with qtbot.assertNotEmitted(dialog.loggedIn):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.actor is None and dialog.failures == 1
    assert dialog.error.text() == "Nom ou code incorrect."
    assert dialog.pin.text() == ""  # typed again from scratch
    names = [dialog.people.item(i).text() for i in range(dialog.people.count())]
    assert names and not any("CPAM" in n for n in names)  # partners have no login


def test_unexpected_error_shows_the_log_path_and_the_app_goes_on(
    tmp_path, monkeypatch, demo, make_window, staff_actor
):
    path = errors.setup_logging(tmp_path)
    prompt = ScriptedPrompt()
    monkeypatch.setattr(errors, "_state", {**errors._state, "prompt": prompt})
    monkeypatch.setattr(sys, "excepthook", errors.report_unexpected)
    window = make_window(demo, staff_actor(demo, Role.RECEPTIONIST))

    def broken() -> None:
        raise ZeroDivisionError("bug")

    outcome = window.ops.run(broken)
    assert not outcome
    assert len(prompt.errors) == 1
    assert "erreur inattendue" in prompt.errors[0] and str(path) in prompt.errors[0]
    assert "Traceback" not in prompt.errors[0]
    for h in logging.getLogger().handlers:
        h.flush()
    assert "ZeroDivisionError" in path.read_text(encoding="utf-8")
    assert window.ops.run(lambda: 42).value == 42  # still working


def test_english_is_selectable_and_french_is_the_default(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "app_data_dir", lambda: tmp_path)
    assert i18n.chosen_language() == "fr"
    try:
        i18n.install(qapp, "en")
        assert i18n.tr("Planning du jour") == "Day schedule"
        assert QLocale().language() == QLocale.Language.English
        assert (tmp_path / "translations" / "mlplanner_en.qm").exists()  # compiled by pyside6-lrelease
    finally:
        i18n.install(qapp, "fr")
    assert i18n.tr("Planning du jour") == "Planning du jour"
    assert QLocale().toString(QLocale().toDate("01/03/2027", "dd/MM/yyyy"), "dddd d MMMM") == "lundi 1 mars"


def test_the_xml_fallback_reads_the_ts(qapp):
    translator = i18n.TsTranslator(i18n.ts_path("en"))
    assert translator.translate(i18n.CONTEXT, "Ma journée") == "My day"
    assert translator.translate(i18n.CONTEXT, "pas une chaîne connue") is None


CORE_MODULES = (
    "shell/main_window.py",
    "shell/status_bar.py",
    "booking/actions.py",
    "booking/dialog.py",
    "youths/picker.py",
    "reception/arrivals.py",
    "reception/walk_in.py",
    "followup/my_day.py",
    "shell/login.py",
    "shell/core.py",
    "dayview/view.py",
    "dayview/week.py",
)


def test_every_core_string_has_an_english_translation():
    from pathlib import Path

    import mlplanner.ui as ui

    known = i18n.read_ts(i18n.ts_path("en"))
    sources = i18n.extract(Path(ui.__file__).parent, only=CORE_MODULES)
    assert len(sources) > 100
    missing = [s for s in sources if (i18n.CONTEXT, *s) not in known]
    assert missing == [], "run `uv run python -m mlplanner.ui.i18n` and translate the new strings"


@pytest.mark.parametrize(
    ("role", "first_page", "can_configure"),
    [(Role.RECEPTIONIST, "day", False), (Role.COUNSELLOR, "my_day", False), (Role.SITE_LEAD, "day", True)],
)
def test_composition_root_installs_every_page(demo, qtbot, staff_actor, role, first_page, can_configure):
    actor = staff_actor(demo, role)
    window = build_window(demo, actor, prompt=ScriptedPrompt(), live_refresh=False)
    qtbot.addWidget(window)
    assert window.current_page_key() == first_page
    assert {"day", "week", "arrivals", "my_day"} <= set(window.page_keys())
    assert len(window.page_keys()) > 4 or not PLUGIN_MODULES
    assert window.can(Perm.CONFIGURE_SITE) is can_configure
    assert window.can(Perm.MANAGE_STAFF) is False
    assert QApplication.instance() is not None


def _mnemonic(text: str) -> str | None:
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].lower() if 0 <= i < len(text) - 1 else None


@pytest.mark.parametrize("page", ["day", "week", "arrivals", "my_day"])
def test_alt_letters_are_unique_on_each_core_page(demo, core_window, staff_actor, qtbot, page):
    """Two controls on one Alt+letter make both unreachable by keyboard: none on the core pages."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    window, core = core_window(demo, staff_actor(demo, Role.SITE_LEAD))
    window.show()
    window.show_page(page)
    if page == "arrivals":
        core.arrivals.walk_in.start()
        core.arrivals.walk_in.picker.show_form()
    letters = [_mnemonic(a.text()) for a in window.menuBar().actions()]
    widget = window.page(page)
    for w in widget.findChildren(QAbstractButton) + widget.findChildren(QLabel):
        if w.isVisible() and (not isinstance(w, QLabel) or w.buddy() is not None):
            letters.append(_mnemonic(w.text()))
    letters = [x for x in letters if x]
    assert len(letters) == len(set(letters)), sorted(letters)
