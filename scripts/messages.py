#!/usr/bin/env python3
"""The English catalogues of the sentences that pure code writes with ``zhengwu.core.i18n._``.

    .venv/bin/python scripts/messages.py missing        # ids in the code that no catalogue holds yet
    .venv/bin/python scripts/messages.py add            # append them, untranslated, to their catalogues
    .venv/bin/python scripts/messages.py add --seed F   # … with translations from a JSON {id: English}

Each id goes to the catalogue of the app that writes it (``zhengwu/<app>/locale/en/LC_MESSAGES/
django.po``, the project's ``zhengwu/locale`` for core, web and the API).  Translate the new
entries (keep every ``{name}`` placeholder), then ``make messages``; ``tests/core/test_translations.py``
fails while an id has no translation or a translation loses a placeholder.  Django's makemessages
is not used for these catalogues, which are kept by hand and in order.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zhengwu.core.i18n_sources import messages_in_code, placeholders

HEADER = """# English translations of zhengwu's {app} messages.
msgid ""
msgstr ""
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


def po_file(catalogue: Path) -> Path:
    return catalogue / "en" / "LC_MESSAGES" / "django.po"


def ids_in(po: Path) -> set[str]:
    """The msgids of a catalogue (multi-line ids joined)."""
    if not po.exists():
        return set()
    found: set[str] = set()
    current: list[str] | None = None
    for line in po.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current = [ast.literal_eval(line[6:])]
        elif line.startswith('"') and current is not None:
            current.append(ast.literal_eval(line))
        else:
            if current is not None and "".join(current):
                found.add("".join(current))
            current = None
    return found


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def missing() -> dict[Path, list[str]]:
    wanted: dict[Path, list[str]] = {}
    known: dict[Path, set[str]] = {}
    for source in messages_in_code():
        po = po_file(source.catalogue)
        if po not in known:
            known[po] = ids_in(po)
        if source.msgid not in known[po]:
            known[po].add(source.msgid)
            wanted.setdefault(po, []).append(source.msgid)
    return wanted


def add(seed: dict[str, str]) -> int:
    count = 0
    for po, ids in missing().items():
        po.parent.mkdir(parents=True, exist_ok=True)
        text = po.read_text(encoding="utf-8") if po.exists() else HEADER.format(app=po.parents[3].name)
        for msgid in ids:
            flag = "#, python-brace-format\n" if placeholders(msgid) else ""
            text += f"\n{flag}msgid {quote(msgid)}\nmsgstr {quote(seed.get(msgid, ''))}\n"
            count += 1
        po.write_text(text, encoding="utf-8")
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["missing", "add"])
    parser.add_argument("--seed", type=Path, help="JSON object {msgid: English} for the new entries")
    args = parser.parse_args()
    if args.command == "missing":
        gaps = missing()
        for po, ids in gaps.items():
            print(f"{po}: {len(ids)}")
            for msgid in ids:
                print(f"  {msgid}")
        return 1 if gaps else 0
    seed = json.loads(args.seed.read_text(encoding="utf-8")) if args.seed else {}
    print(f"added {add(seed)} ids")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
