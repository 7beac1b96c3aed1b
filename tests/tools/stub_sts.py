#!/usr/bin/env python3
"""A loopback STS and IAM Identity Center for tests: AssumeRole (SigV4 checked with botocore's own
SigV4Auth against the source credentials it knows), AssumeRoleWithWebIdentity (unsigned) and
GetCallerIdentity on POST /; the SSO portal's GetRoleCredentials on GET /federation/credentials
(bearer token checked); SSO OIDC CreateToken with a refresh token on POST /token, and the device
authorization sign-in: RegisterClient (POST /client/register), StartDeviceAuthorization
(POST /device_authorization) and CreateToken with the device-code grant, answering as
STUB_DEVICE_SCRIPT says (comma-separated: pending, slow_down, denied, expired, ok; the last repeats).

Issued credentials are derived from the role and the caller, so that two clients asking the same
question get the same keys (botocore is compared with our client that way). Every request is
appended to the log file as one JSON line (secrets replaced by their length).

usage: stub_sts.py LOGFILE  (prints the port on stdout, then serves until killed)
  env STUB_KEYS: JSON {"AKID": "secret", ...} of source credentials the stub accepts
  env STUB_MFA_CODE: the one MFA code accepted; STUB_WEB_TOKEN: the one web identity token
"""
import datetime
import hashlib
import http.server
import json
import os
import sys
import urllib.parse

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

LOG = sys.argv[1]
KEYS = json.loads(os.environ.get('STUB_KEYS', '{}'))  # access key id -> (secret, token)
MFA_CODE = os.environ.get('STUB_MFA_CODE', '123456')
WEB_TOKEN = os.environ.get('STUB_WEB_TOKEN', 'web-identity-token')
ISSUED = {}  # access key id -> (secret, token)
SSO_TOKENS = set(os.environ.get('STUB_SSO_TOKENS', 'sso-access-1').split(','))  # accepted bearer tokens
SSO_REFRESH = {'sso-refresh-1': ('sso-access-2', 'sso-refresh-2')}  # refresh token -> new tokens
DEVICE_SCRIPT = os.environ.get('STUB_DEVICE_SCRIPT', 'pending,ok').split(',')
DEVICE_INTERVAL = int(os.environ.get('STUB_DEVICE_INTERVAL', '1'))
REVOKED_CLIENTS = set(os.environ.get('STUB_REVOKED_CLIENTS', '').split(','))
CLIENTS = {}  # client id -> secret
DEVICES = {}  # device code -> client id
POLLS = []


def log(entry):
    with open(LOG, 'a') as f:
        f.write(json.dumps(entry) + '\n')


def issue(role_arn, caller):
    digest = hashlib.sha256((role_arn + '|' + caller).encode()).hexdigest().upper()
    akid = 'ASIA' + digest[:16]
    secret = 'S' + digest[16:56]
    token = 'T' + digest[:48]
    ISSUED[akid] = (secret, token)
    return akid, secret, token


