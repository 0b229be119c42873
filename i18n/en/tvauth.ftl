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

# The command line.
cli-demo-notice = No configuration at { $path }: using the embedded demo server at { $issuer }
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
cli-login-already = Already signed in as { $name }. Run `tvauth logout` first to use another account.
cli-login-already-unnamed = Already signed in. Run `tvauth logout` first to use another account.
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
cli-status-quarantined = The session file could not be read; it was moved to { $path }.
cli-logout-revoked = Signed out. The provider revoked this device's tokens.
cli-logout-pending = Signed out on this device. The provider could not be reached: the revocation will be sent by the next command that goes online.
cli-logout-not-signed-in = Not signed in.
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
tv-signing-out = Signing out…
tv-sign-out-title = Sign out of this TV?
tv-sign-out-body = { $name } will need to sign in again on this TV. Other devices stay signed in.
tv-sign-out-body-unnamed = You will need to sign in again on this TV. Other devices stay signed in.
tv-sign-out-confirm = Sign out
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
