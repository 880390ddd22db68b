"""Dialogs of the window: the import preview."""
