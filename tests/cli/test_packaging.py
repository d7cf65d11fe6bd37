"""The wheel carries data/, and CI runs exactly the README's test command."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_contains_the_dataset(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in ("achievements.toml", "plan.toml", "article.txt", "reference.toml"):
        assert f"tracker/data/{f}" in names
        assert (ROOT / "data" / f).read_bytes() == zipfile.ZipFile(wheel).read(f"tracker/data/{f}")
    assert "tracker/cli/__init__.py" in names
    assert "tracker/i18n/__init__.py" in names


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    marker = re.search(r"<!-- test-command: (.*) -->", readme).group(1)
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    assert marker in blocks, "the marker must be the command the README shows"
    assert "test-command" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
