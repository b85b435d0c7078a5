"""Runs the fifth-section checks in their own pytest process, with the test settings
plus an app that lives in this folder only (tests/fifth_section/settings.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_fifth_section_registered_from_its_own_folder_appears_everywhere():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.fifth_section.settings"}
    # In-memory SQLite: the registry does not depend on the database, and the main
    # suite's PostgreSQL test database stays its own.
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603 - our own interpreter and test folder
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/fifth_section/checks",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "5 passed" in result.stdout
