#!/usr/bin/env python3
"""Pages through every active session of one or more workgroups with boto3, one workgroup after
the other, as a script would: the reference the benchmark compares athenactl and the window with.
usage: boto3_list_all.py ENDPOINT WORKGROUP[,WORKGROUP...]; prints the number of sessions."""
import sys

import boto3

client = boto3.client("athena", endpoint_url=sys.argv[1], region_name="us-east-1")
count = 0
for workgroup in sys.argv[2].split(","):
    token = None
    while True:
        kwargs = {"WorkGroup": workgroup, "MaxResults": 100}
        if token:
            kwargs["NextToken"] = token
        page = client.list_sessions(**kwargs)
        count += len(page["Sessions"])
        token = page.get("NextToken")
        if not token:
            break
print(count)
