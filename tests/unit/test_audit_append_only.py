"""The audit log has no update path: no code can change or remove an entry."""

from __future__ import annotations

import re
from pathlib import Path

from shared.storage.audit import AuditLog

ROOT = Path(__file__).resolve().parents[2]
CHANGING = ("replace", "upsert", "patch", "delete", "execute_item_batch")


def source_files() -> list[Path]:
    return [p for d in ("shared", "functions", "local") for p in (ROOT / d).rglob("*.py")] + [
        ROOT / "function_app.py"
    ]


def test_the_audit_log_class_offers_no_way_to_change_an_entry() -> None:
    methods = {name for name in dir(AuditLog) if not name.startswith("__")}
    assert not {m for m in methods if any(word in m for word in CHANGING)}


def test_only_the_audit_log_module_touches_the_audit_container() -> None:
    users = {
        p.relative_to(ROOT).as_posix()
        for p in source_files()
        if re.search(r"\bAUDIT\b(?!_)", p.read_text()) and p.name != "containers.py"
    }
    assert users == {"shared/storage/audit.py"}


def test_the_audit_log_module_only_creates_and_reads() -> None:
    source = (ROOT / "shared" / "storage" / "audit.py").read_text()
    calls = set(re.findall(r"\.(\w+_items?|\w+_item)\(", source))
    assert calls == {"create_item", "query_items"}
