//! Where speech-dispatcher's daemon listens, found as its client library finds it, and
//! whether it answers there: a running daemon is the person's choice of voice.

use std::path::{Path, PathBuf};

/// Whether a speech-dispatcher daemon answers where `spd-say` would look for it.
pub(super) fn listening() -> bool {
    match socket(|name| std::env::var(name).ok()) {
        Some(Socket::Unix(path)) => std::os::unix::net::UnixStream::connect(path).is_ok(),
        // An address a person set on purpose: trust it rather than probe the network.
        Some(Socket::Inet) => true,
        None => false,
    }
}

/// Where speech-dispatcher listens.
#[derive(Debug, PartialEq, Eq)]
enum Socket {
    Unix(PathBuf),
    Inet,
}

/// speech-dispatcher's address as its client library finds it: `SPEECHD_ADDRESS`
/// (`unix_socket:PATH` or `inet_socket:HOST:PORT`), else `speech-dispatcher/speechd.sock` in
/// the user's runtime dir, which GLib takes to be the cache dir when `XDG_RUNTIME_DIR` is unset.
fn socket(get: impl Fn(&str) -> Option<String>) -> Option<Socket> {
    let set = |name: &str| get(name).filter(|value| !value.is_empty());
    if let Some(address) = set("SPEECHD_ADDRESS") {
        let (method, rest) = address.split_once(':').unwrap_or((&address, ""));
        return match method {
            "unix_socket" if !rest.is_empty() => Some(Socket::Unix(rest.into())),
            "unix_socket" => None,
            _ => Some(Socket::Inet),
        };
    }
    let runtime = set("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .or_else(|| set("XDG_CACHE_HOME").map(PathBuf::from))
        .or_else(|| set("HOME").map(|home| Path::new(&home).join(".cache")))?;
    Some(Socket::Unix(
        runtime.join("speech-dispatcher").join("speechd.sock"),
    ))
}

#[cfg(test)]
mod tests;
