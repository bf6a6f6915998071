"""The README's two commands work as written on a fresh machine: the install brings what the
test command needs, and CI runs exactly those two commands."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)
    return [blocks[0].strip(), blocks[1].strip()]


def test_ci_runs_exactly_the_readme_commands():
    install, test = _readme_commands()
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line and not line.startswith((" ", "#", "set ", "cd ", "if ", "fi", "  "))]
    assert ci[-2:] == [install, test]


def test_the_install_command_brings_what_the_test_command_needs():
    install, test = _readme_commands()
    assert test == "python -m pytest -q"
    extras = re.search(r'pip install -e "\.\[(\w+)\]"', install)
    assert extras, install
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = {re.split(r"[<>=\[ ]", dep)[0].lower() for dep in project["optional-dependencies"][extras.group(1)]}
    assert {"pytest", "hypothesis"} <= needed  # the tests import both
    assert (ROOT / install.split("tacitus code ", 1)[1]).is_file()
