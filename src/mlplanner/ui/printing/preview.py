"""The print preview dialog: pages rasterised by pypdfium2, zoom, "Imprimer…", "Enregistrer en PDF…".

The PDF comes from a `produce()` call (a printing service method with `preview=True`, run off the GUI
thread through `Operations.background`); pypdfium2 turns its pages into QImages (no QtPdf add-on
needed). "Imprimer…" paints each page image at the printer's resolution (at most 300 dpi); "Enregistrer
en PDF…" writes the very bytes that were previewed. Either one then records the print in the audit log.
The file and printer choices are injectable (`choose_path`, `make_printer`) so tests never reach a
modal `exec()`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mlplanner.domain.errors import DomainError, InputError
from mlplanner.domain.text import fold
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.printing.output import PrintResult
from mlplanner.ui.i18n import tr
from mlplanner.ui.refusals import refusal_text
from mlplanner.ui.shell.keys import with_keys
from mlplanner.ui.shell.operations import Operations, ProgressFn
from mlplanner.ui.widgets.narrow import ElidedLabel, WrapBar, fit_to_screen

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
SCREEN_DPI = 96.0  # 100 % shows the page at its real size on a common screen
PRINT_DPI_MAX = 300  # enough for text and logos; 1,200 dpi pages would take 140 MB each
_PDFIUM = threading.Lock()  # pdfium is not thread-safe: one rasterisation at a time

PathChooser = Callable[[QWidget, str], Path | None]
PrinterFactory = Callable[[QWidget], QPrinter | None]
Produce = Callable[[], PrintResult]


# --- rasterising ----------------------------------------------------------------------------------


def page_images(data: bytes, scale: float, pages: list[int] | None = None) -> list[QImage]:
    """The PDF's pages as QImages, `scale` pixels per PDF point (safe in a worker thread)."""
    import pypdfium2 as pdfium

    out: list[QImage] = []
    with _PDFIUM:
        pdf = pdfium.PdfDocument(data)
        try:
            for i in pages if pages is not None else range(len(pdf)):
                bitmap = pdf[i].render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
                out.append(_to_qimage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride))
        finally:
            pdf.close()
    return out


def _to_qimage(pixels: object, width: int, height: int, stride: int) -> QImage:
    """Copy pdfium's RGBX pixels straight into a QImage that owns its memory (one copy, no Python
    buffer kept alive behind the image once pdfium's bitmap is gone)."""
    image = QImage(width, height, QImage.Format.Format_RGBX8888)
    src = memoryview(pixels).cast("B")  # type: ignore[arg-type]
    dst = image.bits()
    line = image.bytesPerLine()
    if line == stride:
        dst[: stride * height] = src[: stride * height]
    else:
        for y in range(height):
            dst[y * line : y * line + width * 4] = src[y * stride : y * stride + width * 4]
    return image


