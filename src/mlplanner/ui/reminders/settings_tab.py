"""Settings → "Messages aux jeunes": switch the outbox on, choose the channels, per-type rules, and edit
the texts with the SMS length counted while typing.

Every change goes through `RemindersService.set_setting` (checked, audited, French refusal shown under
the section); secrets go to the system keyring through `set_secret`, never into the file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError, InputError
from mlplanner.domain.messaging import gsm, templates, timing
from mlplanner.domain.messaging.kinds import EmailRoute, MessageKind, SmsRoute, SmtpSecurity
from mlplanner.domain.messaging.templates import Part
from mlplanner.domain.models import Changes
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.reminders.settings import ReminderSettings
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.reminders import labels
from mlplanner.ui.settings.common import ErrorLabel
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.widgets.narrow import ColumnScroll

OK_STYLE = "color:#1E6B34;"
WARN_STYLE = "color:#B02A37;"
RULES = [timing.AUTO, timing.OFF, *[str(n) for n in range(1, timing.MAX_DAYS_BEFORE + 1)]]


def rule_label(rule: str) -> str:
    if rule == timing.AUTO:
        return tr("jour ouvré précédent")
    if rule == timing.OFF:
        return tr("pas de rappel")
    return tr("{n} jour(s) avant").format(n=rule)


def sms_counter(text: str) -> tuple[str, bool]:
    """The line under the SMS editor: parts and characters on typical values, what was replaced, or
    the template's error. (text, ok)."""
    try:
        templates.check(text, kind=MessageKind.REMINDER, part=Part.SMS)
    except InputError as exc:
        if exc.code != "long_sms":
            return exc.message.split(" : ", 1)[-1], False
    m = gsm.measure(templates.fill(text, templates.SAMPLE, Part.SMS))
    line = tr("{parts} SMS · {chars} caractères (avec des valeurs types)").format(
        parts=m.parts, chars=m.characters
    )
    changed = gsm.measure(text).changed  # what the template's own text loses, not the sample's names
    if changed:
        line += " · " + tr("remplacés : {chars}").format(chars=", ".join(changed))
    return line, not m.too_long


