# Sourced by packaging/check.sh: what an upgrade from tvauth 0.1.0 must keep.
#
# Release 0.1.0 leaves, in the kiosk user's home (/var/lib/tvauth), the admin's config.ron and
# the session tvauth wrote: ~/.config/tvauth/{config.ron,session.ron,session.lock}, the dir 0700,
# the files 0600. The new binary must read that session (the person is still signed in) and keep
# its refresh token, in whichever file it now keeps sessions.
#
#   upgrade_write_previous_files HOME UID GID   write them as 0.1.0 did
#   upgrade_check HOME STATUS_JSON              after the upgrade: `tvauth status --json` output
#                                               and the files under HOME

# A refresh token found nowhere else, so that finding it proves the file kept it.
UPGRADE_REFRESH_TOKEN=tvauth-check-refresh-token-from-0.1.0
UPGRADE_ISSUER=https://idp.example.com/
UPGRADE_CLIENT_ID=tv

# The session file exactly as release 0.1.0 wrote it: the fixture the unit tests load
# (RELEASE_0_1 in src/session/), with this check's refresh token.
upgrade_session_text() {
    local text
    text=$(grep -rh --include='*.rs' '^const RELEASE_0_1: &str = r#"' "$repo/src" \
        | sed -n 's/^const RELEASE_0_1: &str = r#"\(.*\)"#;$/\1/p' | head -n 1)
    [[ $text = *'refresh_token:Some("refresh-1")'* && $text = *"issuer:\"$UPGRADE_ISSUER\""* \
        && $text = *"client_id:\"$UPGRADE_CLIENT_ID\""* ]] \
        || fail "no release 0.1.0 session fixture (const RELEASE_0_1 under src/, issuer $UPGRADE_ISSUER, client tv, refresh-1)"
    printf '%s' "${text/refresh_token:Some(\"refresh-1\")/refresh_token:Some(\"$UPGRADE_REFRESH_TOKEN\")}"
}

upgrade_write_previous_files() { # home uid gid
    local dir=$1/.config/tvauth
    install -d -m 0700 -o "$2" -g "$3" "$1/.config" "$dir"
    # The admin's file (the example's two required fields), then tvauth's own.
    printf '// This box'"'"'s provider.\n(\n    issuer: "%s",\n    client_id: "%s",\n)\n' \
        "$UPGRADE_ISSUER" "$UPGRADE_CLIENT_ID" >"$dir/config.ron"
    upgrade_session_text >"$dir/session.ron"
    : >"$dir/session.lock"
    chown "$2:$3" "$dir/config.ron" "$dir/session.ron" "$dir/session.lock"
    chmod 0600 "$dir/config.ron" "$dir/session.ron" "$dir/session.lock"
    cp "$dir/config.ron" "$work/upgrade-config.ron"   # to compare with after the upgrade
}

upgrade_check() { # home status-json
    local home=$1 json=$2 key
    # serde_json's compact output, keys sorted: plain matches are enough.
    for key in '"signed_in":true' '"sub":"user-1"' '"name":"Alex"' "\"issuer\":\"$UPGRADE_ISSUER\"" \
        '"can_refresh":true' '"signed_in_at":1700000000'; do
        [[ $json = *"$key"* ]] || fail "after the upgrade, status --json lacks $key: $json"
    done
    [[ $json != *"$UPGRADE_REFRESH_TOKEN"* ]] || fail "status --json printed the refresh token"
    local holders
    holders=$(grep -rlF -- "$UPGRADE_REFRESH_TOKEN" "$home" 2>/dev/null || true)
    [[ -n $holders ]] || fail "after the upgrade, no file under $home holds the refresh token"
    cmp -s "$work/upgrade-config.ron" "$home/.config/tvauth/config.ron" \
        || fail "after the upgrade, $home/.config/tvauth/config.ron is gone or changed"
    upgrade_token_files=${holders//"$home/"/}
}
