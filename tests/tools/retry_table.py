#!/usr/bin/env python3
"""botocore and athenactl against the same scripted error, side by side.

Three attempts at most in both modes. For each row a loopback HTTP server answers every request with one error response; botocore
(boto3's Athena client, standard or legacy retry mode) and athenactl each make one ListWorkGroups
call against it, and the server counts the requests each sent. Prints one line per row and exits 1
when the counts differ (or a client did not fail as expected).

usage: retry_table.py ATHENACTL
"""
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading

import boto3
import botocore.config
import botocore.endpoint
import botocore.exceptions

# botocore's backoff sleeps are skipped (what is compared is how many attempts, not how long).
botocore.endpoint.time.sleep = lambda seconds: None

# name, mode, status, headers, body
ROWS = [
    ("InvalidRequest body, Throttling header", "standard", 400,
     {"x-amzn-ErrorType": "ThrottlingException"},
     {"__type": "InvalidRequestException", "Message": "bad"}),
    ("ThrottlingException body", "standard", 400, {}, {"__type": "ThrottlingException", "message": "slow"}),
    ("TooManyRequestsException body", "standard", 400, {}, {"__type": "TooManyRequestsException", "message": "slow"}),
    ("bare 429", "standard", 429, {}, None),
    ("bare 429", "legacy", 429, {}, None),
    ("InternalError at 400", "standard", 400, {}, {"__type": "InternalError", "message": "x"}),
    ("InternalServerException at 500", "standard", 500, {}, {"__type": "InternalServerException", "message": "x"}),
    ("empty 502", "standard", 502, {}, None),
    ("empty 501", "standard", 501, {}, None),
    ("empty 509", "standard", 509, {}, None),
    ("empty 509", "legacy", 509, {}, None),
    ("ThrottlingException at 500", "legacy", 500, {}, {"__type": "ThrottlingException", "message": "x"}),
    ("RequestTimeoutException at 400", "standard", 400, {}, {"__type": "RequestTimeoutException", "message": "x"}),
    ("Throttling header only", "standard", 400, {"x-amzn-ErrorType": "ThrottlingException"}, {"message": "m"}),
    ("AccessDeniedException", "standard", 403, {}, {"__type": "AccessDeniedException", "Message": "no"}),
]


class Server:
    def __init__(self, status, headers, body):
        self.count = 0
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                self.rfile.read(length)
                with outer.lock:
                    outer.count += 1
                payload = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/x-amz-json-1.1")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def take(self):
        with self.lock:
            n, self.count = self.count, 0
        return n

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def run_botocore(url, mode):
    attempts = 3
    client = boto3.client(
        "athena", endpoint_url=url, region_name="us-east-1",
        aws_access_key_id="AKIDRETRYTABLE", aws_secret_access_key="retry-table-secret",
        config=botocore.config.Config(retries={"mode": mode, "total_max_attempts": attempts}))
    try:
        client.list_work_groups()
        return "ok", ""
    except botocore.exceptions.ClientError as e:
        return "error", e.response.get("Error", {}).get("Code", "")


def run_athenactl(athenactl, url, mode, home):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("AWS_"):
            del env[k]
    env.update({
        "AWS_ACCESS_KEY_ID": "AKIDRETRYTABLE", "AWS_SECRET_ACCESS_KEY": "retry-table-secret",
        "AWS_CONFIG_FILE": os.path.join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "credentials"),
        "AWS_RETRY_MODE": mode, "AWS_MAX_ATTEMPTS": "3",
        "AWS_EC2_METADATA_DISABLED": "true",
    })
    p = subprocess.run([athenactl, "--region", "us-east-1", "--endpoint-url", url, "list-work-groups"],
                       env=env, capture_output=True, text=True, timeout=120)
    return ("ok" if p.returncode == 0 else "error"), p.stderr.strip().splitlines()[-1:] if p.stderr else ""


def main():
    athenactl = sys.argv[1]
    failures = 0
    with tempfile.TemporaryDirectory() as home:
        print(f"{'case':42} {'mode':8} {'botocore':>8} {'athenactl':>9}")
        for name, mode, status, headers, body in ROWS:
            server = Server(status, headers, body)
            url = f"http://127.0.0.1:{server.port}"
            b_outcome, _ = run_botocore(url, mode)
            b = server.take()
            a_outcome, a_err = run_athenactl(athenactl, url, mode, home)
            a = server.take()
            server.close()
            same = a == b and a_outcome == b_outcome == "error"
            failures += not same
            print(f"{name:42} {mode:8} {b:8} {a:9}{'' if same else '   <-- differs'}")
    print(f"retry table: {len(ROWS) - failures} agree, {failures} differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
