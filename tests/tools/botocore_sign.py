#!/usr/bin/env python3
"""Signs requests with botocore's SigV4Auth: the independent oracle for the C++ signer.

Reads a JSON array of requests from argv[1] and writes a JSON array to stdout, one object per
request: {"authorization": ..., "canonical_request": ...}.
Each request: {"url", "body", "headers": {name: value}, "region", "service", "timestamp"
(yyyymmddThhmmssZ), "access_key", "secret_key", "token" (may be empty)}.
"""
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class _FixedClock:
    now = None


def _fixed_now(*_args, **_kwargs):
    return _FixedClock.now


# botocore reads the time through get_current_datetime (newer) or datetime.datetime.utcnow (older).
if hasattr(botocore.auth, "get_current_datetime"):
    botocore.auth.get_current_datetime = _fixed_now
else:
    class _DateTime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return _FixedClock.now

    class _Module:
        datetime = _DateTime

    botocore.auth.datetime = _Module


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        requests = json.load(f)
    out = []
    for r in requests:
        _FixedClock.now = datetime.datetime.strptime(r["timestamp"], "%Y%m%dT%H%M%SZ")
        credentials = Credentials(r["access_key"], r["secret_key"], r["token"] or None)
        request = AWSRequest(method="POST", url=r["url"], data=r["body"].encode("utf-8"), headers=r["headers"])
        signer = botocore.auth.SigV4Auth(credentials, r["service"], r["region"])
        signer.add_auth(request)
        out.append({
            "authorization": request.headers["Authorization"],
            "canonical_request": signer.canonical_request(request),
        })
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
