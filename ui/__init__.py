"""The window of LTV Studio: Qt adapters over core (DESIGN.md §7)."""
