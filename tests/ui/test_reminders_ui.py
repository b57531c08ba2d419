"""The outbox in the app: the settings tab (SMS parts counted while typing, texts and channels saved
through the services), the youth file's messages with their status and receipt, and the schedule that
sends off the GUI thread."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from mlplanner.app import build_window
from mlplanner.domain.messaging.kinds import MessageKind
from mlplanner.ui.reminders.install import RemindersUi
from reminders.helpers import reach_by_email, set_clock, use_relay
from reminders.servers import SmtpRelay
from support import TestSite


@pytest.fixture
def relay() -> Iterator[SmtpRelay]:
    server = SmtpRelay("plain").start()
    yield server
    server.stop()


def window_for(site: TestSite, qtbot, actor=None):  # type: ignore[no-untyped-def]
    window = build_window(site.services, actor or site.lead, live_refresh=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    ui: RemindersUi = window.reminders_ui  # type: ignore[attr-defined]
    ui.scheduler.shutdown()  # the tests drive it
    return window, ui


def test_the_sms_length_is_counted_while_typing(site: TestSite, qtbot) -> None:  # type: ignore[no-untyped-def]
    _, ui = window_for(site, qtbot)
    tab = ui.tab
    assert tab is not None
    tab.sms_text.setPlainText("")
    qtbot.keyClicks(tab.sms_text, "Bonjour {prenom}, re")
    tab.sms_text.insertPlainText("ç")  # (QTest types ASCII only)
    qtbot.keyClicks(tab.sms_text, "u")
    assert tab.sms_count.text().startswith("1 SMS")
    assert tab.sms_count.text().endswith("remplacés : ç → c")  # what the template changes, not the sample
    assert tab.sms_sample.text() == "Bonjour Éloise, recu"
    qtbot.keyClicks(tab.sms_text, " " + "x" * 170)
    assert tab.sms_count.text().startswith("2 SMS")
    qtbot.keyClicks(tab.sms_text, " {nomm}")
    assert "{nomm}" in tab.sms_count.text() and "B02A37" in tab.sms_count.styleSheet()


def test_texts_are_saved_and_refused_through_the_service(site: TestSite, qtbot) -> None:  # type: ignore[no-untyped-def]
    _, ui = window_for(site, qtbot)
    tab = ui.tab
    assert tab is not None
    tab.kind.setCurrentIndex(tab.kind.findData(MessageKind.REMINDER.value))
    tab.sms_text.setPlainText("Rappel {prenom} : RDV {jour} à {heure}. {annuler}")
    assert tab.save_texts()
    settings = site.services.reminders.settings()
    assert (
        settings.template(MessageKind.REMINDER, tab_part("sms"))
        == "Rappel {prenom} : RDV {jour} à {heure}. {annuler}"
    )
    tab.sms_text.setPlainText("Rappel {prenon}")
    assert not tab.save_texts()
    assert "champ inconnu" in tab.texts_error.text()
    assert (
        site.services.reminders.settings()
        .template(MessageKind.REMINDER, tab_part("sms"))
        .startswith("Rappel {prenom} :")
    )
    assert tab.reset_texts()
    assert site.services.reminders.settings().is_default_template(MessageKind.REMINDER, tab_part("sms"))


def tab_part(name: str):  # type: ignore[no-untyped-def]
    from mlplanner.domain.messaging.templates import Part

    return Part(name)


def test_channels_and_types_saved_from_the_tab(site: TestSite, qtbot) -> None:  # type: ignore[no-untyped-def]
    _, ui = window_for(site, qtbot)
    tab = ui.tab
    assert tab is not None
    tab.enabled.setChecked(True)
    assert tab.save_sending()
    tab.sms_route.setCurrentIndex(tab.sms_route.findData("csv"))
    tab.email_route.setCurrentIndex(tab.email_route.findData("smtp"))
    tab.smtp_host.setText("smtp.ml-test.fr")
    tab.smtp_from.setText("pas une adresse")
    assert not tab.save_channels()
    assert "invalide" in tab.channels_error.text()
    tab.smtp_from.setText("rappels@ml-test.fr")
    assert tab.save_channels()
    st = site.services.reminders.settings()
    assert st.enabled and st.sms_route.value == "csv" and st.smtp_host == "smtp.ml-test.fr"
    row = next(
        r for r in range(tab.types.rowCount()) if tab.types.item(r, 0).data(Qt.ItemDataRole.UserRole) == "ACC"
    )
    tab.types.item(row, 1).setCheckState(Qt.CheckState.Checked)
    tab.types.cellWidget(row, 2).setCurrentIndex(tab.types.cellWidget(row, 2).findData("2"))
    assert tab.save_types()
    st = site.services.reminders.settings()
    assert st.confirm_for("ACC") and st.rule_for("ACC") == "2" and not st.confirm_for("SUIVI")


def test_a_receptionist_sees_but_cannot_change(site: TestSite, qtbot) -> None:  # type: ignore[no-untyped-def]
    _, ui = window_for(site, qtbot, site.receptionist)
    assert ui.tab is not None
    assert not ui.tab.enabled.isEnabled() and not ui.tab.texts_save.isEnabled()
    assert ui.tab.send_button.isEnabled()


def test_the_youth_file_lists_the_messages_and_the_schedule_sends(
    site: TestSite, qtbot, relay: SmtpRelay
) -> None:  # type: ignore[no-untyped-def]
    use_relay(site, relay)
    reach_by_email(site, "eloise", "eloise@example.org")
    site.book("eloise", "2026-01-07 10:00")
    window, ui = window_for(site, qtbot)
    set_clock(site, "2026-01-06 10:00")
    ui.scheduler._closing = False
    with qtbot.waitSignal(ui.scheduler.finished, timeout=20000) as blocker:
        assert ui.scheduler.send_now()
    assert blocker.args[0].sent == 1
    assert "1 envoyé" in ui.status.text()
    window.youthFileRequested.emit(site.youths["eloise"].id)
    box = ui.messages
    assert box is not None
    qtbot.waitUntil(lambda: box.model.rowCount() == 1)
    index = box.model.index(0, 5)
    assert box.model.data(index) == "envoyé"
    receipt = box.model.data(box.model.index(0, 6))
    assert receipt.startswith("SMTP 127.0.0.1") and "250" in receipt
    assert "Accord pour les SMS : non · pour les e-mails : oui" in box.consent.text()


def test_the_keyring_is_asked_only_once_the_messages_tab_is_shown(site: TestSite, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 19: the settings page is built at every start, and its messages tab asked the system
    keyring where the relay's secrets come from (~0.13 s of CPU to load it) before the day showed."""
    store = site.services.reminders.secrets
    asked: list[str] = []
    real = type(store).source

    def source(self, name: str) -> str:  # type: ignore[no-untyped-def]
        asked.append(name)
        return real(self, name)

    monkeypatch.setattr(type(store), "source", source)
    window, ui = window_for(site, qtbot)
    window.show()
    tab = ui.tab
    assert tab is not None and asked == [] and tab.smtp_secret.text() == ""
    settings = window.show_page("settings")
    settings.tabs.setCurrentWidget(tab)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: tab.isVisible())
    assert {"smtp.user", "smtp.password", "sms.api_token"} <= set(asked)
    assert tab.smtp_secret.text() == "non défini" and tab.api_secret.text() == "non défini"


def test_a_closed_window_sends_no_more(site: TestSite, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A closed window may live on until Qt deletes it: its reminder schedule stopped with it."""
    window = build_window(site.services, site.lead, live_refresh=False)
    qtbot.addWidget(window)
    ui: RemindersUi = window.reminders_ui  # type: ignore[attr-defined]
    window.close()
    assert not ui.scheduler.timer.isActive()
    assert not ui.scheduler.send_now() and ui.scheduler.runs == 0  # a tick already on its way
