import pytest

from planwatch.api.tokens import token_create
from tests.delivery.conftest import (  # noqa: F401 (fixtures shared with the Delivery Plan's tests)
    led_action,
    make_action,
    make_period,
    make_update,
    other_action,
    other_lead,
    q1,
    q2,
    rag,
    theme,
)


@pytest.fixture
def key_for():
    def make(user) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='tests')}"}

    return make
