#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    xuncha::cli::main()
}
