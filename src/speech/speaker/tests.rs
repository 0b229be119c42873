use super::*;

fn words(arguments: Vec<OsString>) -> Vec<String> {
    arguments
        .into_iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

#[test]
fn each_engine_is_asked_for_the_language_slowly() {
    assert_eq!(
        words(Engine::SpeechDispatcher.arguments(Lang::Fr, "-x bonjour")),
        [
            "-N",
            "tvauth",
            "-C",
            "-w",
            "-l",
            "fr",
            "-r",
            "-35",
            "--",
            "-x bonjour"
        ]
    );
    assert_eq!(
        words(Engine::EspeakNg.arguments(Lang::En, "hello")),
        ["-v", "en", "-s", "140", "--", "hello"]
    );
}
