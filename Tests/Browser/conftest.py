"""Fixtures of the desk's browser tests (run them with Scripts/desk-browser-tests).

- `desk`: one demo centre for the whole run, built by `parcours demo` in a temporary directory
  and served by `parcours serve` on a free port. `desk.url(path)` is a page's address,
  `desk.accounts[role]` the demo account of that role (its password is the one-time password
  the demo printed, then the new one once `deskkit.sign_in` has changed it), `desk.parcours(...)`
  runs the CLI against the same database (to look up or set up data the way a user would).
- `browser`: headless Chromium driven by Selenium, French first (Accept-Language: fr-FR), with
  no cookie left from the test before.

The binary is PARCOURS_BIN (default .build/debug/parcours). The centre's "today" is
PARCOURS_DESK_TODAY (default 2026-11-26, a Thursday: a working day, so that *Aujourd'hui* has
sessions to check in), passed as `--today` to both the demo and the server so that pages, check-ins
and screenshots are the same on every run.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

REPO = Path(__file__).resolve().parents[2]
ROLES = ("secretary", "clinician", "coordinator", "admin")

# One demo account a line at the end of `parcours demo`: "  name (role[, C-ID])  password".
ACCOUNT_LINE = re.compile(
    r"^\s+(?P<name>[A-Za-z0-9._-]+) \((?P<role>secretary|clinician|coordinator|admin)(?:, (?P<clinician>[A-Z0-9-]+))?\)"
    r"\s+(?P<password>[a-z2-9]{4}(?:-[a-z2-9]{4}){3})\s*$"
)
SERVING_LINE = re.compile(r"Serving the desk on http://127\.0\.0\.1:(\d+)/")


@dataclasses.dataclass
class Account:
    """A demo account: its name, role, clinician (for a clinician account) and current password."""

    name: str
    role: str
    clinician: str | None
    password: str
    # True once the one-time password has been replaced (deskkit.sign_in does it at first sign-in).
    changed: bool = False


@dataclasses.dataclass
class Desk:
    """The running demo desk."""

    base: str
    binary: Path
    directory: Path
    database: Path
    today: str
    accounts: dict[str, Account]
    demo_output: str

    def url(self, path: str = "/") -> str:
        """The address of `path` on this desk (`/aujourdhui`, `/patients/P-XXXX`, ...)."""
        return self.base + (path if path.startswith("/") else "/" + path)

    def parcours(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Runs `parcours ARGUMENTS` on the desk's database, tracks and day; returns what it printed."""
        result = subprocess.run(
            [str(self.binary), *arguments, "--db", str(self.database), "--today", self.today],
            cwd=self.directory,
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"parcours {' '.join(arguments)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
            )
        return result


def _environment() -> dict[str, str]:
    """The environment for parcours: ours, without a PARCOURS_DB or PARCOURS_PATHWAYS of the caller's."""
    return {k: v for k, v in os.environ.items() if k not in ("PARCOURS_DB", "PARCOURS_PATHWAYS", "NO_COLOR")} | {
        "NO_COLOR": "1"
    }


def _binary() -> Path:
    binary = Path(os.environ.get("PARCOURS_BIN", ".build/debug/parcours"))
    if not binary.is_absolute():
        binary = (REPO / binary).resolve()
    if not os.access(binary, os.X_OK):
        pytest.exit(f"PARCOURS_BIN: {binary} is not an executable; build it first (swift build)", returncode=2)
    return binary


@pytest.fixture(scope="session")
def desk(tmp_path_factory: pytest.TempPathFactory):
    """One demo centre and one server for the whole run (the demo takes a few seconds)."""
    binary = _binary()
    today = os.environ.get("PARCOURS_DESK_TODAY", "2026-11-26")
    directory = tmp_path_factory.mktemp("desk")
    database = directory / "parcours.sqlite"
    demo = subprocess.run(
        # No --pathways: from a directory of its own, the binary uses the care tracks it ships.
        [str(binary), "demo", "--db", str(database), "--today", today],
        cwd=directory,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if demo.returncode != 0:
        pytest.exit(f"parcours demo exited {demo.returncode}:\n{demo.stdout}\n{demo.stderr}", returncode=1)
    accounts: dict[str, Account] = {}
    for line in demo.stdout.splitlines():
        if match := ACCOUNT_LINE.match(line):
            accounts[match["role"]] = Account(match["name"], match["role"], match["clinician"], match["password"])
    missing = [role for role in ROLES if role not in accounts]
    if missing:
        pytest.exit(f"parcours demo printed no demo account for {missing}:\n{demo.stdout}", returncode=1)

    log = directory / "serve.log"
    with open(log, "w") as output:
        server = subprocess.Popen(
            [
                str(binary), "serve", "--db", str(database), "--port", "0", "--today", today,
                "--log-level", "warning", "--backup-dir", str(directory / "sauvegardes"),
            ],
            cwd=directory,
            env=_environment(),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        port = _wait_for_port(server, log, seconds=60)
        yield Desk(
            base=f"http://127.0.0.1:{port}",
            binary=binary,
            directory=directory,
            database=database,
            today=today,
            accounts=accounts,
            demo_output=demo.stdout,
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_for_port(server: subprocess.Popen, log: Path, seconds: float) -> int:
    """The port `parcours serve` says it listens on, once it says so."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if match := SERVING_LINE.search(log.read_text(errors="replace")):
            return int(match[1])
        if server.poll() is not None:
            pytest.exit(f"parcours serve exited {server.returncode}:\n{log.read_text(errors='replace')}", returncode=1)
        time.sleep(0.1)
    server.kill()
    pytest.exit(f"parcours serve did not say it listens within {seconds} s:\n{log.read_text()}", returncode=1)


def _chromium_options() -> Options:
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--lang=fr-FR",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
    return options


@pytest.fixture(scope="session")
def _chromium():
    """One Chromium for the run; each test gets it without cookies (see `browser`)."""
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not os.access(driver_path, os.X_OK) or not os.access(_chromium_options().binary_location, os.X_OK):
        pytest.exit("chromium and chromium-driver are needed: Scripts/install-deps --tests", returncode=2)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=_chromium_options())
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(_chromium, desk):
    """Headless Chromium, signed out: no cookie of the desk left from an earlier test."""
    _chromium.get(desk.url("/connexion"))
    _chromium.delete_all_cookies()
    _chromium.set_window_size(1280, 900)
    return _chromium
