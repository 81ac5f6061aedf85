from tests.documents.conftest import make_document  # noqa: F401  (a fixture)
from tests.supervision.conftest import autumn, frozen, open_item  # noqa: F401  (fixtures)
