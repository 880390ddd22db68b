"""The program's name and version: the one place both are written.

``pyproject.toml`` reads ``VERSION`` from here (setuptools' ``attr:``), and ``--version``, the
About box and the bundle's file properties show it.
"""

NAME = "LTV Studio"
VERSION = "0.1.0"
