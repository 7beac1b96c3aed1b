#!/usr/bin/env python3
"""Pages through every session of a workgroup with boto3: the reference the benchmark compares
athenactl with. usage: boto3_list_all.py ENDPOINT WORKGROUP; prints the number of sessions."""
import sys

import boto3

client = boto3.client("athena", endpoint_url=sys.argv[1], region_name="us-east-1")
count, token = 0, None
while True:
    kwargs = {"WorkGroup": sys.argv[2], "MaxResults": 100}
    if token:
        kwargs["NextToken"] = token
    page = client.list_sessions(**kwargs)
    count += len(page["Sessions"])
    token = page.get("NextToken")
    if not token:
        break
print(count)
