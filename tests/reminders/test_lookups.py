"""`field__any`: a list of ids as one array parameter (PostgreSQL), an IN list elsewhere."""

from reminders.models import PushSubscription


def _subscription(user, name: str) -> PushSubscription:
    return PushSubscription.objects.create(
        user=user, endpoint=f"https://push.example/{name}", p256dh="k", auth="a"
    )


def test_any_finds_the_rows_whose_id_is_listed(alice, bob):
    first, _, third = (_subscription(alice, "1"), _subscription(bob, "2"), _subscription(bob, "3"))

    found = PushSubscription.objects.filter(pk__any=[first.pk, third.pk, 10**9])

    assert set(found) == {first, third}


def test_any_on_a_foreign_key_matches_its_id(alice, bob):
    mine = _subscription(alice, "1")
    _subscription(bob, "2")

    assert list(PushSubscription.objects.filter(user__any=[alice.pk])) == [mine]


def test_an_empty_list_matches_nothing_without_a_query(alice, django_assert_num_queries):
    _subscription(alice, "1")

    with django_assert_num_queries(0):
        assert list(PushSubscription.objects.filter(pk__any=[])) == []
        assert PushSubscription.objects.filter(pk__any=[]).update(auth="b") == 0
