# Demo authorization server: pages people see on their phone or computer.
demo-badge = Demo sign-in server: no real account is used.
page-activate-title = Activate your TV
activate-heading = Sign in on your TV
activate-intro = Enter the code shown on your TV screen.
activate-code-label = Code
activate-continue = Continue
activate-requested-by = { $app } is asking to use your account.
activate-check-code = Check that your TV shows this code: { $code }
activate-access-intro = It will be able to:
activate-name-label = Your name (for this demo account)
activate-name-placeholder = e.g. Alex
activate-warning = Only approve if you started signing in on your own TV and it shows this code. Never approve a code that someone sent you.
activate-approve = Approve
activate-deny = Deny
activate-approved-title = Your TV is signed in
activate-approved-body = { $app } is now signed in as { $name }. You can close this page: your TV continues on its own.
activate-denied-title = Request declined
activate-denied-body = Nothing was shared with { $app }. You can close this page.
activate-error-unknown-code = This code is not valid. Check the code on your TV and try again.
activate-error-expired-code = This code has expired. Ask your TV for a new code.
activate-error-used-code = This code has already been used.
activate-error-throttled = Too many wrong codes. Wait a few minutes, then try again.
error-name = Enter a name of 1 to 64 characters.
error-form-expired = This page has expired. Please try again.
error-server = Something went wrong on the server. Please try again.
error-bad-form = The form could not be read. Please try again.
scope-profile = see your name and picture
scope-email = see your email address
scope-offline-access = stay signed in until you sign out
scope-read-library = show your library
page-authorize-title = Sign in
authorize-heading = Sign in to { $app }
authorize-intro = { $app } wants to sign you in on this device.
authorize-allow = Allow
authorize-deny = Cancel
authorize-error-title = This sign-in link is not valid
authorize-error-client = The application is unknown to this server.
authorize-error-redirect = The return address is not registered for this application.
authorize-error-request = The sign-in request is malformed: { $reason }

# The demo API's library: genre and length of each title (the titles are the works' names).
demo-library-northern-lights = Documentary · 52 min
demo-library-quiet-harbour = Drama · Season 1
demo-library-midnight-orchard = Thriller · 1 h 48
demo-library-paper-planets = Animation · 1 h 31
demo-library-salt-and-stone = Cooking · 12 episodes
demo-library-signal-lost = Science fiction · 2 h 04
demo-library-high-meadow = Nature · 4K HDR
demo-library-last-tram-home = Comedy · Season 3

# The `tvauth demo-server` command.
demo-server-running = tvauth demo server is running.
demo-server-issuer = Issuer: { $url }
demo-server-activate = Activation page: { $url }
demo-server-config = Client configuration, to paste into { $path }:
demo-server-secret = Secret of the service client ({ $client }): { $path }
demo-server-data = Data directory: { $path }
demo-server-stop = Press Ctrl+C to stop.
demo-server-stopped = Demo server stopped.
demo-server-lan = Only this page answers at { $address }, for phones on the local network: anyone on it can approve a code.
demo-lan-none = No local network address found (only loopback is up): give one with { $flag }=ADDR.

