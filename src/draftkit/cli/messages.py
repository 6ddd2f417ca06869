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
