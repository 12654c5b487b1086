//! Errors of the operating system and the store as one sentence in one language: in Chinese a
//! Chinese sentence with the system's own text in parentheses (`无法读取 F：文件不存在（No such
//! file or directory）`), in English an English one; never a bare `os error 6`.

use std::io;

use super::Lang;
use crate::model::{Diagnostic, RecordError};
use crate::store::StoreError;
use crate::store::lock::LockError;
use crate::store::session::SessionError;

/// The system's text of an I/O error without the `(os error N)` the standard library adds.
pub fn os_text(e: &io::Error) -> String {
    let text = e.to_string();
    match (e.raw_os_error(), text.rfind(" (os error ")) {
        (Some(_), Some(at)) => text[..at].to_string(),
        _ => text,
    }
}

/// What an I/O error means, said plainly: a Chinese phrase for the kinds an inspector meets,
/// else the system's text (English mode: the system's text alone).
fn reason(e: &io::Error, lang: Lang) -> String {
    use io::ErrorKind::*;
    let sys = os_text(e);
    let zh = match e.kind() {
        NotFound => "文件或文件夹不存在",
        PermissionDenied => "没有权限",
        AlreadyExists => "已有同名文件",
        StorageFull => "磁盘已满",
        ReadOnlyFilesystem => "所在磁盘只读",
        FileTooLarge => "文件超出大小限制",
        IsADirectory => "这是一个文件夹",
        NotADirectory => "路径中有一段不是文件夹",
        InvalidFilename => "文件名无效",
        _ => "系统报错",
    };
    match lang {
        Lang::Zh => format!("{zh}（{sys}）"),
        Lang::En => sys,
    }
}

/// `op` of [`StoreError::Io`] in Chinese (the English is the op itself).
fn op_zh(op: &str) -> &str {
    match op {
        "create folder" => "创建文件夹",
        "open for writing" => "打开以写入",
        "open the folder of" => "打开所在文件夹",
        "read" => "读取",
        "read folder" => "读取文件夹",
        "remove" => "删除",
        "save" => "保存",
        "start the save thread for" => "启动保存线程",
        "write" => "写入",
        _ => "访问",
    }
}

/// A store error as one sentence in `lang`.
pub fn store_error(e: &StoreError, lang: Lang) -> String {
    match (lang, e) {
        (Lang::Zh, StoreError::Io { path, op, err }) => {
            format!(
                "无法{} {}：{}",
                op_zh(op),
                path.display(),
                reason(err, lang)
            )
        }
        (Lang::Zh, StoreError::Record(r))
            if r.diagnostic()
                .message
                .starts_with(crate::store::records::EMPTY_FILE) =>
        {
            format!("{}：文件为空", r.diagnostic().file)
        }
        (_, StoreError::Record(r)) => record_error(r, lang),
        (Lang::Zh, StoreError::Busy { path, .. }) => {
            format!("{}：另一条命令正在使用，请稍后再试", path.display())
        }
        (Lang::Zh, StoreError::Duplicate { path }) => format!(
            "{}：同一轮次的第二份组长文件，未读取（只读取第一份）",
            path.display()
        ),
        (Lang::Zh, StoreError::Unsynced { path, err }) => format!(
            "{}：已保存，但所在文件夹未能同步到磁盘（{}），下次保存时再试",
            path.display(),
            os_text(err)
        ),
        (Lang::Zh, StoreError::Incomplete { unreadable }) => format!(
            "本轮有 {} 个文件未能读取（{}等），全部读取前不签审、不认定",
            unreadable.len(),
            unreadable
                .first()
                .map_or_else(String::new, |p| p.display().to_string())
        ),
        (Lang::Zh, StoreError::TooLarge { path, limit, .. }) => {
            format!("{}：文件过大（超过 {limit} 字节）", path.display())
        }
        (Lang::En, StoreError::Io { path, op, err }) => {
            format!("{}: cannot {op}: {}", path.display(), reason(err, lang))
        }
        _ => e.to_string(),
    }
}

