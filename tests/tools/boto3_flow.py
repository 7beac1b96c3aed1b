#!/usr/bin/env python3
"""Drives a running athena-local with boto3, a client nobody here wrote.

usage: boto3_flow.py ENDPOINT_URL STATE_FILE {flow|verify|throttle}

Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Every raw response body is also
checked against botocore's own model of the Athena API (member names, types, enum values), so a
response that boto3 would parse but that breaks the model is still caught.
Prints "boto3: N checks passed" and exits 0, or prints the first failure and exits 1.
"""
import json
import sys
import time
import uuid

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT, STATE_FILE, MODE = sys.argv[1], sys.argv[2], sys.argv[3]
checks = 0
fields = 0


def check(condition, what):
    global checks
    if not condition:
        print("FAILED: " + what)
        sys.exit(1)
    checks += 1


def conforms(condition, what):
    global fields
    if not condition:
        print("FAILED: response breaks the model: " + what)
        sys.exit(1)
    fields += 1


def validate(shape, value, path):
    """Checks a parsed-JSON value against a botocore shape."""
    kind = shape.type_name
    if kind == "structure":
        conforms(isinstance(value, dict), f"{path}: object expected")
        for key, member in value.items():
            conforms(key in shape.members, f"{path}.{key}: not a member of {shape.name}")
            validate(shape.members[key], member, f"{path}.{key}")
    elif kind == "list":
        conforms(isinstance(value, list), f"{path}: array expected")
        for i, item in enumerate(value):
            validate(shape.member, item, f"{path}[{i}]")
    elif kind == "map":
        conforms(isinstance(value, dict), f"{path}: map expected")
        for k, v in value.items():
            validate(shape.value, v, f"{path}.{k}")
    elif kind == "string":
        conforms(isinstance(value, str), f"{path}: string expected")
        if shape.enum:
            conforms(value in shape.enum, f"{path}: {value!r} not in {shape.enum}")
    elif kind in ("integer", "long"):
        conforms(isinstance(value, int) and not isinstance(value, bool), f"{path}: integer expected")
    elif kind == "boolean":
        conforms(isinstance(value, bool), f"{path}: boolean expected")
    elif kind == "timestamp":
        conforms(isinstance(value, (int, float)) and not isinstance(value, bool), f"{path}: epoch seconds expected")


def client(**kwargs):
    session = boto3.session.Session()
    c = session.client("athena", endpoint_url=ENDPOINT, region_name="us-east-1",
                       config=Config(retries={"total_max_attempts": 1}, **kwargs.pop("config", {})), **kwargs)
    model = c.meta.service_model

    def on_response(http_response, parsed, model, **_):
        if http_response.status_code == 200 and http_response.content:
            validate(model.output_shape, json.loads(http_response.content), model.name)

    c.meta.events.register("after-call.athena", on_response)
    return c


