"""Speeches laid out the way real archives hold them: notices, one-line copies, HTML leftovers,
collected works with notes, appended case reports, school sites, Markdown, deep nesting.

Every text here is written for the test. Each case asserts the top-level sections found, their
headings and roles, and that nothing from the page, the notice, the notes or the appendix
reached a section.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import draftkit
from draftkit.reading.clean import drop_noise_lines, noise_patterns, normalise_whitespace
from draftkit.reading.gate import body_paragraphs
from draftkit.reading.names import NameFinder
from draftkit.reading.patterns import anchored, any_of

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"

# --- the cases ------------------------------------------------------------------------------

NOTICE = (
    "教育工作简报\n"
    "〔2019〕第14期\n"
    "县教育局办公室编　　　　2019年5月20日\n"
    "按：5月16日，全县教育工作会议召开。现将县委副书记、县长在会上的讲话印发给你们，"
    "请结合实际认真抓好贯彻落实。\n"
    "在全县教育工作会议上的讲话\n"
    "县委副书记、县长\n"
    "（2019年5月16日）\n"
    "同志们：\n"
    "今天召开全县教育工作会议，主要任务是总结去年以来的教育工作，部署今后一个时期的重点任务。"
    "下面，我讲三点意见。\n"
    "1．全面落实立德树人根本任务。要把思想政治工作贯穿教育教学全过程，上好每一节思想政治理论课，"
    "把社会主义核心价值观融入课堂教学、校园文化和社会实践。各学校要配齐配强思政课教师，今年"
    "要完成全\n"
    "县1 200名教师的轮训任务，让每一位教师都成为学生健康成长的指导者和引路人。\n"
    "2．着力补齐农村教育短板。近年来，我县农村学校办学条件明显改善，但城乡之间、校际之间差距"
    "依然存在。要加快推进义务教育薄弱环节改善与能力提升，2 019年要完成3 5所农村学校的改造任务，"
    "新建教师周转宿舍1 50套，让农村孩子在家门口就能上好学。\n"
    "3．切实加强党对教育工作的领导。各乡镇党委、政府要把教育工作摆上重要议事日程，主要负责同志"
    "要定期研究教育工作，落实教育工作责任制，对工作不力的要严肃追究责任。\n"
    "同志们，教育是民生之基。让我们共同努力，推动全县教育事业再上新台阶！\n"
    "在全县教育工作会议上的讲话\n"
    "副县长\n"
    "（2019年5月16日）\n"
    "同志们：\n"
    "刚才，县长作了重要讲话，我完全同意。下面，我就抓好会议精神落实讲三点意见。\n"
    "第一，要提高站位抓落实。全县教育系统要充分认识办好人民满意教育的重大意义，把思想和行动"
    "统一到县委、县政府的决策部署上来，切实增强做好教育工作的责任感和使命感。\n"
    "第二，要突出重点抓落实。要聚焦控辍保学、校园安全和教师队伍建设，逐项明确时间表、路线图，"
    "确保每项任务都有人抓、有人管。\n"
    "第三，要强化保障抓落实。县财政要足额安排教育经费，县督导室要加强督查，每季度通报一次进度，"
    "对推进不力的单位和个人严肃问责。\n"
    "同志们，让我们以更加务实的作风，把会议确定的各项任务落到实处。\n"
    "发：各乡镇人民政府，县直有关单位，各中小学校。\n"
    "县教育局办公室　2019年5月20日印发\n"
)

ONE_LINE_FIRST = (
    "在全市防汛救灾工作会议上的讲话（2020年7月14日）张建国同志们：今天，我们召开全市防汛救灾"
    "工作会议，主要任务是分析当前汛情，安排部署下一阶段防汛救灾工作。下面，我讲四点意见。"
    "第一，清醒认识当前防汛形势的严峻性。今年入汛以来，我市降雨量较常年偏多五成，多条河流水位"
    "超过警戒线，局部地区出现内涝和山体滑坡，防汛形势十分严峻，我们必须绷紧防汛这根弦。"
    "第二，全力以赴做好抢险救灾。要加强雨情水情监测预报，对水库、堤防和地质灾害隐患点开展拉网"
    "式巡查，该转移的群众要坚决转移，做到应转尽转、不漏一户、不落一人。"
    "第三，扎实做好灾后恢复重建。要抓紧修复水毁道路、电力和通信设施，尽快恢复生产生活秩序，"
    "做好受灾群众的临时安置和基本生活保障，确保受灾群众有饭吃、有衣穿、有干净水喝。"
    "第四，严格落实防汛责任。各级行政首长是防汛第一责任人，要严格执行领导带班和二十四小时值班"
    "制度，对工作不力、造成严重后果的要严肃追究责任。"
    "同志们，防汛救灾责任重于泰山。让我们众志成城，坚决打赢防汛救灾这场硬仗！"
)

GLUED_HEADINGS = (
    "在全市优化营商环境大会上的讲话\n"
    "同志们：今天召开全市优化营商环境大会，就是要进一步统一思想、明确任务，以更大力度推动营商"
    "环境持续改善。下面，我讲三点意见。"
    "一、保护和激发市场主体活力改革开放以来，我市民营经济从小到大、从弱到强，已经成为推动发展"
    "不可或缺的力量。我们要依法平等保护各类市场主体的合法权益，稳定企业预期，增强发展信心。"
    "二、持续深化放管服改革放管服改革是转变政府职能的关键。近年来，我们在简政放权上下了很大功夫，审批事项大幅精简，但企业办事"
    "难、办事慢的问题仍未根本解决。要推行一网通办、一窗受理，让企业和群众办事少跑腿。"
    "三、压实优化营商环境责任各级各部门主要负责同志是第一责任人，要亲自研究、亲自部署、亲自"
    "督办。市委督查室要开展专项督查，对损害营商环境的典型问题公开通报、严肃问责。"
    "同志们，营商环境只有更好，没有最好。让我们一起努力，把我市建成投资兴业的热土！\n"
)

HTML = (
    "<b>在全县党风廉政建设工作会议上的讲话</b>\n"
    "同志们：\n"
    "　　今天召开全县党风廉政建设工作会议，主要任务是部署今年的党风廉政建设和反腐败工作。"
    "下面，我讲三点意见。\n"
    "<b>一、充分认识新形势下党风廉政建设的重要性。</b>&nbsp;　　　　　　"
    "党风廉政建设关系人心向背，关系党的生死存亡。当前，一些领域不正之风和腐败问题仍然易发多发，"
    "群众反映强烈，我们必须保持清醒头脑，以永远在路上的坚韧推进全面从严治党。\n"
    "<b>二、突出重点，深入整治群众身边的不正之风和腐败问题。</b>　　　　"
    "要聚焦教育医疗、养老社保、生态环保等民生领域，深入开展专项整治，坚决查处侵害群众利益的"
    "问题，让群众切实感受到正风肃纪就在身边。\n"
    "<b>三、严格落实党风廉政建设主体责任。</b>　　　　"
    "各级党组织书记是第一责任人，要把管党治党责任扛在肩上。县纪委监委要加强监督检查，对履行"
    "主体责任不力的严肃问责。\n"
    "同志们，让我们以更加坚定的决心，推动全县党风廉政建设不断取得新成效。\n"
)

COLLECTED = (
    "做好新形势下的就业工作\n"
    "（2003年4月18日）\n"
    "　　同志们：　　今天，我们在这里召开就业工作座谈会，主要是听取大家对做好就业工作的意见和"
    "建议，研究部署下一步的工作。〔1〕　　"
    "一、充分认识做好就业工作的重要性和紧迫性　　就业是民生之本。做好就业工作，关系到千家万户"
    "的切身利益，关系到改革发展稳定的大局。各级领导干部必须从全局的高度，深刻认识做好就业工作"
    "的重大意义。　　"
    "二、清醒看到就业工作面临的困难挑战　　当前，劳动力供大于求的矛盾仍然突出，结构性矛盾日益"
    "显现，高校毕业生、下岗失业人员和农村富余劳动力就业压力都很大〔2〕。对此，我们必须有充分"
    "的思想准备。　　"
    "三、突出抓好重点群体就业　　要把高校毕业生就业放在突出位置，拓宽就业渠道，鼓励到基层和"
    "中小企业就业。要加强职业培训，提高下岗失业人员的再就业能力，对就业困难人员实行公益性岗位"
    "托底安置。　　"
    "四、加强对就业工作的组织领导　　各级政府要把促进就业作为一项重要职责，主要负责同志亲自"
    "抓，建立就业工作目标责任制，纳入政绩考核。各有关部门要密切配合，形成推动就业工作的合力。"
    "　　同志们，就业工作任务艰巨、责任重大。我们一定要扎扎实实把各项工作抓好。\n"
    "*这是在全省就业工作座谈会上的讲话。\n"
    "注释\n"
    "〔1〕座谈会由省劳动和社会保障厅承办，各市分管负责同志参加。お\n"
    "〔2〕当年全省高校毕业生人数比上年增加三成。オァ\n"
)

APPENDIX = (
    "在全区安全生产工作会议上的讲话\n"
    "同志们：\n"
    "今天召开全区安全生产工作会议，通报近期事故情况，部署下一阶段工作。下面，我讲三点意见。\n"
    "一、深刻认识当前安全生产形势的严峻性\n"
    "今年以来，全区共发生生产安全事故12起，死亡9人，特别是化工园区发生的爆燃事故，教训十分"
    "深刻。我们必须清醒认识到，安全生产基础依然薄弱，形势不容乐观。\n"
    "二、扎实开展安全隐患排查整治\n"
    "要聚焦危险化学品、建筑施工、道路交通、消防等重点行业领域，开展拉网式排查，对排查出的"
    "隐患建立台账、限期整改、逐项销号。\n"
    "三、完善应急预案，压实安全生产责任\n"
    "各企业要修订完善应急预案，定期开展应急演练。按照管行业必须管安全、谁主管谁负责的原则，"
    "把责任落实到岗位、落实到人，确保一旦发生险情能够快速处置。\n"
    "同志们，安全生产责任重于泰山。谢谢大家！\n"
    "【参考资料】某化工企业爆燃事故调查情况\n"
    "一、事故经过\n"
    "当日14时许，该企业二车间反应釜发生爆燃，造成3人死亡、2人受伤。\n"
    "二、事故原因\n"
    "1、企业擅自改变工艺参数，未进行安全风险评估。\n"
    "2、现场作业人员未经培训上岗，应急处置不当。\n"
    "三、处理意见\n"
    "对企业主要负责人依法追究刑事责任，对有关监管人员给予党纪政务处分。\n"
)

_MENU = (
    "首页 学校概况 学校简介 现任领导 机构设置 校园风光 新闻中心 学校新闻 通知公告 教育教学 "
    "德育之窗 党建工作 教研活动 招生信息 校友之家 联系我们 下载中心 信息公开 专题专栏 图片新闻"
).split()

SCHOOL_SITE = (
    "\n".join(_MENU * 9) + "\n您现在的位置：首页 >> 新闻中心 >> 学校新闻\n"
    "编者按：以下是校长在2021年秋季学期教师大会上的讲话，现转发给大家，供学习参考。\n"
    "在2021年秋季学期\n教师大会\n上的讲话\n"
    "文章来源：本校　　点击数：1386　　更新时间：2021-09-06\n"
    "各位老师：\n"
    "新学期开始了，今天我们召开全体教师大会，总结上学期工作，安排本学期任务。下面，我讲三点意见。\n"
    "一、上学期工作取得了新的成绩\n"
    "上学期，全体教师克服困难、辛勤工作，学校教育教学质量稳步提升，中考成绩位居全县前列，"
    "多名教师在省市优质课评比中获奖，学校被评为市级文明校园。\n"
    "二、扎实抓好本学期重点工作\n"
    "要把课堂教学改革作为重点，推进集体备课和分层作业，切实减轻学生过重的作业负担。"
    "要加强校本教研，每位教师每学期至少上一节公开课。\n"
    "三、加强师德师风建设，确保各项任务落实\n"
    "学校将完善师德考核办法，把师德表现作为评优评先的首要条件，对违反师德规范的实行一票否决。"
    "各年级组长要切实负起责任，确保各项工作落到实处。\n"
    "老师们，让我们携手努力，为学生的健康成长再立新功！\n"
    "【打印正文】\n"
    "上一篇：学校召开新学期安全工作会议\n"
    "下一篇：我校举行开学典礼\n"
    "推荐阅读\n"
    "我校教师在市优质课评比中喜获佳绩\n"
    "学校开展教师节表彰活动\n"
)

NO_NUMBERS = (
    "在全镇农村人居环境整治推进会上的讲话\n"
    "同志们：\n"
    "今天召开全镇农村人居环境整治推进会，主要任务是总结前一阶段工作，安排下一步任务。\n"
    "前一阶段，各村围绕“一抓垃圾治理，二抓污水处理，三抓厕所改造，四抓村容村貌，五抓长效管护”"
    "的思路，做了大量工作，全镇村庄面貌明显改观。\n"
    "下一步，要重点做好五个方面的工作。\n"
    "一是加快推进农村厕所改造，年底前完成改厕任务三百户。\n"
    "二是抓好生活垃圾收运处置，做到日产日清。\n"
    "三是推进生活污水治理，优先治理水源保护区内的村庄。\n"
    "四是开展村庄清洁行动，清理残垣断壁和乱堆乱放。\n"
    "五是健全长效管护机制，明确保洁人员和管护经费。\n"
    "在工作方法上，一要坚持规划先行，二要坚持群众主体，三要坚持因地制宜，四要坚持先易后难，"
    "五要坚持建管并重，六要坚持示范带动。\n"
    "一要加强组织领导，各村党支部书记要亲自抓。\n"
    "二要加强督查考核，镇里每月通报一次进度。\n"
    "同志们，让我们共同努力，建设生态宜居的美丽乡村！\n"
)

MARKDOWN = (
    "## 在全县就业创业工作推进会上的讲话\n\n"
    "【导读】本文为县长在全县就业创业工作推进会上的讲话，编辑时略有删节。\n\n"
    "同志们：\n\n"
    "今天召开全县就业创业工作推进会，主要任务是分析就业形势，部署下一步工作。下面，我讲三点意见。\n\n"
    "### 一、清醒认识当前就业形势\n\n"
    "今年以来，全县就业形势总体稳定，但**结构性矛盾**依然突出，部分企业招工难和部分群众就业难"
    "并存，高校毕业生和返乡农民工就业压力较大。\n\n"
    "### 二、突出抓好重点群体就业\n\n"
    "要开展“春风行动”等专项招聘活动，组织企业进园区、进乡镇招聘；要加大创业担保贷款发放力度，"
    "支持返乡人员创业带动就业。\n\n"
    "### 三、加强就业工作组织保障\n\n"
    "各乡镇、各部门要把就业工作纳入重要议事日程，落实就业目标责任制，县政府将对各地完成情况"
    "进行督查考核。\n\n"
    "同志们，就业是最大的民生。让我们齐心协力，把就业这件大事办好！\n\n"
    "（2022年3月15日）\n"
)

DEEP = (
    "在全县2010年教育工作会议上的讲话\n"
    "同志们：\n"
    "这次会议的主要任务是，回顾总结2009年全县教育工作，分析面临的形势，部署2010年的工作任务。\n"
    "一、2009年教育工作的简要回顾\n"
    "2009年，全县教育系统认真落实县委、县政府的部署，新建校舍三万平方米，义务教育巩固率达到"
    "百分之九十八，高考本科上线人数创历史新高。\n"
    "二、实事求是地估计我县教育发展的现状\n"
    "我县教育发展水平与周边县市相比还有不小差距，学前教育资源不足，优秀教师流失较多，"
    "城区学校大班额问题比较突出，这些问题必须引起我们的高度重视。\n"
    "三、2010年教育工作的主要任务\n"
    "（一）巩固提高义务教育水平\n"
    "一是推进义务教育均衡发展，二是加强农村寄宿制学校建设，三是做好控辍保学工作。\n"
    "（二）加快发展学前教育\n"
    "1．扩大学前教育资源\n"
    "（1）每个乡镇建成一所公办中心幼儿园。\n"
    "（2）鼓励社会力量举办普惠性幼儿园。\n"
    "2．加强幼儿教师队伍建设\n"
    "通过公开招聘、转岗培训等途径，补充合格幼儿教师一百名。\n"
    "（三）加强教师队伍建设\n"
    "要完善教师补充机制，推进城乡教师交流轮岗，开展名师培养工程。\n"
    "四、强化教育工作的组织保障\n"
    "各乡镇党委、政府要切实履行发展教育的职责，县政府将把教育工作纳入对乡镇的目标考核，"
    "确保各项任务落到实处。\n"
    "同志们，让我们开拓进取，努力开创全县教育工作新局面！\n"
)

ENTERPRISE = (
    "凝心聚力谋发展　真抓实干创佳绩\n"
    "——在公司2023年工作会议上的讲话\n"
    "总经理　王志强\n"
    "同志们：\n"
    "这次会议的主要任务是，总结2022年工作，安排部署2023年生产经营任务。下面，我讲四点意见。\n"
    "一、2022年生产经营情况回顾\n"
    "过去一年，公司上下攻坚克难，全年实现营业收入四十二亿元，同比增长百分之十一，"
    "安全生产保持平稳，重点项目如期投产。\n"
    "二、聚焦主业，全力完成全年生产经营目标\n"
    "要抓好订单和生产组织，优化产品结构，提高高附加值产品比重，确保全年营业收入增长百分之十"
    "以上。\n"
    "三、深化改革创新，激发企业发展活力\n"
    "要深化三项制度改革，推行经理层任期制和契约化管理，加大研发投入，力争全年新获授权专利"
    "二十项。\n"
    "四、完善应急预案，落实安全生产责任\n"
    "各单位要修订完善生产安全事故应急预案，每季度至少组织一次演练。按照谁主管谁负责的原则，"
    "明确每个岗位的安全责任人，出了问题要追究到人。\n"
    "同志们，新的一年任务艰巨。让我们团结一心，奋力完成全年目标任务！\n"
)

ANNOUNCED = (
    "在全县秋冬季森林防火工作会议上的讲话\n"
    "同志们：\n"
    "今天召开全县秋冬季森林防火工作会议。下面，我讲三点意见：一是认清形势，增强做好森林防火"
    "工作的紧迫感；二是突出重点，扎实做好野外火源管控；三是加强领导，严格落实森林防火责任。\n"
    "一、森林防火，人命关天\n"
    "今年秋冬季以来，我县降水偏少，气温偏高，林下可燃物大量积累，森林火险等级居高不下，"
    "一旦发生火灾，后果不堪设想。\n"
    "二、管住火源，守住山头\n"
    "要在进山路口设卡检查，严禁携带火种进山，对上坟烧纸、烧荒烧秸秆等野外用火行为开展专项整治。\n"
    "三、各负其责，守土有责\n"
    "各乡镇主要负责同志是森林防火第一责任人，要靠前指挥，层层签订责任书，对失职失责造成火灾的"
    "严肃追究。\n"
    "同志们，森林防火责任重大。让我们齐心协力，确保不发生重大森林火灾！\n"
)


# (file name, text, expected top-level (heading, role) pairs, strings that must not reach a section)
CASES = [
    (
        "notice.txt",
        NOTICE,
        [
            [
                ("全面落实立德树人根本任务", "要求"),
                ("着力补齐农村教育短板", "要求"),
                ("切实加强党对教育工作的领导", "保障"),
            ],
            [
                ("要提高站位抓落实", "认识"),
                ("要突出重点抓落实", "要求"),
                ("要强化保障抓落实", "保障"),
            ],
        ],
        ("〔2019〕", "按：", "印发", "发：", "教育工作简报", "县教育局办公室"),
    ),
    (
        "flood.txt",
        ONE_LINE_FIRST,
        [
            [
                ("清醒认识当前防汛形势的严峻性", "认识"),
                ("全力以赴做好抢险救灾", "要求"),
                ("扎实做好灾后恢复重建", "要求"),
                ("严格落实防汛责任", "保障"),
            ]
        ],
        ("张建国", "（2020年7月14日）"),
    ),
    (
        "business.txt",
        GLUED_HEADINGS,
        [
            [
                ("保护和激发市场主体活力", "要求"),
                ("持续深化放管服改革", "要求"),
                ("压实优化营商环境责任", "保障"),
            ]
        ],
        (),
    ),
    (
        "integrity.txt",
        HTML,
        [
            [
                ("充分认识新形势下党风廉政建设的重要性", "认识"),
                ("突出重点，深入整治群众身边的不正之风和腐败问题", "要求"),
                ("严格落实党风廉政建设主体责任", "保障"),
            ]
        ],
        ("<b>", "</b>", "<", "&nbsp;"),
    ),
    (
        "employment.txt",
        COLLECTED,
        [
            [
                ("充分认识做好就业工作的重要性和紧迫性", "认识"),
                ("清醒看到就业工作面临的困难挑战", "认识"),
                ("突出抓好重点群体就业", "要求"),
                ("加强对就业工作的组织领导", "保障"),
            ]
        ],
        ("〔1〕", "〔2〕", "注释", "お", "オ", "ァ", "这是在全省", "承办"),
    ),
    (
        "safety.txt",
        APPENDIX,
        [
            [
                ("深刻认识当前安全生产形势的严峻性", "认识"),
                ("扎实开展安全隐患排查整治", "要求"),
                ("完善应急预案，压实安全生产责任", "保障"),
            ]
        ],
        ("参考资料", "事故经过", "事故原因", "处理意见", "反应釜"),
    ),
    (
        "school.txt",
        SCHOOL_SITE,
        [
            [
                ("上学期工作取得了新的成绩", "回顾"),
                ("扎实抓好本学期重点工作", "要求"),
                ("加强师德师风建设，确保各项任务落实", "保障"),
            ]
        ],
        (
            "首页",
            "学校概况",
            "点击数",
            "文章来源",
            "上一篇",
            "下一篇",
            "打印正文",
            "推荐阅读",
            "编者按",
            "转发",
            "开学典礼",
            "喜获佳绩",
        ),
    ),
    ("village.txt", NO_NUMBERS, [[]], ()),
    (
        "fire.txt",
        ANNOUNCED,
        [
            [
                ("森林防火，人命关天", "认识"),
                ("管住火源，守住山头", "要求"),
                ("各负其责，守土有责", "保障"),
            ]
        ],
        (),
    ),
    (
        "jobs.md",
        MARKDOWN,
        [
            [
                ("清醒认识当前就业形势", "认识"),
                ("突出抓好重点群体就业", "要求"),
                ("加强就业工作组织保障", "保障"),
            ]
        ],
        ("##", "导读", "**", "编辑时", "（2022年3月15日）"),
    ),
    (
        "education.txt",
        DEEP,
        [
            [
                ("2009年教育工作的简要回顾", "回顾"),
                ("实事求是地估计我县教育发展的现状", "认识"),
                ("2010年教育工作的主要任务", "要求"),
                ("强化教育工作的组织保障", "保障"),
            ]
        ],
        (),
    ),
    (
        "enterprise.txt",
        ENTERPRISE,
        [
            [
                ("2022年生产经营情况回顾", "回顾"),
                ("聚焦主业，全力完成全年生产经营目标", "要求"),
                ("深化改革创新，激发企业发展活力", "要求"),
                ("完善应急预案，落实安全生产责任", "保障"),
            ]
        ],
        (),
    ),
]


def understand(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    speeches, skipped, _ = draftkit.understand_corpus([path])
    assert not skipped
    return speeches


def all_text(speech):
    def walk(sections):
        for s in sections:
            yield s.heading
            yield from s.paragraphs
            yield from walk(s.children)

    return [*walk(speech.sections), *speech.closing]


@pytest.mark.parametrize(("name", "text", "expected", "foreign"), CASES, ids=[c[0] for c in CASES])
def test_each_layout_gives_the_sections_headings_and_roles(tmp_path, name, text, expected, foreign):
    speeches = understand(tmp_path, name, text)
    got = [[(s.heading, s.role) for s in speech.sections] for speech in speeches]
    assert got == expected
    for speech in speeches:
        for piece in all_text(speech):
            for word in foreign:
                assert word not in piece, (word, piece[:40])


def test_fixture_accuracy(tmp_path):
    found = total = right = 0
    for name, text, expected, _ in CASES:
        speeches = understand(tmp_path, name, text)
        for speech, want in zip(speeches, expected, strict=False):
            got = {s.heading: s.role for s in speech.sections}
            for heading, role in want:
                total += 1
                found += heading in got
                right += got.get(heading) == role
    print(f"\nfixtures: {found}/{total} top-level sections found, {right}/{found} roles right")
    assert found >= 0.9 * total and right >= 0.9 * found


def test_a_notice_holding_two_speeches_gives_two_speeches_with_title_and_year(tmp_path):
    first, second = understand(tmp_path, "notice.txt", NOTICE)
    assert first.title == second.title == "在全县教育工作会议上的讲话"
    assert first.year == second.year == 2019
    # Spaces a PDF copy put inside numbers are gone, and words broken over lines are whole.
    body = "".join(body_paragraphs(first.sections))
    assert "2019年要完成35所" in body and "150套" in body and "全县1200名" in body
    assert [s.number for s in first.sections] == ["1．", "2．", "3．"]
    assert [s.level for s in first.sections] == [1, 1, 1]


def test_a_title_date_and_speaker_glued_to_the_salutation_are_taken_apart(tmp_path):
    (speech,) = understand(tmp_path, "flood.txt", ONE_LINE_FIRST)
    assert speech.title == "在全市防汛救灾工作会议上的讲话"
    assert speech.year == 2020
    assert speech.opening[0] == "同志们："
    assert speech.closing[-1].endswith("坚决打赢防汛救灾这场硬仗！")


def test_a_heading_glued_to_its_body_keeps_the_body(tmp_path):
    (speech,) = understand(tmp_path, "business.txt", GLUED_HEADINGS)
    first = speech.sections[0].paragraphs[0]
    assert first.startswith("改革开放以来，我市民营经济从小到大")
    # No word that opens a sentence: the heading's own last words said again start the body.
    assert speech.sections[1].paragraphs[0].startswith("放管服改革是转变政府职能的关键。近年来")


def test_collected_works_keep_their_title_and_year(tmp_path):
    (speech,) = understand(tmp_path, "employment.txt", COLLECTED)
    assert speech.title == "做好新形势下的就业工作"
    assert speech.year == 2003
    assert speech.opening[0] == "同志们："


def test_a_slogan_title_gives_way_to_the_subtitle_that_names_the_occasion(tmp_path):
    (speech,) = understand(tmp_path, "enterprise.txt", ENTERPRISE)
    assert speech.title == "在公司2023年工作会议上的讲话"
    assert speech.year == 2023


def test_a_title_split_over_three_lines_is_joined(tmp_path):
    (speech,) = understand(tmp_path, "school.txt", SCHOOL_SITE)
    assert speech.title == "在2021年秋季学期教师大会上的讲话"
    assert speech.year == 2021
    assert "flattened" not in speech.flags and "truncated" not in speech.flags


def test_inline_enumerations_do_not_become_top_level_sections(tmp_path):
    (speech,) = understand(tmp_path, "village.txt", NO_NUMBERS)
    assert speech.sections == ()
    assert any(p.startswith("一是加快推进农村厕所改造") for p in speech.opening)


def test_deep_nesting_keeps_every_level(tmp_path):
    (speech,) = understand(tmp_path, "education.txt", DEEP)
    tasks = speech.sections[2]
    assert [c.heading for c in tasks.children] == [
        "巩固提高义务教育水平",
        "加快发展学前教育",
        "加强教师队伍建设",
    ]
    preschool = tasks.children[1]
    assert [c.heading for c in preschool.children] == ["扩大学前教育资源", "加强幼儿教师队伍建设"]
    assert [c.level for c in preschool.children[0].children] == [4, 4]
    # 一是…，二是… run inline in one sentence under （一）: the lowest level, the first lead only.
    (lead,) = tasks.children[0].children
    assert (lead.level, lead.number, lead.heading) == (5, "一是", "推进义务教育均衡发展")
    assert lead.paragraphs[0].startswith("一是推进义务教育均衡发展，二是")
    assert speech.year == 2010


def test_nothing_from_the_page_or_the_notes_reaches_the_bank(tmp_path):
    for name, text in (
        ("school.txt", SCHOOL_SITE),
        ("employment.txt", COLLECTED),
        ("safety.txt", APPENDIX),
        ("notice.txt", NOTICE),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = draftkit.mine_corpus([tmp_path])
    everything = "\n".join(e.text for e in result.bank.entries)
    for word in (
        "学校概况",
        "点击数",
        "上一篇",
        "推荐阅读",
        "注释",
        "お",
        "参考资料",
        "反应釜",
        "印发",
        "〔2019〕",
        "〔1〕",
    ):
        assert word not in everything, word


def test_parse_explain_says_how_each_heading_was_found_and_why_its_role(tmp_path):
    path = tmp_path / "education.txt"
    path.write_text(DEEP, encoding="utf-8")
    run = subprocess.run(
        [str(Path(sys.executable).parent / "draftkit"), "parse", "--explain", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = run.stdout.splitlines()
    assert "年份：2010" in run.stdout
    assert any(
        re.search(r"2009年教育工作的简要回顾 → 回顾（置信度 0\.\d\d）", line) for line in lines
    )
    assert any("识别：编号“一、”，第一层" in line for line in lines)
    assert any("理由：" in line and "标题含“回顾”" in line for line in lines)
    assert any("承接上级标题" in line for line in lines)


def test_the_points_announced_in_the_opening_speak_for_headings_that_say_little(tmp_path):
    (speech,) = understand(tmp_path, "fire.txt", ANNOUNCED)
    first = speech.sections[0]
    assert any(r.startswith("开场提纲“认清形势") for r in first.reasons)


def test_a_title_in_four_pieces_under_a_menu_keeps_both_title_and_sections(tmp_path):
    text = (
        "首页\n新闻动态\n通知公告\n党建工作\n下载中心\n"
        "在全县\n教育工作\n会议上的\n讲话\n张三\n"
        "同志们：\n今天召开全县教育工作会议。下面，我讲两点意见。\n"
        "一、提高认识，增强做好教育工作的责任感\n教育是民生之本，我们必须高度重视。\n"
        "二、加强领导，落实教育工作责任\n各级要压实责任，确保各项工作落到实处。\n"
    )
    (speech,) = understand(tmp_path, "menu.txt", text)
    assert speech.title == "在全县教育工作会议上的讲话"
    assert [s.role for s in speech.sections] == ["认识", "保障"]
    assert "首页" not in "".join(speech.opening)


# Headings of speeches in other fields, under a body that says nothing of its own: the role
# must come from the heading, the position and the order of the parts.
HEADINGS_ONLY = {
    "在全县中青年干部培训班开班式上的讲话": [
        ("珍惜学习机会，切实增强学习的自觉性和紧迫感", "认识"),
        ("把握学习重点，着力提升履职尽责的能力", "要求"),
        ("严守学习纪律，确保培训取得实效", "保障"),
    ],
    "在全县脱贫攻坚推进会上的讲话": [
        ("脱贫攻坚取得的成绩和存在的问题", "回顾"),
        ("坚定信心，以更大决心打赢脱贫攻坚战", "认识"),
        ("聚焦精准，扎实推进各项帮扶措施落地", "要求"),
        ("压实责任，严格考核，确保脱贫质量", "保障"),
    ],
    "在全市劳动模范表彰大会上的讲话": [
        ("劳动模范是推动发展的中坚力量", "认识"),
        ("大力弘扬劳模精神、劳动精神、工匠精神", "要求"),
        ("为劳动者建功立业创造良好环境", "保障"),
    ],
    "在全县警示教育大会上的讲话": [
        ("深刻汲取案件教训，进一步提高思想认识", "认识"),
        ("坚持问题导向，深入查找廉政风险点", "要求"),
        ("强化监督执纪，持续保持惩治腐败高压态势", "保障"),
    ],
    "在全区稳就业工作会议上的讲话": [
        ("今年以来就业工作的基本情况", "回顾"),
        ("当前就业工作面临的形势", "认识"),
        ("下一步稳就业的重点工作", "要求"),
        ("切实加强组织领导", "保障"),
    ],
    "在全市防汛工作会议上的讲话": [
        ("入汛以来防汛工作开展情况", "回顾"),
        ("清醒认识今年防汛形势的复杂性", "认识"),
        ("突出重点，全力做好防汛各项准备", "要求"),
        ("落实防汛责任制，完善应急预案", "保障"),
    ],
    "在全市教育大会上的讲话": [
        ("过去五年全市教育事业发展成就", "回顾"),
        ("准确把握新时代教育改革发展的新要求", "认识"),
        ("加快推进教育现代化", "要求"),
        ("加强党对教育工作的全面领导", "保障"),
    ],
    "在集团公司年中工作会上的讲话": [
        ("上半年生产经营情况", "回顾"),
        ("下半年重点工作安排", "要求"),
        ("全力抓好安全环保工作", "要求"),
        ("以严的作风确保全年目标任务完成", "保障"),
    ],
}


@pytest.mark.parametrize("title", list(HEADINGS_ONLY))
def test_roles_come_from_the_heading_the_position_and_the_order(tmp_path, title):
    parts = HEADINGS_ONLY[title]
    body = "\n".join(
        f"{'一二三四'[i]}、{heading}\n这方面工作十分重要，各级各部门要认真抓好，推动工作取得实效。"
        for i, (heading, _) in enumerate(parts)
    )
    text = (
        f"{title}\n同志们：\n今天召开会议。下面，我讲几点意见。\n{body}\n同志们，让我们共同努力！\n"
    )
    (speech,) = understand(tmp_path, "speech.txt", text)
    assert [(s.heading, s.role) for s in speech.sections] == parts


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("^\\s*来源\\s*[:：]", True),
        ("^\\s*(下载|打印)\\s*$", True),
        ("^[^|]{0,4}x", True),
        ("^[]|]x", True),
        ("^\\|x", True),
        ("^a|b", False),  # the second alternative may match anywhere
        ("^[\\]|]x|y", False),
        ("小编|欢迎阅读", False),
    ],
)
def test_a_line_pattern_is_tried_only_at_the_line_start_when_all_its_matches_start_there(
    pattern, expected
):
    assert anchored(pattern) is expected


def test_noise_lines_are_dropped_as_searching_every_pattern_along_each_line_drops_them():
    patterns = noise_patterns().lines
    for path in sorted(CORPUS.rglob("*.txt"))[:20]:
        text = normalise_whitespace(path.read_text(encoding="utf-8", errors="replace"))
        kept = [line for line in text.split("\n") if not any(p.search(line) for p in patterns)]
        assert drop_noise_lines(text) == "\n".join(kept)


def test_source_names_are_found_wherever_one_alternation_of_them_would_find_them(seed_speeches):
    names = frozenset({"宜春", "宜春市", "春市", "张三", "中山路", "赣", "安全生产委员会"})
    finder = NameFinder(names, ())
    alternation = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    texts = [p for s in seed_speeches for p in s.opening + s.closing][:300]
    texts += ["宜春市召开会议", "在中山路", "赣江", "张", "", "安全生产委员会办公室", "春"]
    for text in texts:
        assert finder.has_source_name(text) is (alternation.search(text) is not None), text
    assert finder.has_source_name("宜春市召开会议") and not finder.has_source_name("春")


def test_asking_many_patterns_at_once_agrees_with_asking_each_in_turn():
    patterns = [
        re.compile(p, flags)
        for p, flags in [
            ("^我们将", 0),
            ("^政府(?=将)", 0),
            ("^a|将", 0),
            ("(\\w)\\1", 0),  # a backreference: joined, it would count another group
            ("(?s)目录.*?同志们", 0),  # a global flag: it cannot be joined
            ("^\\s*来源[:：]", re.M),
        ]
    ]
    texts = [
        "我们将推进",
        "政府将推进",
        "推进将来",
        "好好学习",
        "目录\n一、\n同志们：",
        "x\n来源：某网",
    ]
    texts += ["", "a", "我们", "ba"]
    test = any_of(patterns)
    for text in texts:
        assert test(text) is any(p.search(text) for p in patterns), text