/// A positioned error (a record, template, sign-off or key table that does not read) in
/// `lang`: `file:line:column: message` and the caret lines in English; in Chinese the same
/// place, a Chinese sentence and the parser's own text in parentheses (as for system errors),
/// then the caret lines.
pub fn diagnostic(d: &Diagnostic, lang: Lang) -> String {
    match lang {
        Lang::En => d.to_string(),
        Lang::Zh => format!(
            "{}：内容有误，无法读取（{}）{}",
            d.location(),
            d.message,
            d.excerpt()
        ),
    }
}

/// A record error in `lang` ([`diagnostic`]; a newer format said as such).
pub fn record_error(e: &RecordError, lang: Lang) -> String {
    match (lang, e) {
        (Lang::Zh, RecordError::NewerFormat { diag, found }) => format!(
            "{}：文件格式版本 {found} 比本程序能读的新，请用新版 xuncha 打开；文件未改动{}",
            diag.location(),
            diag.excerpt()
        ),
        (_, e) => diagnostic(e.diagnostic(), lang),
    }
}

/// A session error (opening, locking, saving a record) as one sentence in `lang`.
pub fn session_error(e: &SessionError, lang: Lang) -> String {
    match (lang, e) {
        (_, SessionError::Store(e)) => store_error(e, lang),
        (Lang::Zh, SessionError::Lock(LockError::Io { path, err })) => {
            format!("无法锁定 {}：{}", path.display(), reason(err, lang))
        }
        (Lang::En, SessionError::Lock(LockError::Io { path, err })) => {
            format!("{}: cannot lock: {}", path.display(), reason(err, lang))
        }
        _ => e.to_string(),
    }
}

/// The error an `anyhow` chain ends the program with, in `lang`: the store's and the system's
/// errors are found in the chain and said in `lang`; others as they are.
pub fn any_error(e: &anyhow::Error, lang: Lang) -> String {
    if let Some(s) = e.downcast_ref::<StoreError>() {
        return store_error(s, lang);
    }
    if let Some(s) = e.downcast_ref::<SessionError>() {
        return session_error(s, lang);
    }
    if let Some(io) = e.downcast_ref::<io::Error>() {
        let context = e.to_string();
        return match lang {
            Lang::Zh => format!("{context}：{}", reason(io, lang)),
            Lang::En => format!("{context}: {}", reason(io, lang)),
        };
    }
    format!("{e:#}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn an_os_error_is_a_chinese_sentence_with_the_system_text_in_parentheses() {
        let e = StoreError::Io {
            path: PathBuf::from("/r/a.toml"),
            op: "read",
            err: io::Error::from_raw_os_error(2),
        };
        let zh = store_error(&e, Lang::Zh);
        assert!(
            zh.starts_with("无法读取 /r/a.toml：文件或文件夹不存在（No such file"),
            "{zh}"
        );
        assert!(!zh.contains("os error"), "{zh}");
        assert!(!zh.contains("cannot"), "{zh}");
        let en = store_error(&e, Lang::En);
        assert_eq!(en, "/r/a.toml: cannot read: No such file or directory");
        assert!(!en.contains(['：', '（', '）']));
        assert_eq!(
            os_text(&io::Error::from_raw_os_error(6)),
            "No such device or address"
        );
    }

    #[test]
    fn an_empty_file_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, " \n").unwrap();
        let e = crate::store::load_record(&path).unwrap_err();
        let file = path.display();
        assert_eq!(store_error(&e, Lang::Zh), format!("{file}：文件为空"));
        assert!(store_error(&e, Lang::En).contains("the file is empty"));
    }

    #[test]
    fn the_chain_of_an_error_is_said_in_one_language() {
        let e = anyhow::Error::from(StoreError::Io {
            path: PathBuf::from("x"),
            op: "write",
            err: io::Error::from_raw_os_error(28),
        });
        assert_eq!(
            any_error(&e, Lang::Zh),
            "无法写入 x：磁盘已满（No space left on device）"
        );
    }
}
