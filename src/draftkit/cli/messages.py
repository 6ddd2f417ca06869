"""Every user-facing string the CLI composes, in one place so the wording is reviewed as a whole.

Strings with ``{name}`` fields are filled with ``str.format`` where they are used.
"""

from __future__ import annotations

# --- mine -o ----------------------------------------------------------------------------------

BANK_OUTPUT_IS_FILE = "这是一个文件，不是文件夹；词库要写进一个文件夹"
BANK_OUTPUT_IS_FILE_HINT = "换一个文件夹名，例如 -o 词库"
BANK_OUTPUT_IS_CORPUS = "这个文件夹就是要读取的讲话稿（{corpus}），不能把词库写在这里"
BANK_OUTPUT_IN_CORPUS = "这个文件夹在要读取的讲话稿文件夹（{corpus}）里面，不能把词库写在这里"
BANK_OUTPUT_HOLDS_CORPUS = "要读取的讲话稿（{corpus}）就在这个文件夹里，不能把词库写在这里"
BANK_OUTPUT_CORPUS_HINT = "请另选一个文件夹，例如 -o 词库（--force 也不能跳过这一条）"
BANK_OUTPUT_NOT_BANK = "这个文件夹里已有别的文件（{names}），它不是 draftkit 词库"
BANK_OUTPUT_NOT_BANK_HINT = (
    "请另选一个空文件夹或新文件夹；确要写在这里，加 --force"
    "（同名的词库文件会被替换，其他文件保留不动）"
)
AND_MORE = "等 {count} 项"
MINE_FORCE_HELP = "即使输出文件夹里有别的文件也写入词库（同名词库文件被替换，其他文件保留）"

# --- the error boundary ------------------------------------------------------------------------

ERROR_PREFIX = "错误："
INTERRUPTED = "已中断，没有写入任何文件"

# --- the wizard --------------------------------------------------------------------------------

BACK = "<"
BACK_CHOICE = "← 返回上一步"
BACK_HINT = "（输入 < 返回上一步）"
SELECT_HINT = "（用方向键选择，回车确定）"
CONFIRM_HINT = "（y 是 / n 否）"
CANCELLED = "已取消，没有写入任何文件"
INPUT_ENDED = "输入已结束，没有写入任何文件"
INPUT_ENDED_HINT = "没有终端时请用 --no-input 或 --answers 文件"
DEFAULTS_NEED_TOPIC = "--defaults 需要一个主题"
DEFAULTS_NEED_TOPIC_HINT = "加上 --topic 安全生产"
ASK_AGAIN = "请重新回答：{message}"

SAVE_AS = "保存为"
SAVE_AS_HINT = "（.docx、.pdf、.md 或 .txt；输入 < 回到提纲）"
SAVE_AS_EMPTY = "请输入文件名"
SAVE_AS_SUFFIX_ADDED = "已加上扩展名：{path}"
SAVE_AS_BAD_SUFFIX = "不能保存为 {suffix} 文件，请用 .docx、.pdf、.md 或 .txt 结尾"
SAVE_AS_IS_FOLDER = "{path} 是一个文件夹，请输入文件名"
SAVE_AS_NO_FOLDER = "文件夹 {folder} 不存在，请换一个位置"
OVERWRITE = "{names} 已存在，覆盖吗？"
OVERWRITE_DECLINED = "没有覆盖。请换一个文件名"
WRITE_FAILED = "没能写入：{error}"
ANSWERS_KEPT = "回答已保存在 {path}，可以换一个文件名再试"

OFFER_SAVE = "要保存已填的回答吗？以后可以用 draftkit build 接着生成"
SAVE_ANSWERS_AS = "回答保存为"
SAVED_ANSWERS = "回答已保存到 {path}；接着生成：draftkit build {path} -o 讲话稿.docx"
NOT_SAVED = "已取消，没有保存回答"

OUTLINE_TITLE = "提纲"
OUTLINE_BACK = "返回上一步（修改篇幅等回答）"
ANSWERS_SAVED_TO = "  回答已保存到 {path}"
REBUILD_WITH = "  重新生成：draftkit build {answers} -o {output} --force"

# --- render ------------------------------------------------------------------------------------

RENDER_HELP = "把 .docx 讲话稿转成 PDF（需要 LibreOffice）"
RENDER_DESCRIPTION = (
    "用 LibreOffice 把 .docx 转成 PDF，并按 draftkit 自带的字体对照表换用免费字体"
    "（仿宋、黑体、楷体、小标宋各有对应），版式与字体与 Word 中所见一致。"
)
RENDER_DOCX_HELP = "要转换的 .docx 文件"
RENDER_OUTPUT_HELP = "PDF 文件名（默认：与 .docx 同名，扩展名 .pdf）"
RENDER_NEEDS_DOCX = "需要一个已存在的 .docx 文件"
FORCE_HELP = "覆盖已存在的输出文件"
