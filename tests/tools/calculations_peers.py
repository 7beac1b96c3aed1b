#!/usr/bin/env python3
"""Drives athena-local's calculation, executor and endpoint operations with the AWS CLI and boto3,
and checks every answer against botocore's model of the Athena API.

usage: calculations_peers.py ENDPOINT_URL TOKENS_FILE [AWS_CLI_PATH]

Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Every 200 answer (the raw body
boto3 received, and the JSON the AWS CLI printed) is walked along the operation's output shape:
members known and required ones present, types, enum values, string lengths, patterns, number and
list bounds. botocore has no paginator for ListCalculationExecutions or ListExecutors, so boto3
pages them with botocore's own Paginator class over the NextToken/MaxResults members, and the AWS
CLI with --max-results/--next-token. The AuthTokens received are written to TOKENS_FILE (one a
line) so that the caller can check that they never reached athena-local's log.
Prints "N operations driven by the AWS CLI (C calls), M by boto3 (B calls), K answers valid" and
exits 0, or prints the first failure and exits 1.
"""
import json
import os
import re
import subprocess
import sys
import time
import uuid

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.paginate import Paginator

ENDPOINT, TOKENS_FILE = sys.argv[1], sys.argv[2]
AWS = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
MODEL = botocore.session.get_session().get_service_model("athena")
NEW_OPERATIONS = ["StartCalculationExecution", "GetCalculationExecution", "GetCalculationExecutionStatus",
                  "GetCalculationExecutionCode", "ListCalculationExecutions", "StopCalculationExecution",
                  "ListExecutors", "GetSessionEndpoint"]
valid = 0
driven = {"cli": set(), "boto3": set()}
calls = {"cli": 0, "boto3": 0}
tokens = []


def fail(what):
    print("FAILED: " + what)
    sys.exit(1)


def check(condition, what):
    if not condition:
        fail(what)


def conform(shape, value, path, problems, cli):
    kind = shape.type_name
    meta = shape.metadata
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: object expected")
            return
        for name in shape.required_members:
            if name not in value:
                problems.append(f"{path}.{name}: required, missing")
        for key, member in value.items():
            if key not in shape.members:
                problems.append(f"{path}.{key}: not a member of {shape.name}")
            else:
                conform(shape.members[key], member, f"{path}.{key}", problems, cli)
    elif kind == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: array expected")
            return
        if "min" in meta and len(value) < meta["min"] or "max" in meta and len(value) > meta["max"]:
            problems.append(f"{path}: {len(value)} items, outside {meta.get('min')}..{meta.get('max')}")
        for i, item in enumerate(value):
            conform(shape.member, item, f"{path}[{i}]", problems, cli)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: map expected")
            return
        for k, v in value.items():
            conform(shape.value, v, f"{path}.{k}", problems, cli)
    elif kind == "string":
        if not isinstance(value, str):
            problems.append(f"{path}: string expected, got {type(value).__name__}")
            return
        if shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} not in {shape.enum}")
        if "min" in meta and len(value) < meta["min"] or "max" in meta and len(value) > meta["max"]:
            problems.append(f"{path}: length {len(value)} outside {meta.get('min')}..{meta.get('max')}")
        if "pattern" in meta and not re.search(meta["pattern"], value):
            problems.append(f"{path}: {value[:60]!r} does not match {meta['pattern']}")
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: integer expected")
        elif "min" in meta and value < meta["min"] or "max" in meta and value > meta["max"]:
            problems.append(f"{path}: {value} outside {meta.get('min')}..{meta.get('max')}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: boolean expected")
    elif kind == "timestamp":
        # On the wire: epoch seconds; as the AWS CLI prints it: the same, or ISO 8601 (cli_timestamp_format).
        if cli and isinstance(value, str):
            if not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", value):
                problems.append(f"{path}: ISO 8601 time expected, got {value!r}")
        elif not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: epoch seconds expected")


def validate(operation, value, cli):
    global valid
    problems = []
    conform(MODEL.operation_model(operation).output_shape, value, operation, problems, cli)
    if problems:
        fail(f"{'AWS CLI' if cli else 'boto3'} {operation} answer breaks botocore's model:\n  " + "\n  ".join(problems))
    valid += 1


# ---- boto3 ----