# The command line.
cli-demo-notice = No provider configured (in { $path } or { $system }): using the embedded demo server at { $issuer }
cli-demo-lan-notice = Demo activation page for phones on the local network: { $url } (anyone on this network can approve a code)
cli-lan-demo-unused = --lan-demo has no effect: a provider is configured, so the embedded demo server is not used.
cli-login-intro = Sign in from your phone or computer:
cli-login-step-open = 1. Open  { $url }
cli-login-step-code = 2. Enter this code:
cli-login-userinfo = Careful: the part before “@” is not the site. This address goes to { $host }.
cli-login-scan = Or scan this QR code with your phone's camera:
cli-speak-unavailable = Cannot read the code aloud: neither speech-dispatcher (spd-say) nor espeak-ng is installed. Install one of them (apt install speech-dispatcher).
cli-speak-failed = Could not read the code aloud ({ $error }).
cli-login-waiting = Waiting for approval… { $time } left
cli-login-slow-down = The server asked us to poll more slowly (every { $seconds } s). { $time } left
cli-login-offline = No network — retrying in { $seconds } s. { $time } left
cli-login-signed-in = Signed in as { $name }.
cli-login-signed-in-unnamed = Signed in.
cli-login-expired = The code expired before it was approved. Run `tvauth login` again for a new one.
cli-login-denied = The sign-in was declined.
cli-login-failed = Sign-in failed: { $error }
cli-login-already = Already signed in as { $name }. Run `tvauth login` without --profile to add someone else.
cli-login-already-unnamed = Already signed in. Run `tvauth login` without --profile to add someone else.
cli-login-renewing = Renewing the sign-in of { $name }, which ends on { $date }.
cli-login-renewing-unnamed = Renewing this device's sign-in, which ends on { $date }.
cli-status-signed-out = Not signed in. Run `tvauth login` to sign in.
cli-status-signed-in = Signed in as { $name }
cli-status-signed-in-unnamed = Signed in (the provider gave no name)
cli-status-email = Email: { $email }
cli-status-provider = Provider: { $issuer }
cli-status-since = Signed in { $ago } ago
cli-status-refreshed = Last refresh { $ago } ago
cli-status-access-valid = Access token: valid for { $left }
cli-status-access-expired = Access token: expired (a new one is fetched when needed)
cli-status-refresh-yes = Stays signed in: yes
cli-status-refresh-no = Stays signed in: no (no refresh token: sign in again when the access token expires)
cli-status-dpop-bound = Bound to this TV's key (DPoP): the tokens are useless anywhere else
cli-status-until = Signed in until { $date }
cli-status-renew = Renewal due: run `tvauth login` before then to stay signed in.
cli-status-ended = Your sign-in on this device ended on { $date }: run `tvauth login` to sign in again.
cli-status-pending = { $count ->
    [one] One sign-out is waiting to be sent to the provider.
   *[other] { $count } sign-outs are waiting to be sent to the provider.
}
cli-status-clock-off = This TV's clock is { $off } off ({ $way ->
    [ahead] ahead of
   *[behind] behind
} the provider's); tvauth goes by the provider's time.
cli-status-config-flag = Configuration: { $path } (--config)
cli-status-config-dir-env = Configuration: { $path } (TVAUTH_CONFIG_DIR)
cli-status-config-user = Configuration: { $path } (this user's)
cli-status-config-system = Configuration: { $path } (system-wide)
cli-status-config-demo = Configuration: none, the embedded demo server
cli-status-quarantined = The session file could not be read; it was moved to { $path }.
cli-logout-revoked = Signed out. The provider revoked this device's tokens.
cli-logout-pending = Signed out on this device. The provider could not be reached: the revocation will be sent by the next command that goes online.
cli-logout-not-signed-in = Not signed in.
cli-logout-removed = Removed the profile of { $name } (its sign-in had already ended).
cli-login-other-person = Someone else approved: they have a profile of their own now, and the profile of { $chosen } is unchanged.
cli-status-profile = Profile: { $name } (id { $id })
cli-status-profile-ended = The sign-in of { $name } on this TV has ended. Run `tvauth login --profile { $id }` to sign in again.
cli-status-others = { $count ->
    [one] One other profile is on this TV: `tvauth profiles` lists it.
   *[other] { $count } other profiles are on this TV: `tvauth profiles` lists them.
}
cli-profiles-none = No profiles on this TV. Run `tvauth login` to sign someone in.
cli-profiles-signed-in = signed in
cli-profiles-ended = session ended
cli-profiles-last-used = last used { $ago } ago
cli-profiles-unnamed = (no name)
cli-profiles-default = * the profile commands use without --profile (the most recently used)
cli-profile-unknown = No profile is called “{ $wanted }”. Run `tvauth profiles` to see them (by name, email, subject or id).
cli-profile-ambiguous = “{ $wanted }” names { $count } profiles: give its id instead (`tvauth profiles` shows them).
cli-error-too-many-profiles = This TV already has { $max } profiles: remove one first (`tvauth profiles` lists them; someone who has one renews it with `tvauth login --profile NAME`)
cli-error-signed-out = Not signed in. Run `tvauth login` to sign in.
cli-error-ended = The session has ended at the provider. Run `tvauth login` to sign in again.
cli-error-offline = The provider cannot be reached ({ $error }). Nothing was lost; try again later.
duration-seconds = { $n ->
    [one] 1 second
   *[other] { $n } seconds
}
duration-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
duration-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
duration-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}