def xml_error(code, message):
    return ('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>'
            f'<Code>{code}</Code><Message>{message}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>')


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header('Content-Type', 'text/xml')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def verify(self, body):
        """The caller's access key id if botocore computes the same signature, else None."""
        auth = self.headers.get('Authorization', '')
        try:
            akid = auth.split('Credential=')[1].split('/')[0]
            scope_region = auth.split('Credential=')[1].split('/')[2]
        except IndexError:
            return None, 'no SigV4 Authorization header'
        if akid in KEYS:
            secret, token = KEYS[akid], None
        elif akid in ISSUED:
            secret, token = ISSUED[akid]
        else:
            return None, 'unknown access key ' + akid
        if token and self.headers.get('X-Amz-Security-Token') != token:
            return None, 'wrong or missing session token'
        signed = auth.split('SignedHeaders=')[1].split(',')[0].split(';')
        url = f'http://{self.headers["Host"]}{self.path}'
        headers = {name: self.headers[name] for name in signed if self.headers.get(name) is not None}
        request = AWSRequest(method='POST', url=url, data=body, headers=headers)
        request.context['timestamp'] = self.headers['X-Amz-Date']
        signer = SigV4Auth(Credentials(akid, secret, token), 'sts', scope_region)
        # botocore signs with its own clock; give it the request's time and our header set.
        signer._modify_request_before_signing = lambda r: None
        canonical = signer.canonical_request(request)
        string_to_sign = signer.string_to_sign(request, canonical)
        expected = signer.signature(string_to_sign, request)
        got = auth.split('Signature=')[1].strip()
        return (akid, None) if expected == got else (None, 'signature mismatch')

    def answer_json(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
        bearer = self.headers.get('x-amz-sso_bearer_token', '')
        log({'Action': 'GetRoleCredentials', 'path': url.path, **query, 'bearer': bearer})
        if url.path != '/federation/credentials':
            return self.answer_json(404, {'message': 'not found'})
        if bearer not in SSO_TOKENS:
            return self.answer_json(401, {'message': 'Session token not found or invalid'})
        digest = hashlib.sha256((query['account_id'] + '|' + query['role_name']).encode()).hexdigest().upper()
        expires = int((datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).timestamp() * 1000)
        self.answer_json(200, {'roleCredentials': {'accessKeyId': 'ASIASSO' + digest[:13], 'secretAccessKey': 'S' + digest[13:53],
                                                   'sessionToken': 'T' + digest[:40], 'expiration': expires}})

    def oidc_error(self, status, error, header=True):
        """SSO OIDC's error shape: the type in x-amzn-ErrorType (as the service sends it) and OAuth's
        error code in the body; with header=False only the body says it."""
        data = json.dumps({'error': error, 'error_description': None}).encode()
        names = {'authorization_pending': 'AuthorizationPendingException', 'slow_down': 'SlowDownException',
                 'access_denied': 'AccessDeniedException', 'expired_token': 'ExpiredTokenException',
                 'invalid_client': 'InvalidClientException', 'invalid_request': 'InvalidRequestException'}
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        if header:
            self.send_header('x-amzn-ErrorType', names[error] + ':http://internal.amazon.com/coral/com.amazon.switchboard/')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def device_flow(self, request):
        """RegisterClient, StartDeviceAuthorization and the device-code CreateToken."""
        if self.path == '/client/register':
            log({'Action': 'RegisterClient', 'clientName': request.get('clientName'),
                 'clientType': request.get('clientType'), 'scopes': request.get('scopes')})
            client = f'device-client-{len(CLIENTS) + 1}'
            CLIENTS[client] = f'device-secret-{len(CLIENTS) + 1}'
            expires = int((datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=90)).timestamp())
            return self.answer_json(200, {'clientId': client, 'clientSecret': CLIENTS[client],
                                          'clientIdIssuedAt': expires - 90 * 86400, 'clientSecretExpiresAt': expires})
        client = request.get('clientId')
        known = CLIENTS.get(client) == request.get('clientSecret') or client not in CLIENTS and client not in REVOKED_CLIENTS
        if self.path == '/device_authorization':
            log({'Action': 'StartDeviceAuthorization', 'clientId': client, 'startUrl': request.get('startUrl'),
                 'clientSecret': f'<{len(request.get("clientSecret") or "")} chars>'})
            if client in REVOKED_CLIENTS or not known:
                return self.oidc_error(400, 'invalid_client')
            code = f'device-code-{len(DEVICES) + 1}'
            DEVICES[code] = client
            return self.answer_json(200, {'deviceCode': code, 'userCode': 'ABCD-EFGH',
                                          'verificationUri': 'https://device.sso.example.test/',
                                          'verificationUriComplete': 'https://device.sso.example.test/?user_code=ABCD-EFGH',
                                          'expiresIn': 600, 'interval': DEVICE_INTERVAL})
        # CreateToken, device-code grant
        code = request.get('deviceCode')
        POLLS.append(code)
        step = DEVICE_SCRIPT[min(len(POLLS) - 1, len(DEVICE_SCRIPT) - 1)]
        log({'Action': 'CreateToken', 'grantType': request.get('grantType'), 'clientId': client, 'answer': step,
             'deviceCode': f'<{len(code or "")} chars>'})
        if DEVICES.get(code) != client or not known:
            return self.oidc_error(400, 'invalid_request')
        if step == 'pending':
            return self.oidc_error(400, 'authorization_pending')
        if step == 'slow_down':
            return self.oidc_error(400, 'slow_down', header=False)
        if step == 'denied':
            return self.oidc_error(400, 'access_denied')
        if step == 'expired':
            return self.oidc_error(400, 'expired_token')
        SSO_TOKENS.add('sso-device-access')
        return self.answer_json(200, {'accessToken': 'sso-device-access', 'expiresIn': 28800,
                                      'refreshToken': 'sso-device-refresh', 'tokenType': 'Bearer'})

    def do_POST(self):
        length = int(self.headers.get('Content-Length', '0'))
        body = self.rfile.read(length)
        if self.path in ('/client/register', '/device_authorization') or (
                self.path == '/token' and b'device_code' in body):
            return self.device_flow(json.loads(body or b'{}'))
        if self.path == '/token':
            request = json.loads(body or b'{}')
            log({'Action': 'CreateToken', 'grantType': request.get('grantType'), 'clientId': request.get('clientId')})
            pair = SSO_REFRESH.get(request.get('refreshToken'))
            if request.get('grantType') != 'refresh_token' or pair is None or request.get('clientSecret') != 'client-secret':
                return self.answer_json(400, {'error': 'invalid_grant', 'error_description': 'bad refresh token'})
            SSO_TOKENS.add(pair[0])
            return self.answer_json(200, {'accessToken': pair[0], 'expiresIn': 28800, 'refreshToken': pair[1],
                                          'tokenType': 'Bearer'})
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode(), keep_blank_values=True).items()}
        action = form.get('Action')
        entry = {k: (v if k not in ('TokenCode', 'WebIdentityToken') else f'<{len(v)} chars>') for k, v in form.items()}
        entry['signed'] = 'Authorization' in self.headers
        caller = None
        if action in ('AssumeRole', 'GetCallerIdentity'):
            caller, problem = self.verify(body)
            entry['caller'] = caller
            if caller is None:
                entry['problem'] = problem
                log(entry)
                return self.answer(403, xml_error('SignatureDoesNotMatch', problem))
        log(entry)
        now = datetime.datetime.now(datetime.timezone.utc)
        expires = (now + datetime.timedelta(hours=1)).strftime('%Y-%m-%dT%H:%M:%SZ')
        if action == 'AssumeRole':
            if 'SerialNumber' in form and form.get('TokenCode') != MFA_CODE:
                return self.answer(403, xml_error('AccessDenied', 'MultiFactorAuthentication failed'))
            akid, secret, token = issue(form['RoleArn'], caller)
        elif action == 'AssumeRoleWithWebIdentity':
            if form.get('WebIdentityToken') != WEB_TOKEN:
                return self.answer(400, xml_error('InvalidIdentityToken', 'The token is not valid'))
            akid, secret, token = issue(form['RoleArn'], 'web')
        elif action == 'GetCallerIdentity':
            return self.answer(200, '<GetCallerIdentityResponse><GetCallerIdentityResult>'
                                    f'<Arn>arn:aws:sts::123456789012:assumed-role/x/{caller}</Arn>'
                                    f'<UserId>{caller}</UserId><Account>123456789012</Account>'
                                    '</GetCallerIdentityResult></GetCallerIdentityResponse>')
        else:
            return self.answer(400, xml_error('InvalidAction', 'unknown action'))
        result = 'AssumeRoleResult' if action == 'AssumeRole' else 'AssumeRoleWithWebIdentityResult'
        self.answer(200, f'<{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><{result}>'
                         f'<AssumedRoleUser><AssumedRoleId>AROA:{form["RoleSessionName"]}</AssumedRoleId>'
                         f'<Arn>{form["RoleArn"]}/{form["RoleSessionName"]}</Arn></AssumedRoleUser>'
                         f'<Credentials><AccessKeyId>{akid}</AccessKeyId><SecretAccessKey>{secret}</SecretAccessKey>'
                         f'<SessionToken>{token}</SessionToken><Expiration>{expires}</Expiration></Credentials>'
                         f'</{result}><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></{action}Response>')


server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
