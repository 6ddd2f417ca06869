"""Every user-facing string the CLI composes, in one place so the wording is reviewed as a whole.

Strings with ``{name}`` fields are filled with ``str.format`` where they are used.
"""

from __future__ import annotations

# --- mine -o ----------------------------------------------------------------------------------

BANK_OUTPUT_IS_FILE = "这是一个文件，不是文件夹；词库要写进一个文件夹"
BANK_OUTPUT_DANGLING = "这是一个指向不存在位置的链接，不能把词库写在这里"
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
# Shown under the outline when the bank holds little on the topic and no material was given.
THIN_TOPIC = (
    "词库里谈到“{topic}”的要点只有 {count} 条：下面多为这类会议的通用写法，事实留作待填。"
    "选“返回上一步”可提供本单位的材料（工作总结、工作要点、上级文件），讲话稿会先用材料里的内容。"
)
# The same, where the topic is of a kind of work whose usual tasks the draft then takes.
THIN_TOPIC_KIND = (
    "词库里谈到“{topic}”的要点只有 {count} 条：下面的小标题多按“{kind}”这类工作的常见任务来写，"
    "本地的做法和事实留作待填。"
    "选“返回上一步”可提供本单位的材料（工作总结、工作要点、上级文件），讲话稿会先用材料里的内容。"
)
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

# --- new / build: help ------------------------------------------------------------------------

NEW_HELP = "起草一篇讲话稿（默认逐项提问；--no-input 则只用参数和回答文件）"
NEW_DESCRIPTION = (
    "起草一篇讲话稿。不加参数时逐项提问（会议类型、主题、单位、讲话人……），"
    "看过提纲后保存为 .docx、.pdf、.md 或 .txt，并在旁边存一份回答文件（*.answers.yaml），"
    "以后用 draftkit build 可以原样重新生成。"
)
NEW_EPILOG = (
    "例子：draftkit new --no-input --occasion mobilisation --topic 安全生产 "
    "--org 某县应急管理局 --speaker 县长 --date 2026-11-25 -o 讲话稿.docx"
)
NEW_FLAG_HELP = {
    "no-input": "不提问：只用下面的参数和 --answers 文件（必须给 --occasion、--topic 和 -o）",
    "answers": "从这个回答文件（*.answers.yaml）开始，参数中给出的项覆盖文件中的",
    "defaults": "不提问，未给出的项一律用默认值（需要 --topic）",
    "occasion": "会议类型的 id： {occasions} （draftkit templates list 列出全部）",
    "topic": "讲话主题，例如 安全生产（最多 40 个字）",
    "audience": "听众，例如 各位同志（默认按会议类型）",
    "org": "单位或地方，例如 某县应急管理局",
    "speaker": "讲话人职务，可加姓名，例如 县长 张三",
    "meeting": "会议名称（默认按会议类型和主题生成）",
    "date": "讲话日期，格式 YYYY-MM-DD，例如 2026-11-25（默认今天）",
    "length": "篇幅，按汉字计，500 到 20000（默认按会议类型）",
    "seed": "随机种子（整数，默认 1）：换一个数得到另一种措辞",
}
NEW_FLAG_METAVAR = {
    "occasion": "类型",
    "topic": "文字",
    "audience": "文字",
    "org": "文字",
    "speaker": "文字",
    "meeting": "文字",
    "date": "YYYY-MM-DD",
    "length": "N",
    "seed": "N",
}
OCCASIONS_UNKNOWN = "见 draftkit templates list"
OUTPUT_HELP = "输出文件：.docx、.pdf（需要 LibreOffice）、.md 或 .txt"
OUTPUT_FORCE_HELP = "覆盖已存在的输出文件（讲话稿、回答文件、出处文件）"
BANK_DIR_HELP = "词库文件夹（默认：自带词库）"
TEMPLATES_DIR_HELP = "会议类型模板文件夹（默认：自带模板）"
PROFILE_HELP = ".docx 和 .pdf 的版式文件（YAML，默认 GB/T 9704 公文格式）"
REFERENCE_DOCX_HELP = "沿用这个 Word 文件的页边距和样式"
PROVENANCE_HELP = (
    "标出每段的出处：none 不标（默认），comments 在 Word 批注里，"
    "sidecar 写一个同名的 .provenance.yaml 文件"
)
BUILD_HELP = "按保存的回答文件重新生成讲话稿"
BUILD_ANSWERS_HELP = "回答文件（*.answers.yaml）；不给 -o 时输出同名的 .docx"
NEEDS_ACTION = "请给出要做的操作：{actions}"
BANK_SEARCH_TOPIC_HELP = "显示时代入的主题（默认：（主题））"
BANK_SEARCH_TOPIC = "（主题）"

MATERIAL_HELP = (
    "本单位的材料（工作总结、工作要点、上级文件、汇报材料；.docx、.txt、.md，可给多个）："
    "讲话稿先用材料里的成绩、问题、任务和上级要求，数字照录，不再留待填"
)
CHECK_MATERIAL_HELP = "对照材料核对数字：草稿里的数字与材料不符即报错"
MATERIAL_QUESTION = (
    "本单位的材料（工作总结、工作要点、上级文件；可空，多个用分号隔开，Tab 补全路径）"
)
MATERIAL_FOUND = "材料："
