"""The README's Python example, pasted into a script with no ``if __name__ == "__main__":``
guard and two workers, finishes: the worker pool forks (POSIX), so workers never re-import
the script (under spawn it would start workers forever)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def readme_example() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"From Python.*?```python\n(.*?)```", text, re.S)
    assert block, "the README's Python example is missing"
    return block.group(1)


def test_readme_example_runs_as_a_script_without_a_main_guard(geo_settings, tmp_path) -> None:
    code = readme_example()
    assert "__main__" not in code and "workers=2" in code
    articles = tmp_path / "articles"
    articles.mkdir()
    for i, town in enumerate(["Miret", "Tolvik", "Sarn"]):
        (articles / f"{i}.txt").write_text(
            f"Residents of {town} said the Varnian army shelled the district on Monday, "
            f"and {i + 2} people were hurt.\n", encoding="utf-8")
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "CONFLICTLENS_CACHE_DIR": geo_settings.cache_dir,
           "CONFLICTLENS_GAZETTEER_FILES": geo_settings.gazetteer_files}
    env.pop("CONFLICTLENS_CONFIG", None)
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("3 0 []"), done.stdout
    assert Path(tmp_path / "news.db").is_file()