def error_of(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response
    return None, 200, None


def wait_state(c, session_id, wanted, timeout=20):
    deadline = time.time() + timeout
    state = None
    while time.time() < deadline:
        state = c.get_session_status(SessionId=session_id)["Status"]["State"]
        if state in wanted:
            return state
        time.sleep(0.05)
    return state


def flow():
    c = client()
    groups = {g["Name"]: g for g in c.list_work_groups()["WorkGroups"]}
    check("primary" in groups and "spark-etl" in groups, "default workgroups listed")
    wg = c.get_work_group(WorkGroup="spark-etl")["WorkGroup"]
    check("Spark" in wg["Configuration"]["EngineVersion"]["EffectiveEngineVersion"], "spark-etl is a Spark workgroup")
    everything = c.list_engine_versions()["EngineVersions"]
    check(len(everything) >= 2, "engine versions listed")
    # Two at a time, following NextToken (botocore has no paginator for it): every version once,
    # in order, over several pages.
    pages, token = [], None
    while len(pages) < 20:
        page = c.list_engine_versions(MaxResults=2, **({"NextToken": token} if token else {}))
        pages.append(page)
        token = page.get("NextToken")
        if not token:
            break
    paged = [v for p in pages for v in p["EngineVersions"]]
    check(len(pages) == (len(everything) + 1) // 2 and paged == everything,
          f"ListEngineVersions pages as the service does ({len(pages)} pages, {len(paged)} of {len(everything)})")

    token = str(uuid.uuid4())
    first = c.start_session(WorkGroup="spark-etl", Description="boto3 first",
                            EngineConfiguration={"MaxConcurrentDpus": 20}, ClientRequestToken=token)
    check(first["State"] == "CREATING", "a new session is CREATING")
    ids = [first["SessionId"]]
    for i in range(6):
        ids.append(c.start_session(WorkGroup="spark-etl", Description=f"boto3 {i}",
                                   EngineConfiguration={"MaxConcurrentDpus": 4})["SessionId"])
    again = c.start_session(WorkGroup="spark-etl", Description="boto3 first",
                            EngineConfiguration={"MaxConcurrentDpus": 20}, ClientRequestToken=token)
    check(again["SessionId"] == first["SessionId"], "the same token and parameters give the same session")
    code, status, _ = error_of(lambda: c.start_session(WorkGroup="spark-etl", Description="boto3 first",
                                                       EngineConfiguration={"MaxConcurrentDpus": 40},
                                                       ClientRequestToken=token))
    check(code == "SessionAlreadyExistsException" and status == 400, f"changed parameters refused ({code}, {status})")

    details = c.get_session(SessionId=first["SessionId"])
    check(details["WorkGroup"] == "spark-etl" and details["Description"] == "boto3 first", "get_session fields")
    check(details["EngineConfiguration"]["MaxConcurrentDpus"] == 20, "engine configuration kept")
    check(hasattr(details["Status"]["StartDateTime"], "year"), "timestamps parse as datetimes")

    listed, token_seen, pages = [], None, 0
    while True:
        kwargs = {"WorkGroup": "spark-etl", "MaxResults": 3}
        if token_seen:
            kwargs["NextToken"] = token_seen
        page = c.list_sessions(**kwargs)
        listed += [s["SessionId"] for s in page["Sessions"]]
        pages += 1
        token_seen = page.get("NextToken")
        if not token_seen:
            break
    check(pages >= 3, f"several pages ({pages})")
    check(sorted(listed) == sorted(ids), "every session listed once")
    check(listed == list(reversed(ids)), "newest first")

    check(wait_state(c, first["SessionId"], {"IDLE"}) == "IDLE", "the session comes up IDLE")
    calc = c.start_calculation_execution(SessionId=first["SessionId"], CodeBlock="import time\ntime.sleep(1)")
    check(c.get_session_status(SessionId=first["SessionId"])["Status"]["State"] == "BUSY", "a calculation makes it BUSY")
    got = c.get_calculation_execution(CalculationExecutionId=calc["CalculationExecutionId"])
    check(got["SessionId"] == first["SessionId"], "calculation belongs to the session")
    check(len(c.list_calculation_executions(SessionId=first["SessionId"])["Calculations"]) == 1, "calculation listed")

    check(c.terminate_session(SessionId=ids[1])["State"] == "TERMINATING", "terminate answers TERMINATING")
    check(wait_state(c, ids[1], {"TERMINATED"}) == "TERMINATED", "the session ends TERMINATED")
    check(c.terminate_session(SessionId=ids[1])["State"] == "TERMINATED", "terminating again changes nothing")
    ended = c.list_sessions(WorkGroup="spark-etl", StateFilter="TERMINATED")["Sessions"]
    check([s["SessionId"] for s in ended] == [ids[1]], "StateFilter TERMINATED")

    code, status, _ = error_of(lambda: c.get_session(SessionId="no-such-session"))
    check((code, status) == ("ResourceNotFoundException", 400), f"unknown session ({code}, {status})")
    code, status, response = error_of(lambda: c.start_session(WorkGroup="primary", EngineConfiguration={"MaxConcurrentDpus": 4}))
    check((code, status) == ("InvalidRequestException", 400), f"SQL workgroup refused ({code}, {status})")
    check(response["Error"]["Message"] and "AthenaErrorCode" in response, "InvalidRequestException carries AthenaErrorCode")
    code, status, _ = error_of(lambda: c.list_sessions(WorkGroup="no-such-group"))
    check((code, status) == ("ResourceNotFoundException", 400), f"unknown workgroup ({code}, {status})")
    unvalidated = client(config={"parameter_validation": False})
    code, status, _ = error_of(lambda: unvalidated.start_session(WorkGroup="spark-etl", EngineConfiguration={"MaxConcurrentDpus": 1}))
    check((code, status) == ("InvalidRequestException", 400), f"server-side validation ({code}, {status})")
    code, status, _ = error_of(lambda: unvalidated.list_sessions(WorkGroup="spark-etl", NextToken="forged"))
    check((code, status) == ("InvalidRequestException", 400), f"forged NextToken ({code}, {status})")

    wrong = boto3.session.Session().client("athena", endpoint_url=ENDPOINT, region_name="us-east-1",
                                           aws_access_key_id=botocore.session.get_session().get_credentials().access_key,
                                           aws_secret_access_key="wrong-secret",
                                           config=Config(retries={"total_max_attempts": 1}))
    code, status, _ = error_of(lambda: wrong.list_work_groups())
    check((code, status) == ("InvalidSignatureException", 400), f"wrong secret ({code}, {status})")
    unsigned = client(config={"signature_version": botocore.UNSIGNED})
    code, status, _ = error_of(lambda: unsigned.list_work_groups())
    check((code, status) == ("MissingAuthenticationTokenException", 403), f"unsigned ({code}, {status})")

    with open(STATE_FILE, "w", encoding="utf-8") as f:
        json.dump({"ids": ids, "token": token, "first": first["SessionId"]}, f)


def verify():
    c = client()
    with open(STATE_FILE, encoding="utf-8") as f:
        state = json.load(f)
    for sid in state["ids"]:
        check(c.get_session(SessionId=sid)["WorkGroup"] == "spark-etl", f"{sid} survived the restart")
    again = c.start_session(WorkGroup="spark-etl", Description="boto3 first",
                            EngineConfiguration={"MaxConcurrentDpus": 20}, ClientRequestToken=state["token"])
    check(again["SessionId"] == state["first"], "idempotency survived the restart")


def throttle():
    c = client()
    started = 0
    for _ in range(20):
        code, status, response = error_of(lambda: c.start_session(WorkGroup="spark-ml", EngineConfiguration={"MaxConcurrentDpus": 30}))
        if code is None:
            started += 1
            continue
        check((code, status) == ("TooManyRequestsException", 400), f"quota error ({code}, {status})")
        check(response.get("Reason") == "CONCURRENT_QUERY_LIMIT_EXCEEDED", "throttle reason")
        break
    check(started == 3, f"three 30-DPU sessions fit a 100-DPU quota ({started})")


{"flow": flow, "verify": verify, "throttle": throttle}[MODE]()
print(f"boto3: {checks} checks passed, {fields} response fields conform to botocore's model")
