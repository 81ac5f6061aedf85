"""``users_of``: the accounts to notify, of people or of the holders of posts, each once; whoever
has no account (a vacant post, a holder with no person on record) is skipped, not an error."""

from __future__ import annotations

import dataclasses

import pytest

from zhengwu.org.models import Person
from zhengwu.org.services import users_of, who_holds


@pytest.mark.django_db
def test_people_and_holders_give_their_accounts_each_once() -> None:
    governor = who_holds("governor")
    assert governor is not None
    governor_person = Person.objects.get(pk=governor.person_id)
    someone_else = Person.objects.exclude(pk=governor.person_id).order_by("pk").first()
    assert someone_else is not None
    users = users_of([governor, governor_person, someone_else, someone_else])
    assert sorted(u.pk for u in users) == sorted([governor_person.user_id, someone_else.user_id])


@pytest.mark.django_db
def test_whoever_has_no_account_is_skipped() -> None:
    governor = who_holds("governor")
    assert governor is not None
    no_one = dataclasses.replace(governor, person_id=10**9)  # a holder with no person (and so no account)
    assert users_of([None, no_one]) == []
    assert [u.pk for u in users_of([None, no_one, governor])] == [Person.objects.get(pk=governor.person_id).user_id]


@pytest.mark.django_db
def test_one_query_however_many_people(django_assert_num_queries) -> None:
    people = list(Person.objects.order_by("pk")[:5])
    assert len(people) == 5
    with django_assert_num_queries(1):
        users = users_of(people)
        assert {u.pk for u in users} == {p.user_id for p in people}
