"""The REST API, one module per area; :mod:`zhengwu.api` assembles them.

Endpoints only parse, call the same services and actions as the web UI, and render.
"""
