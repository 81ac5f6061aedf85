"""``dumpdata``/``loaddata`` that keep every microsecond of a time.

Django's JSON encoder cuts a time to milliseconds, so a record's time read back from a dump differs
from the one its audit hash was computed over, and ``zhengwu audit verify`` failed after a
``dumpdata``/``loaddata`` round trip.  The ``json`` and ``jsonl`` formats are replaced
(``SERIALIZATION_MODULES``) by these, which write the full ISO 8601 time; loading is unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers import json as django_json
from django.core.serializers import jsonl as django_jsonl
from django.core.serializers.json import DjangoJSONEncoder


class MicrosecondJSONEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


class JsonSerializer(django_json.Serializer):
    def _init_options(self) -> None:
        self.options.setdefault("cls", MicrosecondJSONEncoder)
        super()._init_options()  # type: ignore[misc]


class JsonlSerializer(django_jsonl.Serializer):
    def _init_options(self) -> None:
        self.options.setdefault("cls", MicrosecondJSONEncoder)
        super()._init_options()  # type: ignore[misc]
