from tests.delivery.conftest import (  # noqa: F401 (fixtures shared with the Delivery Plan's tests)
    make_action,
    make_period,
    make_update,
    published_quarter,
    rag,
    theme,
)
