"""The client's address, as the login lockout (django-axes) and the audit trail should see it.

``zhengwu serve`` runs behind a TLS proxy, so ``REMOTE_ADDR`` is the proxy's address for everyone.
The proxy appends the address it saw to ``X-Forwarded-For``; that header is believed only when the
request comes from an address in ``settings.ZHENGWU_TRUSTED_PROXIES`` (anyone else could write it).
The client is then the right-most address of the chain that is not itself a trusted proxy.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _normal(address: str) -> str | None:
    address = address.strip()
    if address.startswith("[") and "]" in address:  # [::1]:443
        address = address[1 : address.index("]")]
    elif address.count(":") == 1:  # 203.0.113.5:51234
        address = address.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def trusted_proxies() -> set[str]:
    return {a for a in (_normal(p) for p in getattr(settings, "ZHENGWU_TRUSTED_PROXIES", [])) if a}


def from_trusted_proxy(request: HttpRequest) -> bool:
    """Did the request arrive from a configured proxy (so that its forwarding headers count)?"""
    remote = _normal(request.META.get("REMOTE_ADDR", "") or "")
    return remote is not None and remote in trusted_proxies()


def client_ip(request: HttpRequest) -> str:
    """The address of the client that made ``request`` (see the module's description)."""
    remote = _normal(request.META.get("REMOTE_ADDR", "") or "") or ""
    proxies = trusted_proxies()
    if remote not in proxies:
        return remote
    chain = [_normal(a) for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(chain):
        if address is None:
            return remote  # a malformed hop: believe nothing beyond the proxy
        if address not in proxies:
            return address
    return remote