def client():
    c = boto3.session.Session().client("athena", endpoint_url=ENDPOINT, region_name="us-east-1",
                                       config=Config(retries={"total_max_attempts": 1}))

    def on_response(http_response, parsed, model, **_):
        calls["boto3"] += 1
        driven["boto3"].add(model.name)
        if http_response.status_code == 200:
            validate(model.name, json.loads(http_response.content), cli=False)

    c.meta.events.register("after-call.athena", on_response)
    return c


def paginate(c, method, operation, result_key, **kwargs):
    """botocore's Paginator over an operation botocore ships no paginator for."""
    config = {"input_token": "NextToken", "output_token": "NextToken", "limit_key": "MaxResults", "result_key": result_key}
    pages = list(Paginator(getattr(c, method), config, MODEL.operation_model(operation)).paginate(**kwargs))
    return pages, [item for page in pages for item in page.get(result_key, [])]


def wait(get, wanted, timeout=30):
    deadline = time.time() + timeout
    value = None
    while time.time() < deadline:
        value = get()
        if value in wanted:
            return value
        time.sleep(0.05)
    return value


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


def idle_session(c, dpus):
    sid = c.start_session(WorkGroup="spark-analytics", EngineConfiguration={"MaxConcurrentDpus": dpus},
                          SessionIdleTimeoutInMinutes=480)["SessionId"]
    check(wait(lambda: c.get_session_status(SessionId=sid)["Status"]["State"], {"IDLE"}) == "IDLE", "session comes up IDLE")
    return sid


