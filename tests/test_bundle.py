"""The program as people install it (DESIGN.md §11): the bundle, ``pip install .``, the version.

The bundle's tests run on a built ``dist/LTV Studio/`` (``make bundle``) copied into another
folder and started with a bare environment (``env -i`` and a temporary HOME), as on a machine
that has never seen Python. They run when ``LTV_STUDIO_BUNDLE`` names a bundle folder or
``REQUIRE_BUNDLE=1`` is set (CI builds the bundle first and sets it; a missing bundle is then a
failure, not a skip). The others need only the checkout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import struct
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from cli import COMMANDS
from core import paths
from core.version import NAME, VERSION

ROOT = Path(__file__).resolve().parent.parent
LINUX = sys.platform.startswith("linux")
#: the program a terminal runs: on Windows the console twin of the windowed "LTV Studio.exe"
EXE_NAME = "ltv-studio.exe" if sys.platform == "win32" else NAME
#: main.py's environment: English, and UTF-8 on a pipe on Windows too (the bundle's own mode)
ENV = {**os.environ, "LANG": "en_US.UTF-8", "PYTHONUTF8": "1"}


# --- the version ---------------------------------------------------------------------------


def test_version_has_one_source():
    """pyproject.toml reads it from core/version.py; ``--version`` prints it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "core.version.VERSION"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"LTV Studio {VERSION}"


# --- the program's own files ----------------------------------------------------------------


def test_resources_are_found_in_a_checkout():
    assert paths.sample().is_file()
    assert (paths.examples() / "worked_examples.csv").is_file()
    assert (paths.translations() / "ltv_studio_ru.qm").is_file()
    assert (paths.translations() / "ltv_studio_en.qm").is_file()
    assert [p.name for p in paths.fonts()] == ["DejaVuSans-Bold.ttf", "DejaVuSans.ttf"]
    assert [int(p.stem.rsplit("-", 1)[1]) for p in paths.icons()] == [
        16, 24, 32, 48, 64, 128, 256, 512
    ]  # fmt: skip
    assert paths.icon(48).is_file() and paths.icon() == paths.icon(512)


def test_resources_are_found_inside_a_bundle(tmp_path, monkeypatch):
    """PyInstaller sets ``sys._MEIPASS`` to the folder it unpacked the program into."""
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources() == tmp_path / "resources"
    assert paths.sample() == tmp_path / "resources" / "sample.ltv.json"


