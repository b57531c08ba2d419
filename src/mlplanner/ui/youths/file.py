"""The youth file: identity and contact, programme (with its end-date warning), history, attendance, and
the tabs other areas add (CEJ hours, follow-up, FSE+); edit the record, or merge it with another record
of the same person.

Everything shown comes from `services.followup.youth_summary`; edits go through
`services.youths.update` / `merge` via `Operations` (French refusal inline, changes on the bus).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.confidentiality import CONFIDENTIAL_LABEL
from mlplanner.domain.enums import Programme
from mlplanner.domain.errors import DomainError, NotFound
from mlplanner.domain.labels import PROGRAMME_FR
from mlplanner.domain.wallclock import format_date_fr
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.followup.service import Activity, YouthSummary
from mlplanner.services.permissions import Perm, allowed
from mlplanner.services.youths.service import YouthDraft
from mlplanner.ui.i18n import tr, tr_noop, weekday_abbr, weekday_name
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.bus import ChangeBus, concerns
from mlplanner.ui.shell.keys import with_keys
from mlplanner.ui.shell.operations import Operations
from mlplanner.ui.shell.prompt import Prompt
from mlplanner.ui.widgets.rows_model import Column, RowsModel, compact_rows
from mlplanner.ui.youths.form import YouthForm
from mlplanner.ui.youths.widgets import DialogMergeChooser, MergeChooser, YouthSearchField

STATUS_COLOURS = {"seen": "#1E7B34", "arrived": "#1E7B34", "no_show": "#B02A37", "attended": "#1E7B34"}
WARNING_STYLE = "background:#FFF3CD; border:1px solid #E0B252; border-radius:4px; padding:6px; color:#5C4400;"
ERROR_STYLE = "color:#B02A37;"


def day_fr(d: date) -> str:
    return f"{weekday_name(d.weekday())} {format_date_fr(d)}"


def _age(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


# Labels the follow-up service puts in a history line, shown through tr() (listed here for the .ts;
# the statuses, attendance marks and registration states come from `i18n.label_sources()`).
HISTORY_LABELS = (
    tr_noop("Rendez-vous"),
    tr_noop("Atelier"),
    tr_noop("à renseigner"),
    tr_noop("séance annulée"),
    tr_noop("présence à saisir"),
)


def attendance_text(s: YouthSummary) -> str:
    a = s.attendance
    if a.rate is None:
        return tr("pas encore de rendez-vous passé")
    return tr("{rate} % ({attended} présent(s) sur {total})").format(
        rate=round(a.rate * 100), attended=a.attended, total=a.attended + a.missed
    )


def _title(a: Activity) -> str:
    """The history line's object; a confidential appointment is named in the UI's language."""
    if a.title == CONFIDENTIAL_LABEL:
        return tr("Rendez-vous confidentiel")
    if a.confidential:
        return tr("{label} (confidentiel)").format(label=a.title)
    return a.title


def history_columns() -> list[Column[Activity]]:
    return [
        Column(
            tr("Date"),
            lambda a: f"{weekday_abbr(a.start.weekday())} {a.start:%d/%m/%Y}",
            sort_key=lambda a: a.start.isoformat(),
        ),
        Column(tr("Heure"), lambda a: f"{a.start:%H:%M}–{a.end:%H:%M}"),
        Column(tr("Nature"), lambda a: tr(a.kind_label)),
        Column(tr("Objet"), _title, tooltip=_title),
        Column(tr("Avec"), lambda a: a.with_whom),
        Column(tr("Lieu"), lambda a: a.place),
        Column(
            tr("Statut"),
            lambda a: tr(a.status_label),
            foreground=lambda a: "#1F5FA8" if a.upcoming else STATUS_COLOURS.get(a.status, "#6C757D"),
        ),
    ]


class YouthFilePage(QWidget):
    youthShown = Signal(str)
    bookingRequested = Signal(dict)  # the booking dialog for this young person

    def __init__(
        self,
        services: Services,
        bus: ChangeBus,
        actor: Callable[[], Actor],
        *,
        ops: Operations,
        prompt: Prompt,
        merge_chooser: MergeChooser | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.bus, self.actor, self.ops, self.prompt = services, bus, actor, ops, prompt
        self.merge_chooser: MergeChooser = merge_chooser or DialogMergeChooser()
        self.youth_id: str | None = None
        self.summary: YouthSummary | None = None
        self.setObjectName("youthFilePage")

        self.search = YouthSearchField(services, self)
        self.search.chosen.connect(self.show_youth)
        self.pages = QStackedWidget()
        self.empty = QLabel(
            tr(
                "Recherchez un jeune ci-dessus (quelques lettres du nom, sans accents si vous voulez),\n"
                "ou ouvrez un dossier depuis l'agenda ou le portefeuille."
            )
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self._build_content())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addWidget(self.search)
        lay.addWidget(self.pages, 1)
        QShortcut(
            QKeySequence("Ctrl+S"), self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        ).setWhatsThis(tr("Enregistrer les modifications du dossier"))
        QShortcut(
            QKeySequence("Ctrl+F"),
            self,
            self.search.setFocus,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        ).setWhatsThis(tr("Rechercher un autre jeune"))
        bus.changed.connect(self._on_changed)
        self.apply_permissions()

    # --- layout ----------------------------------------------------------------------------------
    def _build_content(self) -> QWidget:
        self.name_label = QLabel()
        self.name_label.setObjectName("youthName")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.sub_label = QLabel()
        self.sub_label.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("programmeWarning")
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setWordWrap(True)

        self.form = YouthForm()
        self.f, self.sms, self.accessible = self.form.f, self.form.sms, self.form.accessible
        self.referent, self.programme = self.form.referent, self.form.programme

        self.save_button = QPushButton(tr("Enregistrer"))
        self.save_button.setToolTip(with_keys(tr("Enregistrer les modifications"), "Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(tr("Annuler les modifications"))
        self.revert_button.clicked.connect(lambda: self.reload(force_form=True))
        self.book_button = QPushButton(tr("Nouveau rendez-&vous…"))
        self.book_button.setObjectName("bookForYouth")
        self.book_button.setToolTip(with_keys(tr("Prendre un rendez-vous pour ce jeune"), "Ctrl+N"))
        self.book_button.clicked.connect(self.book)
        self.merge_button = QPushButton(tr("Fusionner avec une autre fiche…"))
        self.merge_button.clicked.connect(self.merge)
        self.error = QLabel()
        self.error.setObjectName("youthError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)

        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(self.form)
        left_lay.addLayout(buttons)
        left_lay.addWidget(self.error)
        left_lay.addStretch(1)
        left_lay.addWidget(self.merge_button)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumWidth(330)  # 400 when there is room, narrower at 150 % scaling
        scroll.setMaximumWidth(400)

        self.stats = QLabel()
        self.stats.setObjectName("youthStats")
        self.stats.setTextFormat(Qt.TextFormat.RichText)
        self.history_model: RowsModel[Activity] = RowsModel(history_columns(), key=lambda a: (a.kind, a.id))
        self.history = QTableView()
        self.history.setAccessibleName(tr("Historique des rendez-vous et ateliers"))
        self.history.setModel(self.history_model)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        compact_rows(self.history)
        self.history.setAlternatingRowColors(True)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # the history, then the tabs other areas add (CEJ hours, follow-up and FSE+: `add_section`)
        self.sections = QTabWidget()
        self.sections.setObjectName("youthSections")
        self.sections.addTab(self.history, tr("Historique"))

        right = QVBoxLayout()
        right.addWidget(self.stats)
        right.addWidget(self.sections, 1)
        body = QHBoxLayout()
        body.addWidget(scroll, 2)
        body.addLayout(right, 3)

        content = QWidget()
        lay = QVBoxLayout(content)
        lay.setContentsMargins(0, 8, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.name_label, 1)
        head.addWidget(self.book_button)
        lay.addLayout(head)
        lay.addWidget(self.sub_label)
        lay.addWidget(self.warning)
        lay.addLayout(body, 1)
        return content

    def add_section(self, widget: QWidget, title: str) -> int:
        """A tab beside the history for another area's view of the young person (it follows
        `youthShown` itself)."""
        area = QScrollArea()
        area.setWidget(widget)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        return self.sections.addTab(area, title)

    # --- permissions -----------------------------------------------------------------------------
    def apply_permissions(self) -> None:
        actor = self.actor()
        can_edit = allowed(actor, Perm.EDIT_YOUTH)
        self.form.set_editable(can_edit)
        for w in (self.save_button, self.revert_button):
            w.setEnabled(can_edit)
        can_merge = allowed(actor, Perm.MERGE_YOUTH)
        self.merge_button.setEnabled(can_merge)
        self.merge_button.setToolTip(
            tr("Rattacher une fiche en double à celle-ci (l'historique est conservé)")
            if can_merge
            else tr("Réservé au responsable de site.")
        )
        self.reload()  # what the history shows depends on who reads it (confidential types)

    # --- loading ---------------------------------------------------------------------------------
    def show_youth(self, youth_id: str) -> None:
        self.youth_id = youth_id
        self.error.clear()
        self.reload(force_form=True)
        if self.summary is not None:
            self.youthShown.emit(youth_id)

    def reload(self, *, force_form: bool = False) -> None:
        if self.youth_id is None:
            return
        try:
            summary = self.services.followup.youth_summary(self.youth_id, viewer=self.actor())
        except NotFound:
            self.youth_id, self.summary, self.form.dirty = None, None, False
            self.empty.setText(tr("Ce dossier n'existe plus : la fiche a été fusionnée avec une autre."))
            self.pages.setCurrentIndex(0)
            return
        self.summary = summary
        self.pages.setCurrentIndex(1)
        self._show_header(summary)
        self._show_follow_up(summary)
        if force_form or not self.form.dirty:
            self.form.fill(summary.youth, self.services.directory.staff(include_inactive=True))

    def _today(self) -> date:
        return self.services.ctx.today()

    def _show_header(self, s: YouthSummary) -> None:
        y = s.youth
        self.name_label.setText(y.display_name)
        bits = []
        if y.birth_date:
            bits.append(
                tr("{age} ans, né(e) le {date}").format(
                    age=_age(y.birth_date, self._today()), date=format_date_fr(y.birth_date)
                )
            )
        bits.append(
            tr("référent : {name}").format(name=s.referent_name) if s.referent_name else tr("sans référent")
        )
        if y.programme is not Programme.NONE:
            span = tr(PROGRAMME_FR[y.programme])
            if y.programme_start:
                span += tr(" depuis le {date}").format(date=format_date_fr(y.programme_start))
            if y.programme_end:
                span += tr(", jusqu'au {date}").format(date=format_date_fr(y.programme_end))
            bits.append(span)
        self.sub_label.setText(" · ".join(bits))
        self.warning.setText(s.programme_warning)
        self.warning.setVisible(bool(s.programme_warning))

    def _show_follow_up(self, s: YouthSummary) -> None:
        last = day_fr(s.last_contact.date()) if s.last_contact else tr("aucun")
        nxt = (
            tr("{day} à {time}").format(day=day_fr(s.next_contact.date()), time=f"{s.next_contact:%H:%M}")
            if s.next_contact
            else tr("aucun")
        )
        self.stats.setText(
            tr(
                "<b>Assiduité :</b> {rate}<br><b>Dernier contact :</b> {last}<br>"
                "<b>Prochain rendez-vous :</b> {next}"
            ).format(rate=attendance_text(s), last=last, next=nxt)
        )
        self.history_model.set_rows(s.history)

    def _on_changed(self, changes: object) -> None:
        if self.youth_id is None or not concerns(changes, "youths", "appointments", "workshops", "staff"):
            return
        ids = getattr(changes, "ids", frozenset())
        if not concerns(changes, "appointments", "workshops", "staff") and ids and self.youth_id not in ids:
            return  # another youth's record changed
        self.reload()

    # --- actions ---------------------------------------------------------------------------------
    def draft(self) -> YouthDraft:
        return self.form.draft()

    def _show_error(self, exc: DomainError) -> None:
        self.error.setText(refusal_text(exc))

    def save(self) -> bool:
        if self.youth_id is None or not self.save_button.isEnabled():
            return False
        self.error.clear()
        youth_id = self.youth_id
        done = self.ops.run(
            lambda: self.services.youths.update(actor=self.actor(), youth_id=youth_id, draft=self.draft()),
            on_error=self._show_error,
            success=tr("Dossier enregistré."),
        )
        if done:
            self.reload(force_form=True)
        return bool(done)

    def booking_prefill(self) -> dict:
        """Ctrl+N on this page books for the young person shown."""
        return {"youth_id": self.youth_id} if self.youth_id else {}

    def book(self) -> None:
        if self.youth_id is not None:
            self.bookingRequested.emit(self.booking_prefill())

    def merge(self) -> None:
        if self.summary is None:
            return
        youth = self.summary.youth
        pair = self.merge_chooser.choose(self, self.services, youth)
        if pair is None:
            return
        keep_id, drop_id = pair
        keep, drop = self.services.youths.get(keep_id), self.services.youths.get(drop_id)
        question = tr(
            "Fusionner la fiche « {drop} » dans « {keep} » ?\n\n"
            "Les rendez-vous et inscriptions de la première sont rattachés à la seconde, qui est "
            "complétée des informations manquantes. La fiche « {drop} » disparaît. "
            "Cette opération ne peut pas être annulée."
        ).format(drop=drop.display_name, keep=keep.display_name)
        if not self.prompt.confirm(self, question, title=tr("Fusionner deux fiches")):
            return
        done = self.ops.run(
            lambda: self.services.youths.merge(actor=self.actor(), keep_id=keep_id, drop_id=drop_id),
            on_error=self._show_error,
            success=tr("Fiches fusionnées."),
        )
        if done:
            self.show_youth(keep_id)
