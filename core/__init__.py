"""LTV Studio core: data, formulas, reading and writing files. Plain Python, never Qt."""
