#!/usr/bin/env python3
"""A loopback stand-in for the credentials endpoints a container or an EC2 instance offers: the
ECS/EKS container agent (GET /container/...) and the EC2 instance metadata service (IMDSv2: PUT
/latest/api/token, then GET /latest/meta-data/iam/security-credentials/[ROLE] with the token;
IMDSv1 when told to refuse tokens). Standard library only.

Issued keys are derived from the kind, the role and a generation number, so that two clients
asking the same question get the same keys (botocore is compared with our client that way), and
a test that bumps the generation sees a refresh. Every request is appended to the log file as one
JSON line; secrets (Authorization, the IMDS token) are replaced by their length.

usage: stub_instance_metadata.py LOGFILE CONTROLFILE  (prints the port, then serves until killed)
The control file (JSON, read at every request; absent: defaults) may set:
  container_auth  the Authorization value the container endpoint requires (null: none)
  imds            "v2" (default: GETs need a token from the PUT) or "v1" (the PUT answers put_status)
  put_status      the token request's status in v1 mode (default 404)
  reject_tokens   true: every GET that carries a token answers 401 (as for an expired token)
  silent          true: accept, read the request, never answer
  endless         true: answer 200 with a body that never ends
  role, generation, expiration (ISO 8601; default one hour from now), keys {AccessKeyId, ...}
  imds_error      true: the credentials answer is IMDS's {"Code": ..., "Message": ...} error
"""
import datetime
import hashlib
import http.server
import json
import sys
import threading
import time

LOG, CONTROL = sys.argv[1], sys.argv[2]
TOKENS = set()
LOCK = threading.Lock()
COUNTER = [0]


def control():
    try:
        with open(CONTROL) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def log(entry):
    with LOCK, open(LOG, 'a') as f:
        f.write(json.dumps(entry) + '\n')


def secret_length(value):
    return None if value is None else f'<{len(value)} chars>'


def issue(kind, ctl):
    if ctl.get('keys'):
        keys = dict(ctl['keys'])
    else:
        digest = hashlib.sha256(f'{kind}|{ctl.get("role", "")}|{ctl.get("generation", 0)}'.encode()).hexdigest().upper()
        keys = {'AccessKeyId': 'ASIA' + digest[:16], 'SecretAccessKey': 'stub/secret/' + digest[16:48],
                'Token': 'stub-token-' + digest[:40]}
    expiration = ctl.get('expiration') or (datetime.datetime.now(datetime.timezone.utc)
                                           + datetime.timedelta(hours=1)).strftime('%Y-%m-%dT%H:%M:%SZ')
    keys['Expiration'] = expiration
    return keys


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type='application/json'):
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def entry(self, status, **extra):
        log({'method': self.command, 'path': self.path, 'status': status,
             'authorization': secret_length(self.headers.get('Authorization')),
             'token': secret_length(self.headers.get('x-aws-ec2-metadata-token')),
             'ttl': self.headers.get('x-aws-ec2-metadata-token-ttl-seconds'),
             'accept': self.headers.get('Accept'), **extra})

    def misbehave(self, ctl):
        """True when told to be silent or endless (and then it was)."""
        if ctl.get('silent'):
            self.entry(None, silent=True)
            time.sleep(60)
            return True
        if ctl.get('endless'):
            self.entry(200, endless=True)
            self.send_response(200)
            self.send_header('Content-Type', 'application/json')
            self.end_headers()
            sent = 0
            chunk = b'{"AccessKeyId": "' + b'A' * 16384
            try:
                while sent < 1 << 30:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except OSError:
                pass
            log({'event': 'endless-closed', 'sent': sent})
            return True
        return False

    def do_PUT(self):
        ctl = control()
        if self.misbehave(ctl):
            return
        if self.path != '/latest/api/token':
            self.entry(404)
            return self.answer(404, '')
        if ctl.get('imds', 'v2') == 'v1':
            status = int(ctl.get('put_status', 404))
            self.entry(status)
            return self.answer(status, '')
        ttl = self.headers.get('x-aws-ec2-metadata-token-ttl-seconds', '')
        if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
            self.entry(400)
            return self.answer(400, '')
        with LOCK:
            COUNTER[0] += 1
            token = f'imds-session-token-{COUNTER[0]:04d}-secret'
            TOKENS.add(token)
        self.entry(200)
        self.answer(200, token, 'text/plain')

    def do_GET(self):
        ctl = control()
        if self.misbehave(ctl):
            return
        if self.path.startswith('/container'):
            expected = ctl.get('container_auth')
            if expected is not None and self.headers.get('Authorization') != expected:
                self.entry(401)
                return self.answer(401, json.dumps({'message': 'invalid authorization token'}))
            self.entry(200)
            return self.answer(200, json.dumps(issue('container', ctl)))
        prefix = '/latest/meta-data/iam/security-credentials/'
        if not self.path.startswith(prefix):
            self.entry(404)
            return self.answer(404, '')
        token = self.headers.get('x-aws-ec2-metadata-token')
        if token is not None and ctl.get('reject_tokens'):
            self.entry(401)
            return self.answer(401, '')
        if ctl.get('imds', 'v2') == 'v2' and token not in TOKENS:
            self.entry(401)
            return self.answer(401, '')
        role = ctl.get('role', 'AthenaSessionsInstanceRole')
        name = self.path[len(prefix):]
        if name == '':
            self.entry(200)
            return self.answer(200, role, 'text/plain')
        if name != role:
            self.entry(404)
            return self.answer(404, '')
        self.entry(200)
        if ctl.get('imds_error'):
            return self.answer(200, json.dumps({'Code': 'AssumeRoleUnauthorizedAccess', 'Message': 'EC2 cannot assume the role',
                                                'LastUpdated': '2024-01-01T00:00:00Z'}))
        keys = issue('imds', ctl)
        return self.answer(200, json.dumps({'Code': 'Success', 'LastUpdated': '2024-01-01T00:00:00Z', 'Type': 'AWS-HMAC',
                                            **keys}))


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


server = Server(('127.0.0.1', 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
