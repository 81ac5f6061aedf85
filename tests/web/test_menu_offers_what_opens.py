"""The menu shows only what the person may open (issue 17: no link that answers 403)."""

from __future__ import annotations


def test_the_publication_queue_is_in_the_menu_of_those_who_work_it(client_as) -> None:
    assert 'href="/portal/queue/"' in client_as("clerk_gongkai").get("/").content.decode()
    assert client_as("clerk_gongkai").get("/portal/queue/").status_code == 200
    assert 'href="/portal/queue/"' not in client_as("fgw_clerk").get("/").content.decode()
    assert client_as("fgw_clerk").get("/portal/queue/").status_code == 403
