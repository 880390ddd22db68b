"""Files are written with the user's umask (issue 9 item 10): a colleague can open them.

``tempfile.mkstemp`` gave every saved project, export and recovery copy the mode 0600.
"""

from __future__ import annotations

import os
import stat
import sys
from contextlib import contextmanager

import pytest

from core import atomic
from core.export import write_workbook
from core.project import Project, SegmentTable, save_project

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def project() -> Project:
    table = SegmentTable.from_records([{"segment": "A", "customers": 10, "avg_order_value": 5}])
    return Project(name="p", segments=table)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_0666_less_the_umask(tmp_path, mask, expected):
    path = tmp_path / "new.bin"
    with umask(mask):
        atomic.write_atomic(path, b"data")
    assert path.read_bytes() == b"data"
    assert mode(path) == expected


def test_saved_project_and_workbook_are_readable_by_the_group(tmp_path):
    with umask(0o002):  # a shared folder's usual umask
        save_project(project(), tmp_path / "p.ltv.json")
        write_workbook(project(), tmp_path / "p.xlsx")
    assert mode(tmp_path / "p.ltv.json") == 0o664
    assert mode(tmp_path / "p.xlsx") == 0o664


def test_a_file_written_over_keeps_its_mode(tmp_path):
    path = tmp_path / "kept.bin"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    with umask(0o022):
        atomic.write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert mode(path) == 0o640


def test_no_temporary_is_left_and_names_do_not_collide(tmp_path, monkeypatch):
    """A taken temporary name is skipped, as mkstemp does; nothing but the file is left."""
    taken = tmp_path / ".f.bin.00000000.tmp"
    taken.write_bytes(b"someone else's")
    tokens = iter(["00000000", "00000001"])
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: next(tokens))
    atomic.write_atomic(tmp_path / "f.bin", b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".f.bin.00000000.tmp", "f.bin"]
    assert taken.read_bytes() == b"someone else's"
