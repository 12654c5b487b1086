//! What each action does, in Chinese and English, for the help and the footer: in general
//! ([`Action::describe`]) and on a given screen ([`Action::describe_in`]).

use super::{Action, Mode};
use crate::i18n::Lang;

impl Action {
    /// What the action does on the screen of `mode`, for help and the footer: where one
    /// action does something particular there (`Enter` in the sources list sets the current
    /// source), that; otherwise [`Action::describe`].
    pub fn describe_in(self, mode: Mode, lang: Lang) -> &'static str {
        let (zh, en) = match (mode, self) {
            (Mode::Home, Action::Open) => ("打开记录", "open the record"),
            (Mode::Sources, Action::Open) => ("设为当前来源", "set as the current source"),
            (Mode::Sources, Action::Back) => ("关闭来源列表", "close the sources list"),
            (Mode::Search, Action::Open) => ("到找到的项", "go to the item found"),
            (Mode::Search, Action::Cancel) => ("取消搜索", "cancel the search"),
            (Mode::Review, Action::Open) => ("查看详情", "show the detail"),
            (Mode::Review, Action::Sign) => (
                "签审选中的问题（编制/复核/审签）",
                "sign off the selected finding (draft / check / approve)",
            ),
            (Mode::Review, Action::Settle) => (
                "组长认定选中的分歧（认定为问题/不予认定）",
                "settle the selected disagreement (confirm / dismiss)",
            ),
            (Mode::Detail, Action::Back) => ("关闭", "close"),
            (Mode::Help, Action::Back) => ("关闭帮助", "close the help"),
            (Mode::Privacy, Action::Back) => ("恢复显示", "show the screen again"),
            (Mode::Inspect, Action::Quit) => ("关闭记录", "close the record"),
            _ => return self.describe(lang),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// What the action does, for help and the footer.
    pub fn describe(self, lang: Lang) -> &'static str {
        use Action::*;
        let (zh, en) = match self {
            Quit => ("退出", "quit"),
            Help => ("帮助", "help"),
            Privacy => ("隐私遮挡", "privacy screen"),
            ToggleMouse => ("释放/接管鼠标", "release/capture mouse"),
            Up => ("上移", "up"),
            Down => ("下移", "down"),
            PageUp => ("上翻页", "page up"),
            PageDown => ("下翻页", "page down"),
            First => ("到顶", "first"),
            Last => ("到底", "last"),
            Left => ("左/上一项", "left / previous choice"),
            Right => ("右/下一项", "right / next choice"),
            NextPane => ("下一栏", "next pane"),
            PrevPane => ("上一栏", "previous pane"),
            Open => ("打开", "open"),
            NewRecord => ("新建记录", "new record"),
            Refresh => ("刷新", "refresh"),
            Trash => ("移到 trash/（可恢复）", "move to trash/ (recoverable)"),
            Complete => ("填入已用的单位/轮次", "fill in a unit/round already used"),
            ConflictReload => ("重新载入磁盘版本", "reload the version on disk"),
            ConflictKeepMine => ("保留我的（覆盖）", "keep mine (overwrite)"),
            ConflictSaveCopy => ("我的另存为副本", "save mine as a copy"),
            StatusNoProblem => ("未发现问题", "no problem"),
            StatusProblem => ("发现问题", "problem found"),
            StatusDoubt => ("存疑待核", "doubt"),
            StatusNotApplicable => ("不适用", "not applicable"),
            StatusUnchecked => ("改回未查", "back to unchecked"),
            AddNote => ("记证据", "add note"),
            EditNote => ("改证据", "edit note"),
            DeleteNote => ("删证据", "delete note"),
            EditFinding => ("问题底稿", "finding"),
            Sources => ("来源", "sources"),
            AddSource => ("新增来源", "add source"),
            ClearSource => ("不用当前来源", "clear current source"),
            EditSource => ("修改来源", "edit source"),
            DeleteSource => (
                "删除来源（无证据引用时）",
                "delete source (when no note cites it)",
            ),
            RevealReference => ("显示/隐藏具体对象", "show/hide the reference"),
            ToggleTree => ("清单栏：宽/窄/隐藏", "checklist pane: wide/narrow/hidden"),
            Outline => ("谈话提纲", "interview outline"),
            Search => ("搜索", "search"),
            CycleFilter => ("筛选", "filter"),
            ClearFilter => ("清除筛选/搜索", "clear filter/search"),
            Undo => ("撤销", "undo"),
            Redo => ("重做", "redo"),
            Save => ("保存", "save"),
            Cancel => ("取消", "cancel"),
            NextField => ("下一栏位", "next field"),
            PrevField => ("上一栏位", "previous field"),
            ExternalEditor => ("用 $EDITOR 编辑", "edit in $EDITOR"),
            Yes => ("是", "yes"),
            No => ("否", "no"),
            Back => ("返回", "back"),
            NextTab => ("下一页签", "next tab"),
            PrevTab => ("上一页签", "previous tab"),
            ToggleGrouping => (
                "按三大问题/清单/四个落实分组",
                "group by category / checklist / focus",
            ),
            CycleUnit => ("切换单位", "next unit filter"),
            Sign => ("签审", "sign off"),
            Settle => ("认定分歧", "settle"),
            Suspend => (
                "暂停程序，回到命令行（fg 返回）",
                "suspend to the shell (fg returns)",
            ),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
