"""The ``zhengwu`` command: every Django management command plus zhengwu's own.

``zhengwu migrate``, ``zhengwu demo``, ``zhengwu calendar …``, ``zhengwu rules …``,
``zhengwu audit verify``, ``zhengwu serve``, ``zhengwu worker``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] in {"serve", "worker"} and "--insecure-loopback" not in args:
        os.environ.setdefault("ZHENGWU_PROFILE", "production")
    elif len(args) > 1 and args[1] == "serve":
        os.environ.setdefault("ZHENGWU_PROFILE", "demo")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    from django.core.management import execute_from_command_line

    if len(args) > 1 and args[1] in {"serve", "worker", "runserver"}:
        execute_from_command_line(args)  # long-running: each request, each sweep has its own memo scope
        return
    from zhengwu.core.memo import scope

    with scope():  # a one-shot command: the organization and the rulebook read once, like a request
        execute_from_command_line(args)


if __name__ == "__main__":
    main()
