from tests.delivery.conftest import (  # noqa: F401 (fixtures shared with the Delivery Plan's tests)
    make_action,
    make_period,
    make_update,
    rag,
    theme,
)
