//! The phone: curl in the phone's namespace, as a browser opens the QR code and posts the form.

use std::process::Stdio;

use tokio::process::Command;

/// What the phone got.
#[derive(Debug)]
pub enum Answer {
    /// An HTTP answer.
    Http { status: u16, body: String },
    /// No HTTP answer: curl's exit status and message (7: connection refused).
    Unreachable { curl_exit: i32, message: String },
}

impl Answer {
    /// The status; panics when there was no HTTP answer.
    pub fn status(&self) -> u16 {
        match self {
            Answer::Http { status, .. } => *status,
            Answer::Unreachable { message, .. } => panic!("no HTTP answer: {message}"),
        }
    }

    /// The body of a 200 answer; panics otherwise.
    pub fn page(self) -> String {
        match self {
            Answer::Http { status: 200, body } => body,
            other => panic!("expected a page, got {other:?}"),
        }
    }
}

/// A phone in namespace `ns`, reached through `exec` (the wrapper that runs programs there).
#[derive(Debug)]
pub struct Phone {
    exec: Vec<String>,
}

impl Phone {
    pub fn new(exec: Vec<String>) -> Phone {
        Phone { exec }
    }

    /// GET `url`.
    pub async fn get(&self, url: &str) -> Answer {
        self.curl(&[url]).await
    }

    /// POST a form (`application/x-www-form-urlencoded`) to `url`.
    pub async fn post(&self, url: &str, form: &[(&str, &str)]) -> Answer {
        let mut args: Vec<String> = vec!["-X".into(), "POST".into()];
        for (name, value) in form {
            args.push("--data-urlencode".into());
            args.push(format!("{name}={value}"));
        }
        args.push(url.into());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.curl(&args).await
    }

    async fn curl(&self, args: &[&str]) -> Answer {
        let (program, wrapper) = self.exec.split_first().unwrap();
        let output = Command::new(program)
            .args(wrapper)
            .args([
                "curl",
                "-sS",
                "--max-time",
                "5",
                "-H",
                "Accept-Language: en",
            ])
            .args(["-w", "\n%{http_code}"])
            .args(args)
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .output()
            .await
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        if !output.status.success() {
            return Answer::Unreachable {
                curl_exit: output.status.code().unwrap_or(-1),
                message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
            };
        }
        let (body, status) = stdout.rsplit_once('\n').unwrap();
        Answer::Http {
            status: status.trim().parse().unwrap(),
            body: body.to_string(),
        }
    }
}
