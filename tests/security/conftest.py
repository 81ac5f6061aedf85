"""The API helpers of ``tests/api`` (JSON calls as a demo user) for the security tests."""

from tests.api.conftest import Api, anonymous, api_as, bearer

__all__ = ["Api", "anonymous", "api_as", "bearer"]

SUBMISSION = {
    "doc_type": "qingshi",
    "title": "关于申请安排公路改建项目前期工作经费的请示",
    "body": "州人民政府：……妥否，请批示。",
    "request_items": ["安排前期工作经费"],
}