# Reading the code aloud (said by a speech synthesizer: the host with its dots as words, the
# code letter by letter, twice).
speech-code = To sign in, go to { $host }, and enter the code: { $code }. Again: { $code }.
speech-dot = dot
speech-colon = colon

# A day written out: "27 December 2026".
date-long = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }

# The TV app.
tv-starting = Signing in…
tv-activate-title = Sign in to tvauth
tv-activate-step-open = On your phone or computer, go to
tv-activate-step-code = and enter this code
tv-activate-scan = Or scan with your phone's camera
tv-activate-requesting = Getting a code…
tv-activate-no-code = Couldn't get a code — retrying in { $seconds } s
tv-activate-waiting = Waiting for you to approve on your phone
tv-activate-slow-down = The server asked us to check more slowly (every { $seconds } s)
tv-activate-offline = No network — retrying in { $seconds } s
tv-activate-safety = Only enter this code if you started signing in on this TV.
tv-activate-demo = Demo sign-in: no real account is used.
tv-activate-time-left = Time left
tv-activate-userinfo = Careful: the part before “@” is not the site. This address goes to { $host }.
tv-expired-title = The code expired
tv-expired-body = For your security, each code works for a limited time. Get a new one to sign in.
tv-expired-action = Get a new code
tv-declined-title = Sign-in was declined
tv-declined-body = The request was denied on the sign-in page, so this TV is not signed in.
tv-declined-action = Try again
tv-error-network-title = Can't reach the sign-in service
tv-error-network-body = Check that this TV is connected to the internet, then try again.
tv-error-server-title = The sign-in service is having trouble
tv-error-server-body = This is not a problem with your TV. Wait a moment, then try again.
tv-error-refused-title = Sign-in was refused
tv-error-refused-body = The sign-in service refused this TV. If this keeps happening, check the TV's sign-in settings.
tv-error-storage-title = This TV can't save your sign-in
tv-error-storage-body = Its storage could not be written. Restart the TV, then try again.
tv-error-code = Error code: { $code }
tv-error-action = Retry
tv-home-greeting = Signed in as { $name }
tv-home-greeting-unnamed = Signed in
tv-home-offline = Offline — showing what was saved
tv-home-stale = Couldn't refresh ({ $code })
tv-home-loading = Loading your library…
tv-home-empty = Nothing to show yet.
tv-home-account = Account
tv-home-library = Your library
tv-home-more = { $count ->
    [one] 1 more →
   *[other] { $count } more →
}
tv-signing-out = Removing…
tv-sign-out-title = Remove { $name } from this TV?
tv-sign-out-body = { $name }’s sign-in and saved items are deleted from this TV. Other profiles stay, and other devices stay signed in.
tv-sign-out-body-unnamed = This profile’s sign-in and saved items are deleted from this TV. Other profiles stay, and other devices stay signed in.
tv-sign-out-confirm = Remove
tv-cancel = Cancel
tv-exit-title = Exit tvauth?
tv-exit-stay = Stay
tv-exit-confirm = Exit
tv-item-close = Back
cli-error-secret = The client secret cannot be used: { $error }
cli-error-redirect = The browser came back with an answer that does not belong to this sign-in, so it was refused and nothing was saved ({ $error }). Run the command again.
cli-error-code-rejected = The provider refused the authorization code (already used, expired, or the PKCE check failed). Nothing was saved; run the command again.
cli-error-invalid-client = The provider does not accept this client's credentials: check client_id and its secret ({ $error }).
cli-error-grant-refused = The provider does not allow this client to sign in this way: enable the grant for this application at the provider ({ $error }).
cli-browser-opened = Your browser was opened to sign in. If it did not appear, open this address on this device:
cli-browser-open-this = Open this address in a browser on this device to sign in:
cli-browser-waiting = Waiting for the browser (up to { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
    }; Ctrl-C cancels)…
