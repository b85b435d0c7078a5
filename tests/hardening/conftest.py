from tests.expert_profiles.conftest import (  # noqa: F401 - shared fixtures
    _empty_cache,
    area,
    expert_a,
    expert_b,
    ukraine_directory,
)