def boto3_flow():
    c = client()
    sid = idle_session(c, 12)
    endpoint = c.get_session_endpoint(SessionId=sid)
    tokens.append(endpoint["AuthToken"])
    check(sid in endpoint["EndpointUrl"] and hasattr(endpoint["AuthTokenExpirationTime"], "year"), "endpoint URL and expiry")

    state = lambda cid: c.get_calculation_execution_status(CalculationExecutionId=cid)["Status"]["State"]
    token = str(uuid.uuid4())
    first = c.start_calculation_execution(SessionId=sid, CodeBlock="df = spark.range(100)\nsleep(50)",
                                          Description="boto3 first", ClientRequestToken=token)
    check(first["State"] == "CREATING", "a calculation starts CREATING")
    again = c.start_calculation_execution(SessionId=sid, CodeBlock="df = spark.range(100)\nsleep(50)",
                                          Description="boto3 first", ClientRequestToken=token)
    check(again["CalculationExecutionId"] == first["CalculationExecutionId"], "the same token is the same calculation")
    failing = c.start_calculation_execution(SessionId=sid, CodeBlock='raise ValueError("no data")', Description="boto3 failing")
    stopped = c.start_calculation_execution(SessionId=sid, CodeBlock="sleep(500)", Description="boto3 stopped")
    more = [c.start_calculation_execution(SessionId=sid, CodeBlock=f"sleep(1)  # {i}")["CalculationExecutionId"] for i in range(3)]
    check(c.get_session_status(SessionId=sid)["Status"]["State"] == "BUSY", "BUSY while calculations wait")
    check(wait(lambda: state(first["CalculationExecutionId"]), {"RUNNING"}) == "RUNNING", "the first runs")
    check(state(failing["CalculationExecutionId"]) in ("QUEUED", "CREATING"), "the others wait their turn")
    executors_now = c.list_executors(SessionId=sid)
    check(executors_now["SessionId"] == sid, "ListExecutors names the session")
    check(wait(lambda: state(first["CalculationExecutionId"]), {"COMPLETED"}) == "COMPLETED", "the first completes")
    got = c.get_calculation_execution(CalculationExecutionId=first["CalculationExecutionId"])
    check(got["Result"]["ResultS3Uri"].startswith("s3://") and got["Statistics"]["DpuExecutionInMillis"] > 0, "result and DPU time")
    check(c.get_calculation_execution_code(CalculationExecutionId=first["CalculationExecutionId"])["CodeBlock"]
          == "df = spark.range(100)\nsleep(50)", "the code is kept")
    check(wait(lambda: state(failing["CalculationExecutionId"]), {"FAILED"}) == "FAILED", "raise fails it")
    check(c.get_calculation_execution(CalculationExecutionId=failing["CalculationExecutionId"])["Status"]["StateChangeReason"]
          == "ValueError: no data", "the reason names the error")
    check(wait(lambda: state(stopped["CalculationExecutionId"]), {"RUNNING"}) == "RUNNING", "the long one runs")
    check(c.stop_calculation_execution(CalculationExecutionId=stopped["CalculationExecutionId"])["State"] == "CANCELING", "stop: CANCELING")
    check(wait(lambda: state(stopped["CalculationExecutionId"]), {"CANCELED"}) == "CANCELED", "then CANCELED")
    check(c.stop_calculation_execution(CalculationExecutionId=stopped["CalculationExecutionId"])["State"] == "CANCELED",
          "stopping an ended one changes nothing")
    check(wait(lambda: c.get_session_status(SessionId=sid)["Status"]["State"], {"IDLE"}) == "IDLE", "IDLE again after the last")

    pages, calcs = paginate(c, "list_calculation_executions", "ListCalculationExecutions", "Calculations",
                            SessionId=sid, PaginationConfig={"PageSize": 2})
    ids = [x["CalculationExecutionId"] for x in calcs]
    check(len(pages) == 3 and len(ids) == 6 and len(set(ids)) == 6, f"calculations over {len(pages)} pages")
    check(ids[0] == more[-1] and ids[-1] == first["CalculationExecutionId"], "newest first")
    _, completed = paginate(c, "list_calculation_executions", "ListCalculationExecutions", "Calculations",
                            SessionId=sid, StateFilter="COMPLETED", PaginationConfig={"PageSize": 1})
    check(len(completed) == 4, f"StateFilter COMPLETED ({len(completed)})")

    pages, executors = paginate(c, "list_executors", "ListExecutors", "ExecutorsSummary", SessionId=sid,
                                PaginationConfig={"PageSize": 3})
    types = [e["ExecutorType"] for e in executors]
    check(types.count("COORDINATOR") == 1 and types.count("WORKER") == 11 and len(pages) == 4,
          f"executors: a coordinator and 11 workers over {len(pages)} pages ({types})")
    check(all(isinstance(e["StartDateTime"], int) and e["StartDateTime"] > 10 ** 12 for e in executors), "times in epoch milliseconds")
    _, ended = paginate(c, "list_executors", "ListExecutors", "ExecutorsSummary", SessionId=sid, ExecutorStateFilter="TERMINATED")
    _, left = paginate(c, "list_executors", "ListExecutors", "ExecutorsSummary", SessionId=sid, ExecutorStateFilter="TERMINATING")
    check(len(ended) + len(left) == 11, "workers leave once the session is idle")

    check(error_code(lambda: c.get_calculation_execution(CalculationExecutionId="no-such-calculation")) == "ResourceNotFoundException",
          "unknown calculation")
    check(error_code(lambda: c.list_executors(SessionId="no-such-session")) == "ResourceNotFoundException", "unknown session")
    unvalidated = boto3.session.Session().client("athena", endpoint_url=ENDPOINT, region_name="us-east-1",
                                                 config=Config(retries={"total_max_attempts": 1}, parameter_validation=False))
    check(error_code(lambda: unvalidated.list_executors(SessionId=sid, MaxResults=0)) == "InvalidRequestException", "MaxResults 0")
    check(error_code(lambda: unvalidated.list_calculation_executions(SessionId=sid, NextToken="forged")) == "InvalidRequestException",
          "forged NextToken")
    check(error_code(lambda: unvalidated.start_calculation_execution(SessionId=sid, CodeBlock="x" * 68001)) == "InvalidRequestException",
          "68,001 characters of code")
    c.terminate_session(SessionId=sid)
    check(error_code(lambda: c.get_session_endpoint(SessionId=sid)) == "InvalidRequestException", "no endpoint once ended")


# ---- the AWS CLI ----

def aws(*args, ok=True):
    operation = args[0]
    result = subprocess.run([AWS, "athena", *args, "--endpoint-url", ENDPOINT, "--output", "json"],
                            capture_output=True, text=True, timeout=120, env=os.environ)
    calls["cli"] += 1
    name = "".join(part.capitalize() for part in operation.split("-"))
    driven["cli"].add(name)
    if not ok:
        check(result.returncode != 0, f"aws {operation} should fail")
        return result.stderr
    check(result.returncode == 0, f"aws {' '.join(args)}: {result.stderr.strip()}")
    answer = json.loads(result.stdout) if result.stdout.strip() else {}
    validate(name, answer, cli=True)
    return answer


