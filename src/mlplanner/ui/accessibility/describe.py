"""Every interactive control has an accessible description, as screen readers read it after the name.

A control's own description (`setAccessibleDescription`, or its tooltip, which Qt reports as the
description) says what it does; where a control has none, one is written here from what the control is
and from what the person already sees around it: the placeholder of a field ("Tapez un nom puis Entrée
pour pointer l'arrivée…"), the box it sits in, and how it is used with the keyboard. It is filled when a
page or a dialog is shown, for the controls that have none, so a description written by hand always wins.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from mlplanner.ui.i18n import tr

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
    QTabWidget,
)


def usage(widget: QWidget) -> str:
    """How this kind of control is used from the keyboard (the name says what it is for)."""
    if isinstance(widget, QCheckBox):
        return tr("Case à cocher : Espace pour cocher ou décocher.")
    if isinstance(widget, QRadioButton):
        return tr("Choix : flèches pour passer d'une option à l'autre.")
    if isinstance(widget, QAbstractButton):
        return tr("Bouton : Espace pour l'activer.")
    if isinstance(widget, QComboBox):
        return tr("Liste déroulante : flèches haut et bas pour choisir, ou tapez les premières lettres.")
    if isinstance(widget, QDateEdit):
        return tr("Date (jj/mm/aaaa) : tapez-la, ou flèches haut et bas pour la changer.")
    if isinstance(widget, QAbstractSpinBox):
        return tr("Nombre : tapez-le, ou flèches haut et bas pour le changer.")
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return tr("Zone de saisie.")
    if isinstance(widget, QTableView):
        return tr("Tableau : flèches pour parcourir, Entrée pour ouvrir, touche Menu pour les actions.")
    if isinstance(widget, QAbstractItemView):
        return tr("Liste : flèches pour parcourir, Entrée pour choisir.")
    if isinstance(widget, QTabWidget):
        return tr("Onglets : Ctrl+Tab pour passer à l'onglet suivant.")
    return ""


def description_for(widget: QWidget) -> str:
    """A description from what surrounds the control: its field's hint, its box, its keyboard use."""
    parts = []
    placeholder = getattr(widget, "placeholderText", None)
    hint = placeholder() if callable(placeholder) else ""
    if hint:
        parts.append(hint if hint.endswith((".", "…")) else f"{hint}.")
    box = widget.parentWidget()
    while box is not None and not isinstance(box, QGroupBox) and not box.isWindow():
        box = box.parentWidget()
    if isinstance(box, QGroupBox) and box.title():
        parts.append(tr("Partie « {title} ».").format(title=box.title().replace("&", "")))
    parts.append(usage(widget))
    return " ".join(p for p in parts if p)


def described(widget: QWidget) -> bool:
    return bool(widget.accessibleDescription().strip() or widget.toolTip().strip())


def describe_missing(root: QWidget) -> int:
    """Give every interactive control under `root` without a description the one written here.
    Qt's own inner parts (a spin box's line edit, a table's header) are left to Qt. Returns how many."""
    done = 0
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or described(widget) or widget.objectName().startswith("qt_"):
            continue
        text = description_for(widget)
        if text:
            widget.setAccessibleDescription(text)
            done += 1
    return done


class Describer(QObject):
    """Fills the descriptions of each window and dialog when it is shown, and of each page of the main
    window when it is shown (pages are built on first use)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            describe_missing(obj)
        return False
