// A real third-party authorization server for tvauth's conformance tests: panva's oidc-provider
// (pinned in package-lock.json), configured to look like Auth0 from a client's point of view.
//
//   node server.mjs --port 0 --data-dir DIR [--device-ttl-short SECONDS] [--dpop-nonce]
//
// Binds 127.0.0.1 only. Once listening it prints one line on stdout,
// {"issuer":"http://127.0.0.1:PORT/"}, and nothing else there (logs go to stderr). It writes the
// confidential clients' secret to DIR/service-client-secret (0600), like our demo server. It
// exits when stdin closes (a test that dies never leaves it running) and on SIGTERM/SIGINT.
// State (grants, codes, tokens) lives in memory only.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import Provider, { errors } from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    'device-ttl-short': { type: 'string', default: '5' },
    // DPoP (on by default in oidc-provider 9) with a server nonce required, as Auth0 requires
    // of public clients: at the token endpoint and at userinfo.
    'dpop-nonce': { type: 'boolean', default: false },
  },
});
if (!args['data-dir']) {
  console.error('usage: node server.mjs --port 0 --data-dir DIR [--device-ttl-short SECONDS]');
  process.exit(2);
}
const deviceTtlShort = Number.parseInt(args['device-ttl-short'], 10);

// Same identifiers as src/demo/clients.rs.
const API_AUDIENCE = 'urn:tvauth:demo-api';
const API_SCOPE = 'read:library';
const TV_SHORT = 'tvauth-tv-short';

// One secret for both confidential clients, new at each start, handed over through a file.
const serviceSecret = randomBytes(32).toString('base64url');
writeFileSync(join(args['data-dir'], 'service-client-secret'), serviceSecret, { mode: 0o600 });

// A fresh RS256 signing key per start (otherwise oidc-provider signs with its public dev keys).
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256',
};

// RFC 8252 §7.3: for `application_type: 'native'` clients oidc-provider accepts a registered
// loopback redirect on any port.
const redirectUris = ['http://127.0.0.1/callback', 'http://[::1]/callback'];
const deviceCodeGrant = 'urn:ietf:params:oauth:grant-type:device_code';
const tvClient = (clientId) => ({
  client_id: clientId,
  client_name: 'tvauth TV',
  application_type: 'native',
  token_endpoint_auth_method: 'none', // public: PKCE S256 is then required (oidc-provider default)
  grant_types: [deviceCodeGrant, 'refresh_token', 'authorization_code'],
  response_types: ['code'],
  redirect_uris: redirectUris,
});
const serviceClient = (clientId, authMethod) => ({
  client_id: clientId,
  client_name: 'tvauth box service',
  client_secret: serviceSecret,
  application_type: 'native', // for the any-port loopback redirect rule
  token_endpoint_auth_method: authMethod,
  grant_types: ['client_credentials', 'authorization_code', 'refresh_token'],
  response_types: ['code'],
  redirect_uris: redirectUris,
});

// The login a person types is the account id, e.g. "Alex Martin".
function findAccount(_ctx, id) {
  return {
    accountId: id,
    claims: () => ({
      sub: id,
      name: id,
      email: `${id.toLowerCase().replace(/ /g, '.')}@example.com`,
      email_verified: true,
    }),
  };
}

const configuration = {
  clients: [
    tvClient('tvauth-tv'),
    tvClient(TV_SHORT),
    serviceClient('tvauth-service', 'client_secret_basic'),
    serviceClient('tvauth-service-post', 'client_secret_post'),
  ],
  jwks: { keys: [signingKey] },
  // Signed cookies need keys; `secure` is only set when the request is https, so plain http on
  // 127.0.0.1 works without any proxy setting.
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  findAccount,
  scopes: ['openid', 'profile', 'email', 'offline_access', API_SCOPE],
  claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
  // Auth0 puts the profile claims in the ID token from the token endpoint; oidc-provider by
  // default keeps them for /userinfo only when an access token is issued.
  conformIdTokenClaims: false,
  // Auth0 rotates refresh tokens; oidc-provider rotates for public clients anyway, this makes it
  // unconditional. Presenting a consumed refresh token revokes the whole grant (its family).
  rotateRefreshToken: true,
  // issueRefreshToken is left at its default: a refresh token when the client may use the
  // refresh_token grant and `offline_access` was granted (device flow included). Note that at
  // /authorize oidc-provider drops `offline_access` unless the request has `prompt=consent`
  // (OpenID Connect Core §11); Auth0 does not.
  // Auth0's `audience` authorization/device parameter; mapped onto RFC 8707 `resource` below.
  extraParams: ['audience'],
  routes: {
    authorization: '/authorize',
    code_verification: '/activate',
    device_authorization: '/oauth/device/code',
    jwks: '/.well-known/jwks.json',
    revocation: '/oauth/revoke',
    token: '/oauth/token',
    userinfo: '/userinfo',
  },
  ttl: {
    AccessToken: 300,
    AuthorizationCode: 60,
    ClientCredentials: 300,
    DeviceCode: (_ctx, _code, client) => (client.clientId === TV_SHORT ? deviceTtlShort : 600),
    Grant: 14 * 24 * 3600,
    IdToken: 3600,
    Interaction: 3600,
    RefreshToken: 14 * 24 * 3600,
    Session: 14 * 24 * 3600,
  },
  features: {
    devInteractions: { enabled: true }, // built-in login + consent pages, any login/password
    deviceFlow: { enabled: true }, // user codes like Auth0's: base-20 letters, ****-****
    revocation: { enabled: true },
    clientCredentials: { enabled: true },
    dPoP: args['dpop-nonce']
      ? { enabled: true, nonceSecret: randomBytes(32), requireNonce: () => true }
      : { enabled: true },
    resourceIndicators: {
      enabled: true,
      // The `audience` parameter names the resource. At the token endpoint oidc-provider strips
      // parameters it does not know before the grant runs, but the parsed body keeps them.
      defaultResource(ctx, _client, oneOf) {
        if (oneOf) return oneOf;
        const audience = ctx.oidc.params?.audience ?? ctx.oidc.body?.audience;
        // Auth0 gives a client-credentials token every API scope granted to the client when the
        // request names none; oidc-provider would give none. (Only this grant gets here.)
        if (audience && ctx.oidc.route === 'token' && !ctx.oidc.params.scope) {
          ctx.oidc.params.scope = API_SCOPE;
        }
        return audience;
      },
      // Tokens from device codes, codes and refresh tokens carry the granted API audience even
      // when `openid` is asked (otherwise they would be opaque tokens for /userinfo).
      useGrantedResource: () => true,
      getResourceServerInfo(_ctx, resourceIndicator) {
        if (resourceIndicator !== API_AUDIENCE) throw new errors.InvalidTarget();
        return {
          scope: API_SCOPE,
          audience: API_AUDIENCE,
          accessTokenTTL: 300,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
};

const server = createServer();
// Node closes idle keep-alive connections after 5 s, exactly a device-flow poll interval: a
// client reusing its pooled connection then races the close and gets a reset. Keep them longer,
// like the load balancers in front of hosted providers do.
server.keepAliveTimeout = 65_000;
server.listen(Number.parseInt(args.port, 10), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}/`;
  const provider = new Provider(issuer, configuration);
  provider.on('server_error', (_ctx, err) => console.error('server_error', err));
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

function stop() {
  server.close();
  process.exit(0);
}
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
