use super::*;

#[test]
fn the_daemon_is_looked_for_where_its_library_looks() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    let unix = |path: &str| Some(Socket::Unix(PathBuf::from(path)));
    assert_eq!(
        socket(env(&[
            ("XDG_RUNTIME_DIR", "/run/user/1000"),
            ("HOME", "/h")
        ])),
        unix("/run/user/1000/speech-dispatcher/speechd.sock")
    );
    assert_eq!(
        socket(env(&[("HOME", "/var/lib/tvauth")])),
        unix("/var/lib/tvauth/.cache/speech-dispatcher/speechd.sock")
    );
    assert_eq!(
        socket(env(&[("XDG_CACHE_HOME", "/c"), ("HOME", "/h")])),
        unix("/c/speech-dispatcher/speechd.sock")
    );
    assert_eq!(
        socket(env(&[
            ("SPEECHD_ADDRESS", "unix_socket:/tmp/s.sock"),
            ("XDG_RUNTIME_DIR", "/run/user/1000")
        ])),
        unix("/tmp/s.sock")
    );
    assert_eq!(
        socket(env(&[("SPEECHD_ADDRESS", "inet_socket:127.0.0.1:6560")])),
        Some(Socket::Inet)
    );
    assert_eq!(socket(env(&[])), None);
}
