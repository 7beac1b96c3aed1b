#!/usr/bin/env python3
"""The endpoint URLs botocore resolves: the independent oracle for aws::EndpointResolver.

For a fixed table of service x region x FIPS x dual-stack combinations (plus STS in "legacy"
regional-endpoints mode and region names botocore refuses), creates a botocore client with dummy
credentials and makes one call, stopped in botocore's "before-send" event: the URL reported is
the one botocore would really send to (the endpoint rule set's answer, which can differ from
client.meta.endpoint_url, the older endpoints.json guess), with the region in the SigV4 scope.
Errors are those botocore raises, at client creation (invalid region, an endpoint variant that
endpoints.json lacks) or when the rule set resolves. Nothing leaves the process.

Writes a JSON array to stdout, one object per row:
  {"botocore" (its version), "service", "region", "fips", "dualstack", "sts_regional_endpoints",
  "url", "signing_region" (null for the unsigned SSO calls), "meta_endpoint_url"} or, instead of
  the last three, "error": the botocore exception's class name and message.
With --text, writes one readable line per row instead.
"""
import json
import os
import sys

# Only the table below decides the settings: no AWS_* variable or config file of this machine.
for _name in [n for n in os.environ if n.startswith("AWS_")]:
    del os.environ[_name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull

import botocore  # noqa: E402
import botocore.session  # noqa: E402
from botocore.config import Config  # noqa: E402

# One cheap call per service; the SSO portal and OIDC calls are unsigned.
CALLS = {
    "athena": ("list_work_groups", {}),
    "sts": ("get_caller_identity", {}),
    "sso": ("list_accounts", {"accessToken": "not-a-token"}),
    "sso-oidc": ("register_client", {"clientName": "oracle", "clientType": "public"}),
}


class _Stop(Exception):
    """Raised from before-send: carries the request botocore was about to send."""

    def __init__(self, request):
        super().__init__("stopped before sending")
        self.request = request


def _stop_before_send(request, **_kwargs):
    raise _Stop(request)


def _signing_region(request):
    auth = request.headers.get("Authorization")
    if auth is None:
        return None
    if isinstance(auth, bytes):
        auth = auth.decode("ascii")
    # "AWS4-HMAC-SHA256 Credential=AKID/20260101/<region>/<service>/aws4_request, ..."
    return auth.split("Credential=", 1)[1].split("/")[2]


SERVICES = ["athena", "sts", "sso", "sso-oidc"]

# Every partition, listed and not-yet-listed regions (matched by the partition's pattern), a
# region no partition claims (botocore falls back to "aws"), the global pseudo-region and FIPS
# pseudo-regions (botocore strips "fips-" / "-fips" and turns FIPS on).
REGIONS = [
    "us-east-1",
    "eu-west-1",
    "ap-southeast-2",
    "eu-central-1",
    "ap-southeast-9",
    "cn-north-1",
    "cn-northwest-1",
    "us-gov-west-1",
    "us-gov-east-1",
    "us-iso-east-1",
    "us-isob-east-1",
    "eu-isoe-west-1",
    "us-isof-south-1",
    "eusc-de-east-1",
    "xx-nowhere-1",
    "eusc-fr-east-1",
    "aws-global",
    "aws-cn-global",
    "aws-us-gov-global",
    "aws-iso-e-global",
    "fips-us-gov-west-1",
    "us-east-1-fips",
]

# STS in botocore's "legacy" mode: the global endpoint for the regions that once used it.
STS_LEGACY_REGIONS = ["us-east-1", "eu-west-1", "ap-northeast-1", "eu-south-1", "us-gov-west-1", "aws-global"]

# Region names botocore refuses before resolving anything.
INVALID_REGIONS = ["us_east_1", "-us-east-1", "us-east-1-", "12345", "us east 1"]


def rows():
    for service in SERVICES:
        for region in REGIONS:
            for fips in (False, True):
                for dualstack in (False, True):
                    yield service, region, fips, dualstack, "regional"
    for region in STS_LEGACY_REGIONS:
        for fips in (False, True):
            for dualstack in (False, True):
                yield "sts", region, fips, dualstack, "legacy"
    for service in SERVICES:
        for region in INVALID_REGIONS:
            yield service, region, False, False, "regional"


def main():
    sessions = {}
    out = []
    for service, region, fips, dualstack, sts_mode in rows():
        session = sessions.get(sts_mode)
        if session is None:
            session = botocore.session.Session()
            session.set_config_variable("sts_regional_endpoints", sts_mode)
            session.set_credentials("AKIDEXAMPLE", "not-a-secret")
            sessions[sts_mode] = session
        row = {
            "botocore": botocore.__version__,
            "service": service,
            "region": region,
            "fips": fips,
            "dualstack": dualstack,
            "sts_regional_endpoints": sts_mode,
        }
        try:
            client = session.create_client(
                service,
                region_name=region,
                config=Config(use_fips_endpoint=fips, use_dualstack_endpoint=dualstack),
            )
            client.meta.events.register("before-send", _stop_before_send)
            operation, params = CALLS[service]
            try:
                getattr(client, operation)(**params)
                raise RuntimeError(f"{operation} was not stopped before sending")
            except _Stop as stop:
                url = stop.request.url
                row["url"] = url[: url.index("/", len("https://"))] if "/" in url[len("https://"):] else url
                row["signing_region"] = _signing_region(stop.request)
                row["meta_endpoint_url"] = client.meta.endpoint_url
        except Exception as e:  # botocore's own errors are what this oracle reports
            row["error"] = f"{type(e).__name__}: {e}"
        out.append(row)
    if "--text" in sys.argv[1:]:
        for r in out:
            flags = ",".join(f for f, on in (("fips", r["fips"]), ("dualstack", r["dualstack"])) if on) or "-"
            extra = ""
            if r.get("url") and r.get("meta_endpoint_url") != r["url"]:
                extra = f'  (meta.endpoint_url {r["meta_endpoint_url"]})'
            print(f'{r["service"]:9} {r["region"]:20} {flags:15} {r["sts_regional_endpoints"]:8} '
                  f'{r.get("url") or r.get("error")} {r.get("signing_region") or ""}{extra}')
    else:
        json.dump(out, sys.stdout, indent=0)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
