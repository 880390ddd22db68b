"""Order logs (DESIGN.md §8.1–8.3, §10): from a log of orders to segment inputs and cohorts."""