def test_icons_are_the_sizes_they_say():
    for path in paths.icons():
        size = int(path.stem.rsplit("-", 1)[1])
        assert png_size(path.read_bytes()) == (size, size), path.name
    ico = (ROOT / "packaging" / "ltv-studio.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    icns = (ROOT / "packaging" / "ltv-studio.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_shipped_fonts_have_cyrillic(qapp):
    """The PDF's font, registered from resources/fonts where the system lacks it."""
    from PySide6.QtGui import QFontDatabase

    for path in paths.fonts():
        font_id = QFontDatabase.addApplicationFont(str(path))
        assert font_id >= 0, path
        assert QFontDatabase.applicationFontFamilies(font_id) == ["DejaVu Sans"]
    assert QFontDatabase.WritingSystem.Cyrillic in QFontDatabase.writingSystems("DejaVu Sans")


def test_desktop_file_names_the_command_and_icon():
    text = (ROOT / "packaging" / "linux" / "ltv-studio.desktop").read_text("utf-8")
    entries = dict(line.split("=", 1) for line in text.splitlines()[1:] if "=" in line)
    assert text.splitlines()[0] == "[Desktop Entry]"
    assert entries["Type"] == "Application" and entries["Name"] == "LTV Studio"
    assert entries["Exec"] == "ltv-studio %f" and entries["Icon"] == "ltv-studio"
    assert "application/x-ltv-studio" in entries["MimeType"].split(";")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(not LINUX, reason="freedesktop menus")
@pytest.mark.parametrize("lang", ["en_US.UTF-8", "ru_RU.UTF-8"])
def test_linux_install_script_says_where_the_command_is(tmp_path, lang):
    """install.sh speaks the user's language, and says when ~/.local/bin is not yet in PATH
    (Debian's profile adds it at the next login only): typing ``ltv-studio`` would fail."""
    folder = tmp_path / NAME
    shutil.copytree(ROOT / "packaging" / "linux", folder)
    shutil.copytree(paths.resources() / "icons", folder / "_internal" / "resources" / "icons")
    (folder / NAME).write_text("#!/bin/sh\necho stand-in\n")
    (folder / NAME).chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    bin_ = home / ".local" / "bin"
    said = {}
    for path in ("/usr/bin:/bin", f"{bin_}:/usr/bin:/bin"):
        env = {"HOME": str(home), "PATH": path, "LANG": lang}
        done = subprocess.run(["sh", str(folder / "install.sh")], env=env, capture_output=True,
                              text=True, timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stderr
        said[path] = done.stdout.strip().splitlines()
    outside, inside = said.values()
    assert len(inside) == 1 and inside == outside[:1]
    assert len(outside) == 2 and f'"{bin_}/ltv-studio"' in outside[1]
    if lang.startswith("ru"):
        assert inside[0].startswith("LTV Studio есть в меню приложений")
        assert "после нового входа в систему" in outside[1]
    else:
        assert inside[0].startswith("LTV Studio is in your applications menu")
        assert "works after you log in again" in outside[1]
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": lang}
    done = subprocess.run(["sh", str(folder / "install.sh"), "--uninstall"], env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert ("удалены" in done.stdout) == lang.startswith("ru")
    assert not (bin_ / "ltv-studio").exists()


# --- pip install . ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel ``pip install .`` builds, from a copy of the checkout (a build writes beside
    its sources), with this environment's setuptools."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "main.py"):
        shutil.copy(ROOT / name, source / name)
    for name in ("cli", "core", "ui", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    pip("wheel", "--no-build-isolation", "--wheel-dir", str(out), str(source))
    (built,) = out.glob("ltv_studio-*.whl")
    return built


def pip(*args: str) -> None:
    """``pip COMMAND --quiet --no-deps ARGS`` with this Python; it must succeed."""
    command = [sys.executable, "-m", "pip", args[0], "--quiet", "--no-deps", *args[1:]]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_wheel_carries_the_resources_and_the_command(wheel):
    assert wheel.name.startswith(f"ltv_studio-{VERSION}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "main.py",
        "cli/__init__.py",
        "core/paths.py",
        "ui/app.py",
        "resources/sample.ltv.json",
        "resources/examples/worked_examples.csv",
        "resources/translations/ltv_studio_ru.qm",
        "resources/translations/ltv_studio_en.qm",
        "resources/fonts/DejaVuSans.ttf",
        "resources/fonts/LICENSE",
        "resources/icons/ltv-studio-256.png",
    ):
        assert needed in names, needed
    assert not any(n.startswith(("tests/", "bench/", "packaging/")) for n in names)
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "ltv-studio = cli:main" in text


def test_installed_command_runs_from_anywhere(wheel, tmp_path):
    """``pip install`` of the wheel, then its ``ltv-studio`` script outside the checkout."""
    target = tmp_path / "site"
    pip("install", "--no-compile", "--target", str(target), str(wheel))
    if sys.platform == "win32":  # pip writes a launcher .exe there
        command = [str(target / "bin" / "ltv-studio.exe")]
    else:
        command = [sys.executable, str(target / "bin" / "ltv-studio")]
    env = {**ENV, "PYTHONPATH": str(target)}
    run = lambda *args: subprocess.run(  # noqa: E731
        [*command, *args], cwd=tmp_path, env=env, capture_output=True, text=True,
        encoding="utf-8", timeout=120,
    )  # fmt: skip
    version = run("--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"LTV Studio {VERSION}"
    sample = target / "resources" / "sample.ltv.json"
    installed = run("compute", str(sample), "--json")
    assert installed.returncode == 0, installed.stderr
    here = main_json("compute", str(sample), "--json")
    assert json.loads(installed.stdout) == json.loads(here)
    where = run("--screenshot", str(tmp_path / "shot.png"))
    assert where.returncode == 0, where.stderr
    assert png_size((tmp_path / "shot.png").read_bytes()) == (1366, 768)


def main_json(*args: str) -> str:
    """What ``python main.py ARGS`` prints (it must succeed)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=ENV,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# --- the bundle -------------------------------------------------------------------------------


def bundle_folder() -> Path | None:
    named = os.environ.get("LTV_STUDIO_BUNDLE")
    if named:
        return Path(named)
    if os.environ.get("REQUIRE_BUNDLE") == "1":
        return ROOT / "dist" / NAME
    return None


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """A copy of the built bundle in a fresh folder (as a user copies it elsewhere)."""
    folder = bundle_folder()
    if folder is None:
        pytest.skip("no bundle: run `make bundle`, then set REQUIRE_BUNDLE=1")
    assert (folder / EXE_NAME).is_file(), f"{folder / EXE_NAME} is missing: run `make bundle`"
    copy = tmp_path_factory.mktemp("elsewhere") / NAME
    shutil.copytree(folder, copy, symlinks=True)
    AS_COPIED.update(listing(copy))
    return copy


#: The bundle's files as copied (path: link?, size, modification time), before any run.
AS_COPIED: dict[str, tuple[bool, int, int]] = {}


def listing(folder: Path) -> dict[str, tuple[bool, int, int]]:
    def entry(path: Path) -> tuple[bool, int, int]:
        info = path.lstat()
        return path.is_symlink(), info.st_size, info.st_mtime_ns

    return {str(p.relative_to(folder)): entry(p) for p in [folder, *folder.rglob("*")]}


@pytest.fixture
def bare(bundle, tmp_path):
    """Run the bundled program with ``env -i`` and a temporary HOME, from ``tmp_path``."""
    home = tmp_path / "home"
    home.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess:
        command = [str(bundle / EXE_NAME), *args]
        env = {"HOME": str(home)}
        if sys.platform == "win32":  # Windows cannot start a program with no environment
            env = {"SYSTEMROOT": os.environ["SYSTEMROOT"], "USERPROFILE": str(home)}
        return subprocess.run(
            command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
            encoding="utf-8",
        )  # fmt: skip

    return run


def test_bundle_prints_its_version(bare):
    done = bare("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"LTV Studio {VERSION}"


# A shop's export of orders (Russian headers, `;`, decimal commas, a return) and the survivors
# of two cohorts (Fader & Hardie 2007): data for `orders` (DuckDB, SciPy's fits) and `retention`.
ORDERS = """Клиент;Дата заказа;Сумма;Канал
Анна;01.06.2023;1 000,00;Сайт
Анна;01.03.2024;500;Магазин
Анна;01.02.2025;700;Магазин
Анна;01.02.2025;-100;Магазин
Борис;05.05.2024;300;Сайт
Вера;03.03.2025;200;Сайт
Вера;09.09.2025;400;Сайт
Глеб;10.10.2025;900;Магазин
Дина;31.12.2024;50;Магазин
Дина;01.01.2025;60;Магазин
"""
COHORTS = "Year,Regular,High end\n0,1000,1000\n1,631,869\n2,468,743\n3,382,653\n"
#: (command and arguments, files it reads): what each command prints in the bundle must be what
#: main.py prints, byte for byte, with the same exit code.
RUNS = {
    "compute-sample": (["compute", "sample.ltv.json", "--json", "--lang", "en"], {}),
    "compute-csv": (["compute", "worked_examples.csv", "--json", "--lang", "en"], {}),
    "export-help": (["export", "--help"], {}),
    "orders": (
        ["orders", "shop.csv", "--json", "--end", "2025-12-31", "--lang", "en"],
        {"shop.csv": ORDERS},
    ),
    "orders-sql": (["orders", "--sql", "--end", "2025-12-31", "--dialect", "postgres"], {}),
    "retention": (["retention", "cohorts.csv", "--json"], {"cohorts.csv": COHORTS}),
    "whatif": (["whatif", "sample.ltv.json", "--json", "--lang", "en"], {}),
    "whatif-table": (["whatif", "sample.ltv.json", "--lang", "ru"], {}),
    # workbooks are read by python_calamine (a compiled module) after the zip guard (isal)
    "compute-xlsx": (
        ["compute", "клиенты.xlsx", "--json", "--lang", "en"],
        {"клиенты.xlsx": lambda: workbook(SEGMENT_ROWS)},
    ),
    "orders-xlsx": (
        ["orders", "shop.xlsx", "--json", "--end", "2025-12-31", "--lang", "en"],
        {"shop.xlsx": lambda: workbook(order_rows())},
    ),
    # sqlglot imports each dialect by its name
    **{
        f"orders-sql-{dialect}": (
            ["orders", "--sql", "--end", "2025-12-31", "--dialect", dialect],
            {},
        )
        for dialect in ("bigquery", "spark", "snowflake")
    },
}
SEGMENT_ROWS = [
    ["Сегмент", "Средний чек", "Покупок в год", "Срок удержания, лет", "Маржа, %"],
    ["Розница", 1200.5, 4, 3, 35],
    ["Опт", 64000, 10, 5, 0.22],
]


def order_rows() -> list[list]:
    """ORDERS as a shop's workbook holds it: dates as dates, amounts as numbers."""
    import datetime as dt

    rows = [line.split(";") for line in ORDERS.strip().splitlines()]
    return [rows[0]] + [
        [who, dt.datetime.strptime(day, "%d.%m.%Y"), float(sum_.replace(" ", "").replace(",", ".")),
         channel]
        for who, day, sum_, channel in rows[1:]
    ]  # fmt: skip


def workbook(rows: list[list]) -> bytes:
    """An .xlsx of ``rows`` on one sheet, written with openpyxl (as another program writes)."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("case", list(RUNS))
def test_bundle_prints_what_main_py_prints(bare, tmp_path, case):
    args, files = RUNS[case]
    if args[0] not in COMMANDS:
        pytest.skip(f"no {args[0]} command here")
    shutil.copy(paths.sample(), tmp_path / "sample.ltv.json")
    shutil.copy(paths.examples() / "worked_examples.csv", tmp_path / "worked_examples.csv")
    for name, content in files.items():
        if callable(content):
            (tmp_path / name).write_bytes(content())
        else:
            (tmp_path / name).write_text(content, "utf-8")
    expected = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], cwd=tmp_path, capture_output=True,
        text=True, timeout=300, encoding="utf-8", env=ENV,
    )  # fmt: skip
    done = bare(*args)
    assert (done.returncode, done.stdout) == (expected.returncode, expected.stdout), done.stderr
    assert done.stdout.strip(), "the command printed nothing"


def test_bundle_has_every_command(bare):
    """Each module of cli.COMMANDS is in the bundle (imported by name at run time)."""
    for name in COMMANDS:
        done = bare(name, "--help")
        assert done.returncode == 0, f"{name}: {done.stderr}"
        assert done.stdout.startswith(f"usage: ltv-studio {name}"), done.stdout


def test_bundle_writes_a_screenshot(bare, tmp_path):
    done = bare("--screenshot", "shot.png")
    assert done.returncode == 0, done.stderr
    assert png_size((tmp_path / "shot.png").read_bytes()) == (1366, 768)


def test_bundle_exports_a_workbook_and_a_pdf(bare, tmp_path):
    shutil.copy(paths.sample(), tmp_path / "sample.ltv.json")
    done = bare("export", "sample.ltv.json", "-o", "report.xlsx")
    assert done.returncode == 0, done.stderr
    book = zipfile.ZipFile(tmp_path / "report.xlsx")
    assert "xl/workbook.xml" in book.namelist()
    assert any("Клуб лояльности" in book.read(n).decode("utf-8", "replace") for n in book.namelist()
               if n.endswith(".xml"))  # fmt: skip
    done = bare("export", "sample.ltv.json", "-o", "report.pdf")
    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"DejaVuSans" in pdf  # the font with Cyrillic, embedded


def test_bundle_carries_the_examples_as_data_only(bundle):
    """File ▸ Examples opens the CSV files; the script that wrote one stays in the source."""
    (inside,) = [p for p in bundle.rglob("examples") if p.parent.name == "resources"]
    shipped = sorted(p.name for p in inside.iterdir())
    assert shipped == sorted(p.name for p in paths.examples().glob("*.csv")), shipped


def test_bundle_holds_the_lazily_imported_libraries(bundle):
    """What the commands import inside functions is in the bundle's archive (spec's LAZY)."""
    from PyInstaller.archive.readers import CArchiveReader

    names = set(CArchiveReader(str(bundle / EXE_NAME)).open_embedded_archive("PYZ.pyz").toc)
    for module in ("cli.compute", "cli.export", "cli.window", "core.paths", "ui.app"):
        assert module in names, module
    assert {f"cli.{name}" for name in COMMANDS} <= names
    for library in ("numpy", "pandas", "scipy.optimize", "scipy.special", "openpyxl",
                    "xlsxwriter", "python_calamine", "defusedxml"):  # fmt: skip
        assert library in names, library
    installed = {m for m in ("duckdb", "sqlglot", "Stemmer") if _importable(m)}
    missing = {m for m in installed if m not in names and not _binary_in(bundle, m)}
    assert not missing, missing
    assert not {n.split(".")[0] for n in names} & {"tkinter", "pytest", "IPython", "matplotlib"}
    absent = [m for m in IMPORTED_AS.values() if m not in names and not _binary_in(bundle, m)]
    assert not absent, absent


#: Each runtime dependency of pyproject.toml and a module of it the program imports. A new
#: dependency must be named here (test_every_dependency_is_named), and is then looked for in
#: the bundle: one imported only by name at run time would be missing until the spec lists it.
IMPORTED_AS = {
    "pyside6-essentials": "PySide6.QtWidgets",
    "pyside6-addons": "PySide6.QtCharts",
    "numpy": "numpy",
    "pandas": "pandas",
    "openpyxl": "openpyxl",
    "defusedxml": "defusedxml",
    "python-calamine": "python_calamine",
    "isal": "isal",
    "xlsxwriter": "xlsxwriter",
    "scipy": "scipy.optimize",
    "pystemmer": "Stemmer",
    "threadpoolctl": "threadpoolctl",
    "duckdb": "duckdb",
    "sqlglot": "sqlglot",
}


def test_every_dependency_is_named():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    names = {re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0] for dep in project["dependencies"]}
    assert {re.sub(r"[-_.]+", "-", n).lower() for n in names} == set(IMPORTED_AS)


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def _binary_in(bundle: Path, module: str) -> bool:
    """An extension module (PyStemmer's ``Stemmer`` is one) lies beside the archive: with an
    ABI tag (``Stemmer.cpython-311-x86_64-linux-gnu.so``, ``QtCharts.abi3.so``) or without one
    (PySide6's ``QtCharts.pyd`` on Windows)."""
    name = module.rsplit(".", 1)[-1]
    return any(any(bundle.rglob(f"{name}{tail}")) for tail in (".so", ".*.so", ".pyd", ".*.pyd"))


@pytest.mark.skipif(not LINUX, reason="ELF libraries")
def test_bundle_libraries_all_resolve(bundle):
    """Trimming Qt's plugins left no library without what it links to (``ldd``).

    A library this machine lacks as well (Wayland's, on a machine without Wayland) is the
    system's to provide, as PyInstaller intends; any other missing one was trimmed wrongly.
    """
    system = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    here = {line.split()[0] for line in system.splitlines()[1:] if line.strip()}
    qt_lib = Path(_qt_lib_folder())
    unresolved = {}
    for path in bundle.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=60)
        missing = {line.split()[0] for line in done.stdout.splitlines() if "not found" in line}
        trimmed = {m for m in missing if m in here or (qt_lib / m).exists()}
        if trimmed:
            unresolved[path.name] = sorted(trimmed)
    assert not unresolved, unresolved


def test_bundle_has_no_links_to_nothing(bundle):
    """Every symbolic link in the folder leads to a file of it: a link to a left-out library
    makes ``cp -rL`` fail and ``zip -r`` warn, and lets the loader fall through to a system Qt
    of another version."""
    dangling = [
        str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_symlink() and not p.exists()
    ]
    assert not dangling, dangling
    escaping = [
        str(p.relative_to(bundle))
        for p in bundle.rglob("*")
        if p.is_symlink() and not p.resolve().is_relative_to(bundle.resolve())
    ]
    assert not escaping, escaping


@pytest.mark.skipif(not LINUX, reason="Qt's xcb is Linux's")
def test_bundle_names_a_missing_system_library(bundle, tmp_path):
    """README's promise, kept by the bundled program itself: a system library Qt's X11 window
    needs and the bundle does not carry (libEGL) is named in one line with its package, exit 1,
    instead of Qt's abort. The library is hidden for real, in a mount namespace of this test's
    own (an overlay whose whiteout covers it); nothing outside that process sees the change."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("hiding a system library needs root and unshare (CI has both)")
    found = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    (library,) = {line.split("=>")[1].strip() for line in found.splitlines()
                  if line.strip().startswith("libEGL.so.1 ")}  # fmt: skip
    folder = os.path.dirname(os.path.realpath(library))
    upper, work = tmp_path / "upper", tmp_path / "work"
    upper.mkdir()
    work.mkdir()
    for name in {"libEGL.so.1", os.path.basename(os.path.realpath(library))}:
        os.mknod(upper / name, 0o600 | stat.S_IFCHR, os.makedev(0, 0))  # overlayfs' whiteout
    home = tmp_path / "home"
    home.mkdir()
    script = (
        f"mount -t overlay overlay -o lowerdir={folder},upperdir={upper},workdir={work} {folder}"
        f' && exec env -i HOME={home} LANG=en_US.UTF-8 DISPLAY=:0 "{bundle / EXE_NAME}"'
    )
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and len(lines) == 1, done.stderr
    assert lines[0].startswith("The window cannot open: Qt's X11 platform needs system libraries")
    assert "libEGL.so.1" in lines[0] and "sudo apt install libegl1" in lines[0]
    assert os.path.exists(library)  # out here it never went away


def _qt_lib_folder() -> str:
    from PySide6.QtCore import QLibraryInfo

    return QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)


@pytest.mark.skipif(not LINUX, reason="freedesktop menus")
def test_linux_install_script_adds_the_menu_entry_and_command(bundle, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    script = bundle / "install.sh"
    done = subprocess.run(["sh", str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    data = home / ".local" / "share"
    desktop = (data / "applications" / "ltv-studio.desktop").read_text("utf-8")
    assert f'Exec="{bundle / NAME}" %f' in desktop
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "ltv-studio.png").is_file()
    assert (data / "mime" / "packages" / "ltv-studio.xml").is_file()
    command = home / ".local" / "bin" / "ltv-studio"
    ran = subprocess.run([str(command), "--version"], env=env, capture_output=True, text=True,
                         timeout=60)  # fmt: skip
    assert ran.stdout.strip() == f"LTV Studio {VERSION}", ran.stderr
    done = subprocess.run(["sh", str(script), "--uninstall"], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not command.exists() and not (data / "applications" / "ltv-studio.desktop").exists()


def test_bundle_folder_is_left_as_it_was(bundle, bare, tmp_path):
    """Nothing the program does writes into its own folder (which may be read-only, or shared
    by several users): no caches, no compiled files, no settings. Last in this file, after every
    command above has run from the same copy; a picture of an order log and a PDF here too."""
    (tmp_path / "shop.csv").write_text(ORDERS, "utf-8")
    shutil.copy(paths.sample(), tmp_path / "sample.ltv.json")
    for args in (["--screenshot", "shot.png", "shop.csv"], ["export", "shop.csv", "-o", "r.pdf"],
                 ["export", "sample.ltv.json", "-o", "r.xlsx"]):  # fmt: skip
        done = bare(*args)
        assert done.returncode == 0, done.stderr
    now = listing(bundle)
    changed = sorted(k for k in now.keys() | AS_COPIED.keys() if now.get(k) != AS_COPIED.get(k))
    assert not changed, changed
