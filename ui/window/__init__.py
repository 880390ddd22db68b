"""The main window and its helpers: actions and menus, files, settings, presentation."""
