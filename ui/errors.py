"""An unexpected error shows a dialog that offers to save a copy; the window stays alive."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget


class ErrorHandler:
    """sys.excepthook for the window: log, tell the user in words, offer to save a copy."""

    def __init__(
        self,
        window: QWidget,
        save_copy: Callable[[], None],
        log: Callable[[BaseException], object] | None = None,
    ) -> None:
        self._window = window
        self._save_copy = save_copy
        self._log = log
        self._showing = False
        self.previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(self, kind, exc, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        where = None
        if self._log is not None:
            try:
                where = self._log(exc)
            except Exception:  # the log must never make things worse
                where = None
        detail = "".join(traceback.format_exception(kind, exc, tb))
        if self._showing:  # an error inside the dialog: do not stack dialogs
            sys.stderr.write(detail)
            return
        self._showing = True
        from PySide6.QtWidgets import QMessageBox  # not at start-up: its enums are dear

        try:
            box = QMessageBox(self._window)
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(QCoreApplication.translate("ErrorHandler", "Unexpected error"))
            box.setText(
                QCoreApplication.translate(
                    "ErrorHandler",
                    "Something went wrong: {error}. Your work is still open. Save a copy to be "
                    "safe?",
                ).format(error=f"{kind.__name__}: {exc}".splitlines()[0][:300])
            )
            if where:
                box.setInformativeText(
                    QCoreApplication.translate(
                        "ErrorHandler", "Details were written to {path}."
                    ).format(path=where)
                )
            box.setDetailedText(detail)
            save = box.addButton(
                QCoreApplication.translate("ErrorHandler", "Save a Copy…"),
                QMessageBox.ButtonRole.AcceptRole,
            )
            box.addButton(
                QCoreApplication.translate("ErrorHandler", "Continue"),
                QMessageBox.ButtonRole.RejectRole,
            )
            box.exec()
            if box.clickedButton() is save:
                self._save_copy()
        finally:
            self._showing = False
