"""No statutory number is a literal in rule code: each is a dated parameter with its unit and
source (shared/rules/*/parameters). The rule modules' syntax trees are walked; a number other
than 0, 1, 12 and 100, as a literal or as the text of a Decimal, fails unless its line says
why it is not the law's (`# not statutory: ...`) or why it is not an amount that changes with
the sets (`# when sets change: ...`, the change dates the sets themselves hang on)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RULE_MODULES = sorted(
    [
        *(ROOT / "shared" / "rules").rglob("*.py"),
        ROOT / "shared" / "rechtmatigheid" / "signaaltypen.py",
        ROOT / "shared" / "bronnen" / "huishouden.py",
        ROOT / "shared" / "bronnen" / "inkomen.py",
    ]
)
ALLOWED = {0, 1, 12, 100}
EXCEPTIONS = ("# not statutory:", "# when sets change:")
NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def _numbers(tree: ast.AST) -> list[tuple[int, object]]:
    found: list[tuple[int, object]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            if node.value not in ALLOWED:
                found.append((node.lineno, node.value))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("Decimal", "D")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and NUMBER.fullmatch(node.args[0].value)
            and float(node.args[0].value) not in ALLOWED
        ):
            found.append((node.lineno, f'Decimal("{node.args[0].value}")'))
    return found


@pytest.mark.parametrize("module", RULE_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_statutory_number_is_a_literal_in_rule_code(module: Path) -> None:
    source = module.read_text(encoding="utf-8")
    lines = source.splitlines()
    literals = [
        f"{module.name}:{line}: {value}"
        for line, value in _numbers(ast.parse(source))
        if not any(reason in lines[line - 1] for reason in EXCEPTIONS)
    ]
    assert literals == []


def test_the_walk_finds_a_number_hidden_in_a_decimal() -> None:
    tree = ast.parse('x = Decimal("0.95") * norm\ny = norm * 2 / 3\nz = 12 * 100')
    assert sorted(_numbers(tree), key=str) == [(1, 'Decimal("0.95")'), (2, 2), (2, 3)]
