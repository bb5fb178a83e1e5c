"""The function app's functions, indexed once per test process (the SDK refuses a second time)."""

from __future__ import annotations

from functools import cache

from azure.functions.decorators.function_app import Function


@cache
def functions() -> list[Function]:
    from function_app import app

    return list(app.get_functions())
