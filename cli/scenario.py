"""``--scenario NAME`` for the commands that read a project (DESIGN.md §6): compute, export,
whatif work on a scenario's inputs instead of the base's."""

from __future__ import annotations

import argparse

from core.project import Project, ScenarioError


def add_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scenario", metavar="NAME", help="a scenario of the project instead of its base"
    )


def apply(
    project: Project, name: str | None, lang: str, path: str = ""
) -> tuple[Project, str | None]:
    """The project as scenario ``name`` sees it, and the scenario's name as saved.

    No name: the project itself and None. An unknown name raises ``ScenarioError`` naming the
    file, which the command line prints as one line with exit code 2.
    """
    if name is None:
        return project, None
    try:
        scenario = project.scenario(name, lang).name
    except ScenarioError as exc:
        raise ScenarioError(f"{path}: {exc}" if path else str(exc)) from None
    return project.with_scenario(scenario, lang), scenario