def first_page_size(data: bytes) -> tuple[float, float]:
    """(width, height) of the first page, in PDF points."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        pdf = pdfium.PdfDocument(data)
        try:
            w, h = pdf[0].get_size()
            return float(w), float(h)
        finally:
            pdf.close()


FIT_PAGE = "page"
FIT_WIDTH = "width"


def fit_zoom(page_pt: tuple[float, float], room: QSize, fit: str) -> float:
    """The zoom (1.0 = real size on a 96-dpi screen) at which a page fills `room` (logical pixels):
    whole (`FIT_PAGE`) or across (`FIT_WIDTH`), within the zoom bounds."""
    w, h = (max(1.0, v) * SCREEN_DPI / 72.0 for v in page_pt)
    zoom = room.width() / w if fit == FIT_WIDTH else min(room.width() / w, room.height() / h)
    return min(max(zoom, ZOOMS[0] / 2), ZOOMS[-1])


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    with _PDFIUM:
        pdf = pdfium.PdfDocument(data)
        try:
            return len(pdf)
        finally:
            pdf.close()


def suggested_name(result: PrintResult) -> str:
    """ "planning-du-jour-mardi-2-mars-2027.pdf": the title, accents and punctuation dropped."""
    words = re.findall(r"[a-z0-9]+", fold(result.title))
    return "-".join(words)[:90].strip("-") + ".pdf"


def ask_save_path(parent: QWidget, name: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, tr("Enregistrer en PDF"), name, tr("Documents PDF (*.pdf)"))
    if not path:
        return None
    return Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")


def ask_printer(parent: QWidget) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Imprimer"))
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_pdf(printer: QPrinter, data: bytes) -> int:
    """Paint every page on `printer`, each fitted to the printable area. Returns the pages printed.

    Safe in a worker thread: Qt allows QPainter on a QPrinter (or a QImage) outside the GUI thread."""
    dpi = min(printer.resolution(), PRINT_DPI_MAX)
    painter = QPainter()
    if not painter.begin(printer):
        raise InputError("printer", tr("L'imprimante n'est pas disponible."))
    n = page_count(data)
    try:
        for i in range(n):
            if i:
                printer.newPage()
            (image,) = page_images(data, dpi / 72.0, [i])
            area = painter.viewport()
            fitted = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = area.x() + (area.width() - fitted.width()) // 2
            painter.drawImage(QRect(x, area.y(), fitted.width(), fitted.height()), image)
    finally:
        painter.end()
    return n


# --- the preview ----------------------------------------------------------------------------------


class PrintPreviewDialog(QDialog):
    """Pages of one document, zoom, "Imprimer…", "Enregistrer en PDF…". Not modal: the day goes on."""

    ready = Signal(int)  # pages shown
    failed = Signal(str)  # French message
    saved = Signal(str)  # path written
    printed = Signal(int)  # pages sent to the printer

    def __init__(
        self,
        services: Services,
        actor: Callable[[], Actor],
        ops: Operations,
        produce: Produce,
        *,
        title: str = "",
        choose_path: PathChooser = ask_save_path,
        make_printer: PrinterFactory = ask_printer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.actor, self.ops, self.produce = services, actor, ops, produce
        self.choose_path, self.make_printer = choose_path, make_printer
        self.result: PrintResult | None = None
        self.zoom = 1.0
        self.fit: str | None = FIT_PAGE  # opens with the whole page in view (None: a zoom chosen)
        self._fitted_room = QSize()  # the room the pages were last fitted to
        self._generation = 0
        self._printer: QPrinter | None = None
        self._closed = False  # results arriving after a close are dropped (the widgets may be gone)
        self.page_labels: list[QLabel] = []
        self.setObjectName("printPreview")
        self.setWindowTitle(title or tr("Aperçu avant impression"))
        self.resize(900, 760)
        fit_to_screen(self)  # 150 % scaling: never taller than the screen

        self.print_btn = QPushButton(tr("&Imprimer…"))
        self.print_btn.setShortcut(QKeySequence("Ctrl+P"))
        self.save_btn = QPushButton(tr("&Enregistrer en PDF…"))
        self.save_btn.setShortcut(QKeySequence("Ctrl+S"))
        self.zoom_out_btn = QPushButton("−")
        self.zoom_out_btn.setShortcut(QKeySequence("Ctrl+-"))
        self.zoom_out_btn.setToolTip(tr("Réduire (Ctrl+−)"))
        self.zoom_out_btn.setAccessibleName(tr("Réduire"))
        self.zoom_in_btn = QPushButton("+")
        self.zoom_in_btn.setShortcut(QKeySequence("Ctrl++"))
        self.zoom_in_btn.setToolTip(tr("Agrandir (Ctrl++)"))
        self.zoom_in_btn.setAccessibleName(tr("Agrandir"))
        for b in (self.zoom_out_btn, self.zoom_in_btn):
            b.setFixedWidth(34)
        self.fit_page_btn = QPushButton(tr("Page &entière"))
        self.fit_page_btn.setToolTip(with_keys(tr("Voir la page entière"), "Ctrl+0"))
        self.fit_page_btn.setShortcut(QKeySequence("Ctrl+0"))
        self.fit_page_btn.clicked.connect(lambda: self.set_fit(FIT_PAGE))
        self.fit_width_btn = QPushButton(tr("&Largeur"))
        self.fit_width_btn.setToolTip(tr("La page sur toute la largeur de la fenêtre"))
        self.fit_width_btn.clicked.connect(lambda: self.set_fit(FIT_WIDTH))
        self._refit = QTimer(self)  # a resized window refits the page, once the resizing stops
        self._refit.setSingleShot(True)
        self._refit.setInterval(250)
        self._refit.timeout.connect(self._rerender)
        self.zoom_label = QLabel("100 %")
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info = ElidedLabel(tr("Préparation du document…"))
        self.info.setObjectName("previewInfo")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        close = QPushButton(tr("Fermer"))
        close.clicked.connect(self.close)

        # the output buttons go to a second row when the dialog is narrow (150 % scaling)
        bar = WrapBar(
            [self.zoom_out_btn, self.zoom_label, self.zoom_in_btn, self.fit_page_btn, self.fit_width_btn],
            self.info,
            [self.busy, self.save_btn, self.print_btn, close],
            title_may_shrink=True,
        )

        self.pages = QWidget()
        self.pages.setObjectName("previewPages")
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setSpacing(18)
        self.pages_layout.setContentsMargins(24, 24, 24, 24)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_area = QScrollArea()
        self.pages_area.setWidget(self.pages)
        self.pages_area.setWidgetResizable(True)
        self.pages_area.setStyleSheet("QScrollArea, QWidget#previewPages { background: #7d8790; }")
        lay = QVBoxLayout(self)
        self.refusal = QLabel()
        self.refusal.setObjectName("previewRefusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: #B02A37; font-weight: 600;")
        self.refusal.setAccessibleName(tr("Refus"))
        self.refusal.hide()
        lay.addWidget(bar)
        lay.addWidget(self.refusal)
        lay.addWidget(self.pages_area, 1)

        self.print_btn.clicked.connect(self.print_document)
        self.save_btn.clicked.connect(self.save_pdf)
        self.zoom_in_btn.clicked.connect(lambda: self.step_zoom(1))
        self.zoom_out_btn.clicked.connect(lambda: self.step_zoom(-1))
        self._set_enabled(False)

    # --- rendering ------------------------------------------------------------------------------
    def _room(self) -> QSize:
        """The room a page has in the scroll area (without its margins and a scroll bar)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the sizes of now, even before the dialog has been laid out on screen
        margins = self.pages_layout.contentsMargins()
        bar = self.pages_area.verticalScrollBar().sizeHint().width()
        view = self.pages_area.viewport().size()
        return QSize(
            max(100, view.width() - margins.left() - margins.right() - bar),
            max(100, view.height() - margins.top() - margins.bottom()),
        )

    def start(self) -> None:
        """Render the document and its pages in the background, fitted to the window; `ready` or
        `failed` follows."""
        self._generation += 1
        generation, room, fit, ratio = self._generation, self._room(), self.fit, self.devicePixelRatioF()
        self._fitted_room = room
        zoom = self.zoom
        preparing = tr("Préparation du document…")

        def work(progress: ProgressFn) -> tuple[PrintResult, list[QImage], float]:
            progress(0, 0, preparing)
            result = self.produce()
            assert result.data is not None
            z = fit_zoom(first_page_size(result.data), room, fit) if fit else zoom
            return result, page_images(result.data, z * SCREEN_DPI / 72.0 * ratio), z

        self.ops.background(
            work,
            label=tr("Aperçu avant impression"),
            on_done=lambda r: self._show(generation, r[0], r[1], r[2]),
            on_error=self._failed,
            parent=self,
        )

    def _rerender(self) -> None:
        if self.result is None or self.result.data is None:
            return
        self._generation += 1
        data, ratio = self.result.data, self.devicePixelRatioF()
        self._fitted_room = self._room()
        zoom = fit_zoom(first_page_size(data), self._fitted_room, self.fit) if self.fit else self.zoom
        generation, scale = self._generation, zoom * SCREEN_DPI / 72.0 * ratio
        self.busy.show()
        self.ops.background(
            lambda _p: page_images(data, scale),
            label=tr("Mise à l'échelle de l'aperçu"),
            on_done=lambda images: self._show(generation, self.result, images, zoom),
            parent=self,
        )

    def _show(
        self, generation: int, result: PrintResult | None, images: list[QImage], zoom: float | None = None
    ) -> None:
        if generation != self._generation or result is None:
            return  # a later zoom superseded this rendering
        self.result = result
        if zoom is not None:
            self.zoom = zoom
        self.busy.hide()
        for label in self.page_labels:
            label.deleteLater()
        self.page_labels = []
        ratio = self.devicePixelRatioF()
        for i, image in enumerate(images):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label = QLabel()
            label.setPixmap(pixmap)
            label.setAccessibleName(tr("Page {page} sur {pages}").format(page=i + 1, pages=len(images)))
            label.setStyleSheet("background: white; border: 1px solid #4b5560;")
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        pages = (tr("{n} pages") if result.pages > 1 else tr("{n} page")).format(n=result.pages)
        self.info.setText(f"{result.title} — {pages}")
        self.zoom_label.setText(f"{round(self.zoom * 100)} %")
        self._set_enabled(True)
        self.ready.emit(len(images))

    def _failed(self, exc: DomainError) -> None:
        if self._closed:
            return
        self.busy.hide()
        self.info.setText(refusal_text(exc))
        self.info.setToolTip(refusal_text(exc))
        self.info.setStyleSheet("color: #B02A37;")
        self.refusal.setText(refusal_text(exc))  # whole, on as many lines as it needs
        self.refusal.show()
        self.failed.emit(refusal_text(exc))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        self._generation += 1  # a rendering still running is now stale
        super().closeEvent(event)

    def _set_enabled(self, on: bool) -> None:
        for b in (
            self.print_btn,
            self.save_btn,
            self.zoom_in_btn,
            self.zoom_out_btn,
            self.fit_page_btn,
            self.fit_width_btn,
        ):
            b.setEnabled(on)

    def set_zoom(self, zoom: float) -> None:
        self.fit = None  # a zoom chosen: kept when the window is resized
        zoom = min(max(zoom, ZOOMS[0]), ZOOMS[-1])
        if zoom != self.zoom:
            self.zoom = zoom
            self.zoom_label.setText(f"{round(zoom * 100)} %")
            self._rerender()

    def set_fit(self, fit: str) -> None:
        """The whole page (`FIT_PAGE`) or its width (`FIT_WIDTH`) in view, now and after a resize."""
        self.fit = fit
        self._rerender()

    def step_zoom(self, step: int) -> None:
        """The next zoom of the list above (or below) the current one, fitted or not."""
        if step > 0:
            bigger = [z for z in ZOOMS if z > self.zoom + 1e-6]
            self.set_zoom(bigger[0] if bigger else ZOOMS[-1])
        else:
            smaller = [z for z in ZOOMS if z < self.zoom - 1e-6]
            self.set_zoom(smaller[-1] if smaller else ZOOMS[0])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit and self.result is not None and not self._closed:
            room, last = self._room(), self._fitted_room
            if abs(room.width() - last.width()) > 8 or abs(room.height() - last.height()) > 8:
                self._refit.start()  # really resized (not the layout settling): refit

    # --- output ---------------------------------------------------------------------------------
    def save_pdf(self) -> Path | None:
        """Write the previewed PDF where the user chooses, then record it in the audit log."""
        result = self.result
        if result is None or result.data is None:
            return None
        path = self.choose_path(self, suggested_name(result))
        if path is None:
            return None
        try:
            path.write_bytes(result.data)
        except OSError as exc:
            self.ops.prompt.error(
                self,
                tr("Impossible d'enregistrer « {path} » : {why}.").format(path=path, why=exc.strerror or exc),
            )
            return None
        self.ops.run(
            lambda: self.services.printing.record_output(
                actor=self.actor(), result=result, output="pdf", path=path
            ),
            parent=self,
        )
        self.ops.message.emit(tr("Enregistré : {path}").format(path=path), 6000)
        self.saved.emit(str(path))
        return path

    def print_document(self) -> bool:
        """Send the pages to a printer chosen in the print dialog (painted off the GUI thread: about half
        a second a page at 300 dpi), then record the print in the audit log. `printed` follows."""
        result = self.result
        if result is None or result.data is None:
            return False
        printer = self.make_printer(self)
        if printer is None:
            return False
        data = result.data
        self._printer = printer  # kept alive until the worker is done with it
        self.print_btn.setEnabled(False)
        self.busy.show()

        actor, services, ops = self.actor(), self.services, self.ops

        def done(pages: int) -> None:
            # The pages are on paper: record it even if the preview was closed in the meantime.
            ops.run(lambda: services.printing.record_output(actor=actor, result=result, output="printer"))
            ops.message.emit(
                tr("{title} : {pages} page(s) envoyée(s) à l'imprimante.").format(
                    title=result.title, pages=pages
                ),
                6000,
            )
            if not self._closed:
                self._printer = None
                self.busy.hide()
                self.print_btn.setEnabled(True)
                self.printed.emit(pages)

        def failed(exc: DomainError) -> None:
            ops.prompt.error(None if self._closed else self, refusal_text(exc))
            if not self._closed:
                self._printer = None
                self.busy.hide()
                self.print_btn.setEnabled(True)

        self.ops.background(
            lambda _progress: print_pdf(printer, data),
            label=tr("Impression"),
            on_done=done,
            on_error=failed,
            parent=self,
        )
        return True
