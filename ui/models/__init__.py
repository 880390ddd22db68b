"""Qt table models of the window: segments, the portfolio row, the import preview's tables."""