cli-browser-timeout = The browser did not come back in time. Run `tvauth login --browser` again.
cli-browser-cancelled = Sign-in cancelled.
browser-page-done-title = You are signed in
browser-page-done-text = You can close this tab and go back to your TV.
browser-page-failed-title = Sign-in did not finish
browser-page-failed-text = Go back to your TV to see why and try again.
browser-page-stray-title = Not this sign-in
browser-page-stray-text = This page does not belong to the sign-in in progress, so it was ignored. The sign-in goes on.
tv-activate-browser = Sign in on this TV instead
tv-activate-browser-cancel = Cancel signing in on this TV
tv-activate-browser-waiting = Continue in the browser that opened on this TV
tv-activate-browser-timed-out = The browser sign-in timed out. Use the code, or try again.
tv-activate-browser-failed = Signing in on this TV did not work ({ $code }). Use the code, or try again.
tv-activate-read-aloud = Read the code aloud
tv-activate-renewing = Getting a new code…
tv-activate-new-code = New code — the previous one no longer works

# The provider forbids signing in with a code (device flow).
tv-forbidden-title = Signing in with a code is turned off
tv-forbidden-body = This account's provider doesn't allow signing in with a code on a TV.
tv-forbidden-body-browser = This account's provider doesn't allow signing in with a code on a TV. You can sign in on this TV instead, in its browser.
tv-forbidden-retry = Try again
tv-forbidden-provider-said = The provider said: “{ $description }”

# Renewing the session before it ends.
tv-signed-in-until = Signed in until { $date }
tv-home-renewal-due = Your sign-in on this TV ends on { $date }. Renew it now to stay signed in.
tv-home-renew = Renew now
tv-activate-renew-title = Renew this TV's sign-in

# Diagnostics (Info, Menu, Help or F1; "Help" on Home). Never a token or a secret.
tv-home-help = Help
tv-diag-title = Diagnostics
tv-diag-hint = For whoever helps with a sign-in. Nothing here is secret. Back returns to where you were.
tv-diag-gathering = Gathering…
tv-diag-none = —
tv-diag-this-tv = This TV
tv-diag-version = tvauth version
tv-diag-profiles = Profiles signed in
tv-diag-clock = Clock
tv-diag-clock-ok = In step with the provider's
tv-diag-clock-unknown = Not measured yet
tv-diag-config-file = Settings file
tv-diag-session-file = Session file
tv-diag-provider = Sign-in service
tv-diag-host = Provider
tv-diag-client-id = Client id
tv-diag-scope = Scope
tv-diag-audience = Audience
tv-diag-network = Network
tv-diag-network-ok = The provider answers ({ $ms } ms)
tv-diag-network-failed = No answer from the provider ({ $code })
tv-diag-endpoints = Endpoints in use
tv-diag-endpoints-unknown = Not known: the provider did not answer
tv-diag-configured = { $url } (set in config.ron)
tv-diag-sign-in = Sign-in
tv-diag-last-error = Last error
tv-diag-last-error-value = { $code }, { $ago }
tv-diag-polls = Polls
tv-diag-polls-value = { $count } for this code, every { $seconds } s
tv-diag-session = Session
tv-diag-signed-out = Nobody is signed in
tv-diag-issued = Signed in
tv-diag-refreshed = Last refreshed
tv-diag-access-expires = Access token expires
tv-diag-session-ends = Session ends
tv-diag-ago = { $duration } ago
tv-diag-in = in { $duration }

