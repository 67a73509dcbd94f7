"""Every ```python block of bindings/python/README.md runs against the test relay, in a fresh
interpreter, and prints exactly the ```text block that follows it (if any): the README
cannot go stale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(
    r"```python\n(.*?)```(?:\s*prints\s*```text\n(.*?)```)?", README.read_text(), re.DOTALL
)


def test_readme_has_examples() -> None:
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("code, output", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_block(relay, run_python, code: str, output: str) -> None:
    done = run_python(code, env={"ZEROK_RELAY": relay.addr})
    assert done.returncode == 0, done.stderr
    if output:
        assert done.stdout == output
