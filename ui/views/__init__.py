"""The grid's views: the frozen-column table, the cell delegate and the grid pane."""
