"""Panels around the grid: summary strip, formula line, banners, Explain, charts.

A side or bottom panel is a QWidget taking ``(shell, parent)`` (``ui.window.shell.Shell``),
registered by one line in ``ui.registry``.
"""
