"""Every ```python block of bindings/python/README.md runs against the test relay, in a fresh
interpreter, and prints exactly the ```text block that follows it (if any): the README
cannot go stale.

A pairing code and verifier digits differ on each run, so in a ```text block each stands
for any value of its shape, and one written twice must be printed the same twice (both
devices show the same verifier).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
CODE = r"[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}"
VERIFIER = r"(?<![0-9])[0-9]{3} [0-9]{3}(?![0-9])"
BLOCKS = re.findall(
    r"```python\n(.*?)```(?:\s*prints\s*```text\n(.*?)```)?", README.read_text(), re.DOTALL
)


def output_pattern(expected: str) -> "re.Pattern[str]":
    """`expected` as a regex: literal text, but each code or verifier of it is a group
    matching any of its shape, and a value repeated is a backreference to its first."""
    parts, groups, end = [], {}, 0
    for m in re.finditer(f"{CODE}|{VERIFIER}", expected):
        parts.append(re.escape(expected[end : m.start()]))
        if m.group() in groups:
            parts.append(f"(?P={groups[m.group()]})")
        else:
            groups[m.group()] = f"value{len(groups)}"
            shape = CODE if "-" in m.group() else VERIFIER
            parts.append(f"(?P<{groups[m.group()]}>{shape})")
        end = m.end()
    parts.append(re.escape(expected[end:]))
    return re.compile("".join(parts))


def test_readme_has_examples() -> None:
    assert len(BLOCKS) >= 5
    assert all(output for _, output in BLOCKS), "every block shows what it prints"


def test_output_pattern() -> None:
    pattern = output_pattern("code 7Q2M-X4KD-9ZRB-1HNC\na 482 915\nb 482 915\n")
    assert pattern.fullmatch("code AB12-CD34-EF56-GH78\na 123 456\nb 123 456\n")
    assert not pattern.fullmatch("code AB12-CD34-EF56-GH78\na 123 456\nb 123 457\n")
    assert not pattern.fullmatch("code AB12-CD34-EF56-GH7U\na 123 456\nb 123 456\n")
    assert not pattern.fullmatch("code AB12-CD34-EF56-GH78\na 1234 456\nb 1234 456\n")
    assert output_pattern("cursor 1 (x)\n").fullmatch("cursor 1 (x)\n")
    assert not output_pattern("cursor 1 (x)\n").fullmatch("cursor 1 x\n")


@pytest.mark.parametrize("code, output", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_block(relay, run_python, code: str, output: str) -> None:
    done = run_python(code, env={"ZEROK_RELAY": relay.addr})
    assert done.returncode == 0, done.stderr
    if output:
        assert output_pattern(output).fullmatch(done.stdout), (done.stdout, output)