def _narrow(combo: QComboBox) -> None:
    """A combo box whose long items never widen the page past a small screen."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)


class SecretDialog(QDialog):
    """Asks for one or two secrets (masked); the values go to the keyring, never to the file."""

    def __init__(
        self, title: str, fields: list[tuple[str, str, bool]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for key, label, hidden in fields:
            edit = QLineEdit()
            edit.setAccessibleName(label)
            if hidden:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.edits[key] = edit
            form.addRow(label, edit)
        note = QLabel(tr("Enregistré dans le trousseau du système de ce poste, jamais dans la base."))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.edits.items()}


class RemindersTab(QWidget):
    def __init__(
        self,
        services: Services,
        actor: Callable[[], Actor],
        ops: Operations,
        *,
        send_now: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("remindersTab")
        self.services, self.actor, self.ops = services, actor, ops
        self.send_now = send_now
        self.dialog: SecretDialog | None = None
        self._secrets_due = False  # where the secrets come from is read once the tab is shown
        self.state = QLabel()
        self.state.setObjectName("remindersState")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.send_button = QPushButton(tr("Envoyer maintenant"))
        self.send_button.setToolTip(tr("Planifier et envoyer tout de suite les messages dus"))
        self.send_button.clicked.connect(self._send)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.send_button)

        column = QVBoxLayout()
        column.addWidget(self._build_sending())
        column.addWidget(self._build_channels())
        column.addWidget(self._build_types())
        column.addWidget(self._build_texts())
        column.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(top)
        lay.addWidget(ColumnScroll(column), 1)  # the sections scroll: the page never asks for their height
        self.refresh()

    # --- sending --------------------------------------------------------------------------------------
    def _build_sending(self) -> QGroupBox:
        box = QGroupBox(tr("Envoi"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.enabled = QCheckBox(tr("Envoyer des rappels et des avis aux jeunes (SMS, e-mail)"))
        form.addRow(self.enabled)
        self.send_hour = QTimeEdit()
        self.send_hour.setDisplayFormat("HH:mm")
        self.send_hour.setAccessibleName(tr("Heure d'envoi des rappels"))
        form.addRow(tr("Heure d'envoi des rappels"), self.send_hour)
        self.window_start, self.window_end = QTimeEdit(), QTimeEdit()
        row = QHBoxLayout()
        for w, name in (
            (self.window_start, tr("Début de la plage d'envoi")),
            (self.window_end, tr("Fin de la plage d'envoi")),
        ):
            w.setDisplayFormat("HH:mm")
            w.setAccessibleName(name)
        row.addWidget(self.window_start)
        row.addWidget(QLabel(tr("à")))
        row.addWidget(self.window_end)
        row.addStretch(1)
        form.addRow(tr("Aucun envoi en dehors de"), row)
        self.period = QSpinBox()
        self.period.setRange(1, 60)
        self.period.setSuffix(" min")
        self.period.setAccessibleName(tr("Intervalle d'envoi automatique"))
        form.addRow(tr("Envoi automatique toutes les"), self.period)
        self.workshop_rule = QComboBox()
        self.workshop_rule.setAccessibleName(tr("Rappel des ateliers"))
        for rule in RULES:
            self.workshop_rule.addItem(rule_label(rule), rule)
        form.addRow(tr("Rappel des ateliers"), self.workshop_rule)
        self.sending_save = QPushButton(tr("Enregistrer"))
        self.sending_save.clicked.connect(self.save_sending)
        self.sending_error = ErrorLabel()
        form.addRow(self.sending_save, self.sending_error)
        return box

    # --- channels -------------------------------------------------------------------------------------
    def _build_channels(self) -> QGroupBox:
        box = QGroupBox(tr("Canaux d'envoi du site"))
        form = QFormLayout(box)
        self.sms_route = QComboBox()
        self.sms_route.setAccessibleName(tr("Envoi des SMS"))
        for route in SmsRoute:
            self.sms_route.addItem(tr(labels.SMS_ROUTE[route]), route.value)
        _narrow(self.sms_route)
        form.addRow(tr("SMS"), self.sms_route)
        self.email_route = QComboBox()
        self.email_route.setAccessibleName(tr("Envoi des e-mails"))
        self.email_route.addItem(tr("Pas d'e-mail"), EmailRoute.NONE.value)
        self.email_route.addItem(tr("Par le relais SMTP du site"), EmailRoute.SMTP.value)
        form.addRow(tr("E-mails"), self.email_route)
        self.smtp_host = QLineEdit()
        self.smtp_host.setPlaceholderText("smtp.mission-locale.fr")
        self.smtp_port = QSpinBox()
        self.smtp_port.setRange(1, 65535)
        self.smtp_port.setMaximumWidth(self.fontMetrics().horizontalAdvance("000000") + 40)
        self.smtp_security = QComboBox()
        for sec, text in (
            (SmtpSecurity.STARTTLS, tr("STARTTLS (port 587)")),
            (SmtpSecurity.TLS, tr("TLS (port 465)")),
            (SmtpSecurity.NONE, tr("aucun (relais local, sans identifiant)")),
        ):
            self.smtp_security.addItem(text, sec.value)
        self.smtp_from = QLineEdit()
        self.smtp_from.setPlaceholderText("rappels@mission-locale.fr")
        for w, name in (
            (self.smtp_host, tr("Relais SMTP")),
            (self.smtp_port, tr("Port")),
            (self.smtp_security, tr("Chiffrement")),
            (self.smtp_from, tr("Adresse d'expédition")),
        ):
            w.setAccessibleName(name)
            form.addRow(name, w)
        self.smtp_secret = QLabel()
        self.smtp_secret_button = QPushButton(tr("Identifiant et mot de passe…"))
        self.smtp_secret_button.clicked.connect(self.ask_smtp_secret)
        row = QHBoxLayout()
        row.addWidget(self.smtp_secret, 1)
        row.addWidget(self.smtp_secret_button)
        form.addRow(tr("Connexion au relais"), row)
        self.gateway = QLineEdit()
        self.gateway.setPlaceholderText("{msisdn}@sms.fournisseur.fr")
        self.gateway.setAccessibleName(tr("Adresse de la passerelle SMS"))
        form.addRow(tr("Adresse de la passerelle SMS"), self.gateway)
        self.api_url = QLineEdit()
        self.api_url.setAccessibleName(tr("Adresse de l'API SMS"))
        form.addRow(tr("Adresse de l'API SMS"), self.api_url)
        self.sms_sender = QLineEdit()
        self.sms_sender.setMaxLength(11)
        self.sms_sender.setPlaceholderText("MISSIONLOC")
        self.sms_sender.setAccessibleName(tr("Émetteur des SMS"))
        form.addRow(tr("Émetteur des SMS"), self.sms_sender)
        self.api_secret = QLabel()
        self.api_secret_button = QPushButton(tr("Jeton de l'API…"))
        self.api_secret_button.clicked.connect(self.ask_api_secret)
        row = QHBoxLayout()
        row.addWidget(self.api_secret, 1)
        row.addWidget(self.api_secret_button)
        form.addRow(tr("Jeton de l'API SMS"), row)
        self.channels_save = QPushButton(tr("Enregistrer les canaux"))
        self.channels_save.clicked.connect(self.save_channels)
        self.channels_error = ErrorLabel()
        form.addRow(self.channels_save, self.channels_error)
        self.sms_route.currentIndexChanged.connect(self._routes_changed)
        self.email_route.currentIndexChanged.connect(self._routes_changed)
        return box

    def _routes_changed(self) -> None:
        sms = SmsRoute(self.sms_route.currentData())
        smtp = self.email_route.currentData() == EmailRoute.SMTP.value or sms is SmsRoute.EMAIL_GATEWAY
        for w in (
            self.smtp_host,
            self.smtp_port,
            self.smtp_security,
            self.smtp_from,
            self.smtp_secret_button,
        ):
            w.setEnabled(smtp and self._can())
        self.gateway.setEnabled(sms is SmsRoute.EMAIL_GATEWAY and self._can())
        for w in (self.api_url, self.sms_sender, self.api_secret_button):
            w.setEnabled(sms is SmsRoute.HTTP and self._can())

    # --- appointment types ----------------------------------------------------------------------------
    def _build_types(self) -> QGroupBox:
        box = QGroupBox(tr("Par type de rendez-vous"))
        lay = QVBoxLayout(box)
        self.types = QTableWidget(0, 3)
        self.types.setAccessibleName(tr("Confirmation et rappel par type de rendez-vous"))
        self.types.setHorizontalHeaderLabels([tr("Type"), tr("Confirmation à la prise"), tr("Rappel")])
        self.types.verticalHeader().hide()
        header = self.types.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.types)
        self.types_save = QPushButton(tr("Enregistrer"))
        self.types_save.clicked.connect(self.save_types)
        self.types_error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.types_save)
        row.addWidget(self.types_error, 1)
        lay.addLayout(row)
        return box

    # --- texts ----------------------------------------------------------------------------------------
    def _build_texts(self) -> QGroupBox:
        box = QGroupBox(tr("Textes des messages"))
        lay = QVBoxLayout(box)
        self.kind = QComboBox()
        self.kind.setAccessibleName(tr("Message à modifier"))
        for k in MessageKind:
            self.kind.addItem(labels.kind(k), k.value)
        self.kind.currentIndexChanged.connect(self._show_texts)
        _narrow(self.kind)
        fields = QLabel(
            tr("Champs : {fields}").format(fields=" ".join("{" + f + "}" for f in templates.FIELDS))
        )
        fields.setWordWrap(True)
        fields.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sms_text = QPlainTextEdit()
        self.sms_text.setAccessibleName(tr("Texte du SMS"))
        self.sms_text.setMaximumHeight(110)
        self.sms_text.textChanged.connect(self._count)
        self.sms_count = QLabel()
        self.sms_count.setObjectName("smsCount")
        self.sms_count.setWordWrap(True)
        self.sms_sample = QLabel()
        self.sms_sample.setObjectName("smsSample")
        self.sms_sample.setWordWrap(True)
        self.sms_sample.setStyleSheet("background:#F4F6F8; border:1px solid #D5DAE0; padding:4px;")
        self.subject = QLineEdit()
        self.subject.setAccessibleName(tr("Objet de l'e-mail"))
        self.email_text = QPlainTextEdit()
        self.email_text.setAccessibleName(tr("Texte de l'e-mail"))
        self.email_text.setMaximumHeight(150)
        form = QFormLayout()
        form.addRow(tr("Message"), self.kind)
        form.addRow(fields)
        form.addRow(tr("SMS"), self.sms_text)
        form.addRow("", self.sms_count)
        form.addRow(tr("Exemple"), self.sms_sample)
        form.addRow(tr("Objet de l'e-mail"), self.subject)
        form.addRow(tr("E-mail"), self.email_text)
        lay.addLayout(form)
        self.texts_save = QPushButton(tr("Enregistrer ces textes"))
        self.texts_save.clicked.connect(self.save_texts)
        self.texts_reset = QPushButton(tr("Rétablir les textes par défaut"))
        self.texts_reset.clicked.connect(self.reset_texts)
        self.texts_error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.texts_save)
        row.addWidget(self.texts_reset)
        row.addWidget(self.texts_error, 1)
        lay.addLayout(row)
        return box

    def _count(self) -> None:
        text = self.sms_text.toPlainText()
        line, ok = sms_counter(text)
        self.sms_count.setText(line)
        self.sms_count.setStyleSheet(OK_STYLE if ok else WARN_STYLE)
        self.sms_sample.setText(gsm.to_gsm(templates.fill(text, templates.SAMPLE, Part.SMS)))

    def _show_texts(self) -> None:
        st = self._settings
        k = MessageKind(self.kind.currentData())
        self.sms_text.setPlainText(st.template(k, Part.SMS))
        self.subject.setText(st.template(k, Part.SUBJECT))
        self.email_text.setPlainText(st.template(k, Part.EMAIL))
        self.texts_error.clear()
        self._count()

    # --- reading --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            self._settings: ReminderSettings = self.services.reminders.settings()
            types = self.services.directory.types()
        except DomainError:
            return
        st = self._settings
        self.enabled.setChecked(st.enabled)
        self.send_hour.setTime(QTime(st.send_hour.hour, st.send_hour.minute))
        self.window_start.setTime(QTime(st.window.start.hour, st.window.start.minute))
        self.window_end.setTime(QTime(st.window.end.hour, st.window.end.minute))
        self.period.setValue(st.period_min)
        self.workshop_rule.setCurrentIndex(max(0, self.workshop_rule.findData(st.workshop_rule)))
        self.sms_route.setCurrentIndex(max(0, self.sms_route.findData(st.sms_route.value)))
        self.email_route.setCurrentIndex(max(0, self.email_route.findData(st.email_route.value)))
        self.smtp_host.setText(st.smtp_host)
        self.smtp_port.setValue(st.smtp_port)
        self.smtp_security.setCurrentIndex(max(0, self.smtp_security.findData(st.smtp_security.value)))
        self.smtp_from.setText(st.smtp_from)
        self.gateway.setText(st.gateway_address)
        self.api_url.setText(st.api_url)
        self.sms_sender.setText(st.sms_sender)
        for key, edit in (("smtp.host", self.smtp_host), ("smtp.from", self.smtp_from)):
            source = st.source(key)
            edit.setToolTip(
                tr("Défini par {source} sur ce poste.").format(source=source)
                if source.startswith("variable")
                else ""
            )
        # the system keyring costs ~0.13 s of CPU to load and ask (issue 19): not at every start, only
        # once someone looks at this tab
        if self.isVisible():
            self._show_secrets()
        else:
            self._secrets_due = True
        self.types.setRowCount(0)
        for t in [t for t in types if t.active]:
            row = self.types.rowCount()
            self.types.insertRow(row)
            name = QTableWidgetItem(f"{t.code} — {t.label}")
            name.setData(Qt.ItemDataRole.UserRole, t.code)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.types.setItem(row, 0, name)
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            check.setCheckState(Qt.CheckState.Checked if st.confirm_for(t.code) else Qt.CheckState.Unchecked)
            self.types.setItem(row, 1, check)
            combo = QComboBox()
            combo.setAccessibleName(tr("Rappel pour {type}").format(type=t.label))
            for rule in RULES:
                combo.addItem(rule_label(rule), rule)
            combo.setCurrentIndex(max(0, combo.findData(st.rule_for(t.code))))
            self.types.setCellWidget(row, 2, combo)
        self.types.setMinimumHeight(min(8, self.types.rowCount() + 1) * (self.fontMetrics().height() + 12))
        self._show_texts()
        self._routes_changed()
        self.show_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._secrets_due:
            self._secrets_due = False
            self._show_secrets()

    def _show_secrets(self) -> None:
        secrets = self.services.reminders.secrets
        for label, names in (
            (self.smtp_secret, ("smtp.user", "smtp.password")),
            (self.api_secret, ("sms.api_token",)),
        ):
            sources = [secrets.source(n) for n in names]
            if all(sources):
                label.setText(tr("défini ({where})").format(where=sources[-1]))
            else:
                label.setText(tr("non défini"))

    def show_state(self) -> None:
        try:
            st = self.services.reminders.status()
        except DomainError as exc:
            self.state.setText(refusal_text(exc))
            return
        if not st.enabled:
            self.state.setText(tr("L'envoi des messages est désactivé."))
            return
        parts = [tr("{n} message(s) à envoyer maintenant").format(n=st.due_now)]
        if st.next_due is not None:
            parts.append(
                tr("prochain le {date} à {time}").format(
                    date=f"{st.next_due:%d/%m/%Y}", time=f"{st.next_due:%H:%M}"
                )
            )
        summary = str(st.last_run.get("summary", "")) if st.last_run else ""
        if summary:
            parts.append(tr("dernier envoi : {summary}").format(summary=summary))
        self.state.setText(" · ".join(parts))

    # --- writing --------------------------------------------------------------------------------------
    def _can(self) -> bool:
        return allowed(self.actor(), Perm.CONFIGURE_SITE)

    def _apply(self, values: dict[str, str | None], error: ErrorLabel, success: str) -> bool:
        """Store the values that changed, one checked call each; stop at the first refusal (shown)."""
        error.clear()
        stored = self._settings
        service = self.services.reminders
        for key, value in values.items():
            current = stored.stored.get(key)
            if value == current or (value is None and current is None):
                continue
            outcome = self.ops.run(
                partial(service.set_setting, actor=self.actor(), key=key, value=value),
                on_error=error.show_error,
            )
            if not outcome.ok:
                return False
        self.ops.message.emit(success, 4000)
        self.ops.bus.publish(Changes.of("config"))
        self.refresh()
        return True

    def save_sending(self) -> bool:
        start, end = self.window_start.time().toString("HH:mm"), self.window_end.time().toString("HH:mm")
        return self._apply(
            {
                "reminders.enabled": "oui" if self.enabled.isChecked() else "non",
                "reminders.send_hour": self.send_hour.time().toString("HH:mm"),
                "reminders.window": f"{start}-{end}",
                "reminders.period_min": str(self.period.value()),
                "reminders.workshop_rule": self.workshop_rule.currentData(),
            },
            self.sending_error,
            tr("Réglages d'envoi enregistrés."),
        )

    def save_channels(self) -> bool:
        values: dict[str, str | None] = {
            "reminders.sms_route": self.sms_route.currentData(),
            "reminders.email_route": self.email_route.currentData(),
        }
        st = self._settings
        for key, text in (
            ("smtp.host", self.smtp_host.text()),
            ("smtp.port", str(self.smtp_port.value())),
            ("smtp.security", self.smtp_security.currentData()),
            ("smtp.from", self.smtp_from.text()),
            ("sms.gateway_address", self.gateway.text()),
            ("sms.api_url", self.api_url.text()),
            ("sms.sender", self.sms_sender.text()),
        ):
            if text.strip() != st.raw(key) or key in st.stored:
                values[key] = text.strip()
        return self._apply(values, self.channels_error, tr("Canaux enregistrés."))

    def save_types(self) -> bool:
        values: dict[str, str | None] = {}
        for row in range(self.types.rowCount()):
            name, check = self.types.item(row, 0), self.types.item(row, 1)
            assert name is not None and check is not None
            code = name.data(Qt.ItemDataRole.UserRole)
            checked = check.checkState() == Qt.CheckState.Checked
            combo = self.types.cellWidget(row, 2)
            assert isinstance(combo, QComboBox)
            if checked != self._settings.confirm_for(code):
                values[f"reminders.confirm.{code}"] = "oui" if checked else "non"
            if combo.currentData() != self._settings.rule_for(code):
                values[f"reminders.rule.{code}"] = combo.currentData()
        return self._apply(values, self.types_error, tr("Règles par type enregistrées."))

    def save_texts(self) -> bool:
        k = MessageKind(self.kind.currentData())
        st = self._settings
        values: dict[str, str | None] = {}
        for part, text in (
            (Part.SMS, self.sms_text.toPlainText()),
            (Part.SUBJECT, self.subject.text()),
            (Part.EMAIL, self.email_text.toPlainText()),
        ):
            if text.strip() != st.template(k, part).strip():
                values[f"reminders.template.{k.value}.{part.value}"] = text
        return self._apply(values, self.texts_error, tr("Textes enregistrés."))

    def reset_texts(self) -> bool:
        k = MessageKind(self.kind.currentData())
        values: dict[str, str | None] = {
            f"reminders.template.{k.value}.{part.value}": None
            for part in Part
            if not self._settings.is_default_template(k, part)
        }
        return self._apply(values, self.texts_error, tr("Textes par défaut rétablis."))

    def ask_smtp_secret(self) -> SecretDialog:
        dialog = SecretDialog(
            tr("Connexion au relais SMTP"),
            [("smtp.user", tr("Identifiant"), False), ("smtp.password", tr("Mot de passe"), True)],
            self,
        )
        dialog.accepted.connect(lambda: self._store_secrets(dialog))
        dialog.open()
        self.dialog = dialog
        return dialog

    def ask_api_secret(self) -> SecretDialog:
        dialog = SecretDialog(tr("Jeton de l'API SMSFactor"), [("sms.api_token", tr("Jeton"), True)], self)
        dialog.accepted.connect(lambda: self._store_secrets(dialog))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _store_secrets(self, dialog: SecretDialog) -> None:
        service = self.services.reminders
        for key, value in dialog.values().items():
            if not value.strip():
                continue
            outcome = self.ops.run(
                partial(service.set_secret, actor=self.actor(), key=key, value=value),
                on_error=self.channels_error.show_error,
            )
            if not outcome.ok:
                return
        self._show_secrets()

    def _send(self) -> None:
        if self.send_now is not None:
            self.send_now()

    def apply_permissions(self) -> None:
        can = self._can()
        for w in (
            self.enabled, self.send_hour, self.window_start, self.window_end, self.period, self.workshop_rule,
            self.sending_save, self.sms_route, self.email_route, self.channels_save, self.types,
            self.types_save, self.sms_text, self.subject, self.email_text, self.texts_save, self.texts_reset,
        ):  # fmt: skip
            w.setEnabled(can)
        self.send_button.setEnabled(allowed(self.actor(), Perm.BOOK))
        self._routes_changed()