def cli_pages(operation, result_key, *args):
    items, token, pages = [], None, 0
    while pages < 50:
        page = aws(operation, *args, "--max-results", "2", *(["--next-token", token] if token else []))
        items += page.get(result_key, [])
        pages += 1
        token = page.get("NextToken")
        if not token:
            break
    return items, pages


def cli_flow():
    c = client()
    sid = idle_session(c, 4)
    endpoint = aws("get-session-endpoint", "--session-id", sid)
    tokens.append(endpoint["AuthToken"])
    check(endpoint["EndpointUrl"].startswith("https://"), "CLI endpoint URL")
    first = aws("start-calculation-execution", "--session-id", sid, "--code-block", "sleep(250)", "--description", "cli first")
    second = aws("start-calculation-execution", "--session-id", sid, "--code-block", "sleep(5000)",
                 "--client-request-token", str(uuid.uuid4()))
    third = aws("start-calculation-execution", "--session-id", sid, "--code-block", 'raise KeyError("missing")')
    cid = first["CalculationExecutionId"]
    status = lambda x: aws("get-calculation-execution-status", "--calculation-execution-id", x)["Status"]["State"]
    check(wait(lambda: status(cid), {"RUNNING", "COMPLETED"}) in ("RUNNING", "COMPLETED"), "CLI: the first runs")
    check(aws("get-calculation-execution-code", "--calculation-execution-id", cid)["CodeBlock"] == "sleep(250)", "CLI: code")
    check(wait(lambda: status(cid), {"COMPLETED"}) == "COMPLETED", "CLI: completes")
    check(aws("get-calculation-execution", "--calculation-execution-id", cid)["Result"]["StdOutS3Uri"].startswith("s3://"), "CLI: result")
    check(wait(lambda: status(second["CalculationExecutionId"]), {"RUNNING"}) == "RUNNING", "CLI: the second runs")
    check(aws("stop-calculation-execution", "--calculation-execution-id", second["CalculationExecutionId"])["State"] == "CANCELING",
          "CLI: stop")
    check(wait(lambda: status(third["CalculationExecutionId"]), {"FAILED"}) == "FAILED", "CLI: raise fails it")
    calcs, pages = cli_pages("list-calculation-executions", "Calculations", "--session-id", sid)
    check(len(calcs) == 3 and pages == 2, f"CLI: 3 calculations over {pages} pages")
    executors, pages = cli_pages("list-executors", "ExecutorsSummary", "--session-id", sid)
    check(len(executors) == 4 and pages == 2, f"CLI: a coordinator and 3 workers over {pages} pages ({len(executors)})")
    filtered, _ = cli_pages("list-executors", "ExecutorsSummary", "--session-id", sid, "--executor-state-filter", "REGISTERED")
    check(all(e["ExecutorState"] == "REGISTERED" for e in filtered), "CLI: --executor-state-filter")
    err = aws("list-executors", "--session-id", sid, "--next-token", "forged", ok=False)
    check("(InvalidRequestException)" in err, f"CLI: forged token ({err.strip()})")
    err = aws("get-calculation-execution", "--calculation-execution-id", "missing", ok=False)
    check("(ResourceNotFoundException)" in err, f"CLI: unknown calculation ({err.strip()})")


boto3_flow()
if AWS:
    cli_flow()
with open(TOKENS_FILE, "w", encoding="utf-8") as f:
    f.write("\n".join(tokens) + "\n")
missing = {who: sorted(set(NEW_OPERATIONS) - ops) for who, ops in driven.items() if (who != "cli" or AWS)}
check(not any(missing.values()), f"operations not driven: {missing}")
print(f"{len(driven['cli'] & set(NEW_OPERATIONS))} operations driven by the AWS CLI ({calls['cli']} calls), "
      f"{len(driven['boto3'] & set(NEW_OPERATIONS))} by boto3 ({calls['boto3']} calls), {valid} answers valid against botocore's model")
