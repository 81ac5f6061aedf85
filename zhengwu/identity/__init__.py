"""Identity to 等保 level 3 (GB/T 22239-2019 8.1.4): passwords, forced changes, second factors.

Above the access tokens (a password change revokes them) and the organization (who must use a
second factor follows from positions); below the pages and the API.
"""