# `tvauth doctor`: one line per check, then what to fix and where.
cli-doctor-heading = Checking { $path } against { $issuer }
cli-doctor-heading-no-issuer = Checking { $path }
cli-doctor-fix = Fix: { $fix }
cli-doctor-said = The provider said: “{ $said }”
cli-doctor-skipped = skipped: { $because }
cli-doctor-summary = { $passed } passed, { $failed } failed, { $skipped } skipped.
cli-doctor-ready = All checks passed: `tvauth login` (or the TV app) can sign in.
cli-doctor-title-config = config.ron
cli-doctor-title-https = HTTPS
cli-doctor-title-discovery = Discovery
cli-doctor-title-issuer = Issuer
cli-doctor-title-device-endpoint = Device endpoint
cli-doctor-title-client-id = Client ID
cli-doctor-title-device-grant = Device grant
cli-doctor-title-audience = Audience
cli-doctor-title-offline-access = Offline access
cli-doctor-title-jwks = Signing keys
cli-doctor-title-clock = Clock
cli-doctor-title-api = API
cli-doctor-title-session-file = Session file
cli-doctor-pass-config = { $path } is valid
cli-doctor-pass-https = every address is https:// (or on this machine)
cli-doctor-pass-discovery = found { $url }
cli-doctor-pass-issuer = the provider names itself { $issuer }
cli-doctor-pass-device-endpoint = { $url } (advertised by the provider)
cli-doctor-pass-device-endpoint-configured = { $url } (set in config.ron)
cli-doctor-pass-client-id = the provider knows client { $client_id }
cli-doctor-pass-device-grant = the provider gave this client a code (left unused: it expires on its own)
cli-doctor-pass-audience = the provider accepts { $audience }
cli-doctor-pass-offline-access = offline_access is in the scope: the TV stays signed in
cli-doctor-pass-jwks = { $keys } key(s), one for { $alg }
cli-doctor-pass-clock = { $seconds } s from the provider's clock
cli-doctor-pass-api = { $url } answers (HTTP { $status } without a token)
cli-doctor-pass-session-file = { $path } reads and is private
cli-doctor-why-config-missing = There is no { $path }.
cli-doctor-why-config-invalid = config.ron cannot be used: { $message }
cli-doctor-why-insecure = { $place } is { $url }: plain http:// off this machine would send codes and tokens unencrypted.
cli-doctor-why-unreachable = The provider cannot be reached: { $detail }
cli-doctor-why-server-trouble = The provider answered HTTP { $status } (server trouble or rate limit).
cli-doctor-why-no-discovery = The issuer serves no discovery document at { $url }: the issuer is probably wrong.
cli-doctor-why-discovery-unusable = The discovery document cannot be used: { $detail }
cli-doctor-why-issuer-mismatch = The provider names itself { $stated }, but config.ron says { $configured }.
cli-doctor-why-no-device-endpoint = The provider advertises no device authorization endpoint.
cli-doctor-why-secret-unreadable = The client secret cannot be read: { $detail }
cli-doctor-why-client-unknown = The provider does not accept this client (wrong client_id, or wrong secret).
cli-doctor-why-grant-refused = The provider does not let this client use the device grant.
cli-doctor-why-audience-refused = The provider refuses the audience { $audience } (the same request without it works).
cli-doctor-why-refused = The provider refused to give a code ({ $code }).
cli-doctor-why-unexpected = The provider's answer could not be understood: { $detail }
cli-doctor-why-no-offline-access = offline_access is not in the scope: there will be no refresh token, and the TV will ask for a new sign-in every time its access token expires.
cli-doctor-why-no-jwks-uri = The provider advertises no signing keys (jwks_uri), so ID tokens cannot be checked.
cli-doctor-why-jwks-unreadable = The signing keys cannot be fetched: { $detail }
cli-doctor-why-no-usable-algorithm = The provider signs ID tokens with { $advertised } only; tvauth accepts RS256 or ES256.
cli-doctor-why-no-key = The signing keys have no key for { $algorithms }.
cli-doctor-why-api-status = { $url } answered HTTP { $status }.
cli-doctor-why-api-unreachable = { $url } cannot be reached: { $detail }
cli-doctor-why-session-unreadable = { $path } cannot be read: { $detail }
cli-doctor-why-too-open = { $path } has mode { $mode }: others can read the tokens' file or folder.
cli-doctor-fix-create-config = write { $path } for this user, or { $system } for every user of this box (see "Set up Auth0 for tvauth" in the README), or pass --config FILE.
cli-doctor-fix-edit-config = correct config.ron where the message says.
cli-doctor-fix-use-https = use an https:// address for `{ $field }` in config.ron.
cli-doctor-fix-provider-https = the provider must publish https:// addresses: check its public URL setting (Auth0 always does).
cli-doctor-fix-check-network = check that this box reaches the issuer's host (DNS, proxy, firewall) and that `issuer` is spelled right.
cli-doctor-fix-try-later = wait a little and run `tvauth doctor` again.
cli-doctor-fix-issuer-domain = set `issuer` to https://YOUR-DOMAIN/, with the Domain shown at Auth0 Dashboard → Applications → Applications → (your app) → Settings → Basic Information → Domain.
cli-doctor-fix-issuer-as = set `issuer` in config.ron to exactly { $stated } (Auth0: the Domain at Applications → Applications → (your app) → Settings → Basic Information, or your custom domain).
cli-doctor-fix-set-device-endpoint = set `device_authorization_endpoint` in config.ron (Auth0: https://YOUR-DOMAIN/oauth/device/code).
cli-doctor-fix-client-id = copy the Client ID from Auth0 Dashboard → Applications → Applications → (your app) → Settings → Basic Information → Client ID into `client_id`.
cli-doctor-fix-secret-file = make the secret file readable by this user only (chmod 600), or give the kiosk unit the systemd credential client-secret (LoadCredential=, see the README).
cli-doctor-fix-enable-device-grant = in Auth0 Dashboard → Applications → Applications → (your app) → Settings → Advanced Settings → Grant Types, tick Device Code (and Refresh Token), then Save Changes. The application must be Native.
cli-doctor-fix-enable-device-grant-confidential = Auth0 gives codes to public Native applications only: remove `client_secret_file` from config.ron and use a Native application, with Auth0 Dashboard → Applications → Applications → (your app) → Settings → Advanced Settings → Grant Types → Device Code ticked.
cli-doctor-fix-audience = set `audience` to the Identifier of your API, shown at Auth0 Dashboard → Applications → APIs → (your API) → Settings → Identifier; or remove `audience` if the TV calls no API of yours.
cli-doctor-fix-provider-settings = read what the provider said, and check the application at Auth0 Dashboard → Applications → Applications → (your app) → Settings.
cli-doctor-fix-offline-access = add offline_access to `scope` in config.ron, and turn on Auth0 Dashboard → Applications → APIs → (your API) → Settings → Access Settings → Allow Offline Access.
cli-doctor-fix-jwks-uri = set `jwks_uri` in config.ron, or remove openid from `scope` if the provider issues no ID tokens.
cli-doctor-fix-signing-algorithm = sign with RS256: Auth0 Dashboard → Applications → Applications → (your app) → Settings → Advanced Settings → OAuth → JSON Web Token (JWT) Signature Algorithm → RS256.
cli-doctor-fix-network-time = turn on network time on this box (`sudo timedatectl set-ntp true`). tvauth copes, but certificates and logs do not.
cli-doctor-fix-api-address = check `api_base_url` (and `home_path`) in config.ron: it is your API's address, ending with /.
cli-doctor-fix-chmod = chmod { $mode } { $path }
cli-doctor-fix-sign-in-again = run `tvauth login` to sign in again (the unreadable file is then moved aside, kept for inspection).
cli-doctor-fix-run-as-owner = run the doctor as the user tvauth runs as (on a kiosk: sudo -u tvauth -H tvauth doctor).
cli-doctor-because-config-unusable = config.ron cannot be used
cli-doctor-because-provider-unusable = discovery and the issuer must pass first
cli-doctor-because-no-device-endpoint = there is no device endpoint to ask
cli-doctor-because-client-not-accepted = the provider must give a code first
cli-doctor-because-no-audience = no audience in config.ron (tokens for no API of yours)
cli-doctor-because-no-openid = no openid in the scope: no ID tokens to check
cli-doctor-because-no-date = the provider's answer has no Date header
cli-doctor-because-no-api = no api_base_url in config.ron
cli-doctor-because-no-session = nobody has signed in on this box yet
tv-diag-tokens = Tokens
tv-diag-tokens-bound = Bound to this TV's key (DPoP)
tv-diag-tokens-bearer = Bearer (not bound to this TV)
tv-sign-out-title-unnamed = Remove this profile from this TV?
tv-home-switch = Switch profile
tv-picker-title = Who’s watching?
tv-picker-add = Add someone
tv-picker-sign-in-again = Sign in again
tv-picker-unnamed = Someone
tv-picker-hint = Choose with ← and →, then press OK.
tv-ended-title = { $name }, your sign-in on this TV has ended
tv-ended-title-unnamed = Your sign-in on this TV has ended
tv-ended-body = Your account ended it: a sign-out elsewhere, a new password, or its time ran out. Sign in again with your phone; your profile stays here.
tv-ended-action = Sign in again
tv-activate-add-title = Add someone to this TV
tv-activate-again-title = Sign in again on this TV
tv-ended-remove = Remove from this TV
