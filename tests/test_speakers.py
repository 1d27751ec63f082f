"""Speaker mentions parsed into name, area, affiliations, kind and rank."""

from __future__ import annotations

import json

import pytest

from tifalab.lexicons import lexicon_file, load_table, load_terms
from tifalab.paths import shared_dir
from tifalab.speakers import load_speaker_lexicon, parse_speaker_mention, split_area

# mentions exactly as the sample article writes them (facts, not article text)
SAMPLE_MENTIONS = {
    "赵俊霞": "中科大数据研究院党支部书记、大安全大数据研究中心副主任赵俊霞",
    "周凯": "金水区凤凰台街道办事处副主任周凯",
    "张红军": "管城区北下街街道党工委书记张红军",
    "弓书亮": "郑州高新区沟赵办事处党工委书记弓书亮",
    "王云翔": "中原区发展和改革委员会营商环境建设科科长王云翔",
    "陈卫东": "二七经济技术开发区党工委书记、管委会主任陈卫东",
    "徐洋洋": "郑州经济技术开发区明湖办事处主任徐洋洋",
    "侯磊": "惠济区迎宾路街道办事处党工委书记侯磊",
}


def _gold() -> dict:
    root = shared_dir()
    path = root / "gold" / "zhengzhou_plenary_reactions.json" if root else None
    if path is None or not path.is_file():
        pytest.skip("../shared/gold/zhengzhou_plenary_reactions.json not available")
    return json.loads(path.read_text(encoding="utf-8"))


def test_sample_mentions_match_gold() -> None:
    gold = {g["name"]: g for g in _gold()["speakers"]}
    assert set(gold) == set(SAMPLE_MENTIONS)
    for name, mention in SAMPLE_MENTIONS.items():
        sp = parse_speaker_mention(mention)
        g = gold[name]
        assert sp.kind == "person"
        assert sp.name == name
        assert sp.area == g["area"], name
        got = [{"organization": a.organization, "title": a.title} for a in sp.affiliations]
        assert got == g["affiliations"], name


def test_ranks_from_table() -> None:
    assert parse_speaker_mention(SAMPLE_MENTIONS["陈卫东"]).rank == "县处级"
    assert parse_speaker_mention(SAMPLE_MENTIONS["张红军"]).rank == "乡科级"
    assert parse_speaker_mention(SAMPLE_MENTIONS["王云翔"]).rank == "乡科级"
    assert parse_speaker_mention(SAMPLE_MENTIONS["赵俊霞"]).rank == "unknown"
    assert parse_speaker_mention("河南省委书记王国生").rank == "省部级"
    assert parse_speaker_mention("郑州市委书记安伟").rank == "厅局级"
    assert parse_speaker_mention("金水区区长李明").rank == "县处级"


def test_kinds_and_short_forms() -> None:
    assert parse_speaker_mention("大家").kind == "group"
    assert parse_speaker_mention("与会同志").kind == "group"
    grp = parse_speaker_mention("公安部有关负责人")
    assert grp.kind == "group" and grp.affiliations[0].organization == "公安部"
    assert parse_speaker_mention("全会").kind == "institution"
    assert parse_speaker_mention("中央纪委国家监委").kind == "institution"
    assert parse_speaker_mention("政府工作报告").kind == "document"
    deputy = parse_speaker_mention("李涛代表")
    assert (deputy.name, deputy.role_suffix) == ("李涛", "代表")
    xi = parse_speaker_mention("习近平总书记")
    assert xi.name == "习近平" and xi.affiliations[0].title == "总书记"
    short = parse_speaker_mention("陈书记")
    assert short.kind == "person" and short.name is None
    assert parse_speaker_mention("说起来").kind == "unknown"


def test_multi_office_and_foreign_names() -> None:
    sp = parse_speaker_mention("中共中央政治局常委、国务院副总理、国务院食品安全委员会主任韩正")
    assert sp.name == "韩正"
    assert [a.title for a in sp.affiliations] == ["常委", "副总理", "主任"]
    assert sp.rank == "省部级"
    sp = parse_speaker_mention("联合国儿童基金会执行主任亨丽埃塔·福尔")
    assert sp.name == "亨丽埃塔·福尔"
    assert sp.affiliations[0].organization == "联合国儿童基金会"
    # a part without a title stays inside the organization name (名称 with 、)
    sp = parse_speaker_mention("尼泊尔文化、旅游和民航部考古局执行局长高塔姆")
    assert [(a.organization, a.title) for a in sp.affiliations] == [
        ("尼泊尔文化、旅游和民航部考古局", "执行局长")
    ]


def test_split_area() -> None:
    lex = load_speaker_lexicon()
    assert split_area("湖北武汉市江岸区大智街道", lex) == ("湖北武汉市江岸区", "大智街道")
    assert split_area("上海体育学院", lex) == (None, "上海体育学院")
    assert split_area("铭新社区", lex) == (None, "铭新社区")


def test_lexicon_loader_tolerates_bom_crlf_comments(tmp_path) -> None:
    f = tmp_path / "x.tsv"
    f.write_bytes("\ufeff# comment\r\n甲\t1\r\n\r\n乙\t2 \r\n甲\t3\r\n".encode())
    assert load_table(f) == (("甲", "1"), ("乙", "2"), ("甲", "3"))
    assert load_terms(f) == ("甲", "乙")
    assert lexicon_file("titles.txt", tmp_path).name == "titles.txt"  # falls back to bundled
    assert lexicon_file("x.tsv", tmp_path) == f


def affs(m: str) -> list[tuple[str | None, str | None]]:
    """(organization, title) pairs of a parsed mention: the shape the affiliation tests compare."""
    return [(a.organization, a.title) for a in parse_speaker_mention(m).affiliations]


def test_title_modifiers_belong_to_the_title() -> None:
    assert affs("中国著名指挥家谭利华") == [("中国", "著名指挥家")]
    assert affs("现场观众苏珊娜") == [(None, "现场观众")]
    assert affs("拾荒阿婆陈贤妹") == [(None, "拾荒阿婆")]
    assert affs("吉林大学地球探测科学与技术学院原教授黄大年") == [("吉林大学地球探测科学与技术学院", "原教授")]
    # an organization is never cut: 太原 holds 原, 华为 is a name, 中方 is a side
    assert affs("华为总裁任正非") == [("华为", "总裁")]
    assert affs("中方工程师郭倩如") == [("中方", "工程师")]
    assert all(t != "原市长" for _o, t in affs("太原市市长张伟"))


def test_speech_verb_lemmas_from_lexicon() -> None:
    lex = load_speaker_lexicon()
    assert lex.lemma("告诉本报记者") == "告诉" and lex.lemma("曾说") == "说"
    assert lex.lemma("所说") == "所说" and lex.lemma("写道") == "写道"
    assert "+原" not in lex.titles and "原" in lex.title_modifiers


def test_name_validity_allows_verb_characters_and_transliterations() -> None:
    from tifalab.speakers import is_transliterated, is_valid_name

    lex = load_speaker_lexicon()
    assert is_valid_name("王强", lex) and is_valid_name("斯坦尼斯拉夫·贝绍克", lex)
    assert not is_valid_name("陈强调", lex) and not is_valid_name("王说", lex)
    assert is_transliterated("默克尔", lex) and is_transliterated("普京", lex)
    assert not is_transliterated("王强", lex)
    assert is_valid_name("普京", lex, after_title=True)
    assert not is_valid_name("坦诚地", lex, after_title=True)
    assert parse_speaker_mention("男举国家队主教练于杰").name == "于杰"
    sp = parse_speaker_mention("圣路易斯市友城委员会主席尼尔·佩里曼")
    assert sp.name == "尼尔·佩里曼"


def test_disciplines_grades_and_bare_units_belong_to_the_title() -> None:
    assert affs("比利时鲁汶大学医学院病毒学教授约翰·内兹") == [("比利时鲁汶大学医学院", "病毒学教授")]
    assert affs("澳大利亚新南威尔士大学高级研究员王斌") == [("澳大利亚新南威尔士大学", "高级研究员")]
    assert affs("香港中律协创会会长陈曼琪") == [("香港中律协", "创会会长")]
    assert affs("菲律宾总统发言人萨尔瓦多·帕内洛") == [("菲律宾", "总统发言人")]
    # a generic unit word alone names no organization; a named village keeps its party branch
    assert affs("村党支部书记唐国徽") == [(None, "村党支部书记")]
    assert affs("驻村第一书记盛君") == [(None, "驻村第一书记")]
    assert all(o and o.endswith("村党支部") for o, _t in affs("马形村党支部书记黄国志"))
    # 大学 is an organization, not a discipline
    assert affs("北京大学教授王明") == [("北京大学", "教授")]


def test_qualifiers_after_an_organization_belong_to_the_title() -> None:
    assert affs("1250轧钢厂机修工程师聂为勇") == [("1250轧钢厂", "机修工程师")]
    assert affs("长岭村萝卜种植大户黄灯江") == [("长岭村", "萝卜种植大户")]
    assert affs("国际原子能机构代理总干事费鲁塔") == [("国际原子能机构", "代理总干事")]
    assert affs("天津市公安刑侦局四支队副支队长王东") == [("天津市公安刑侦局四支队", "副支队长")]
    # a unit of its own, or a suffix character inside another word, stays with the organization
    assert affs("国际奥委会主席巴赫") == [("国际奥委会", "主席")]
    assert affs("温县西南王村小学校长张文科")[0][1] == "校长"
    assert affs("有米科技公共事务总监于金喜")[0][0] != "有米科"
    # an earlier suffix ends the organization when the last one is inside a word (办|案)
    assert affs("晋中公安局榆次分局办案民警韩凯") == [("晋中公安局榆次分局", "办案民警")]
    assert affs("上海建工集团股份有限公司海外部项目经理程从银") == [("上海建工集团股份有限公司海外部", "项目经理")]
    assert affs("杜巴中学英语老师艾盖德") == [("杜巴中学", "英语老师")]
    assert affs("西部战区司令员王强") == [("西部战区", "司令员")]
    assert affs("巴基斯坦年轻医生乌斯曼") == [("巴基斯坦", "年轻医生")]  # a place jieba does not list


def test_a_party_committee_stays_with_its_unit() -> None:
    # the committee that leads a unit is the organization, as for a territory (街道党工委|书记)
    assert affs("浙商银行党委副书记张鲁芸") == [("浙商银行党委", "副书记")]
    assert affs("华南理工大学党委书记章熙春") == [("华南理工大学党委", "书记")]
    assert affs("轮台县人民检察院党组书记乌斯曼·巴拉提")[0] == ("轮台县人民检察院党组", "书记")
    # a branch stays in the title outside a territory (the sample's gold: 研究院 + 党支部书记)
    assert affs("中科大数据研究院党支部书记赵俊霞") == [("中科大数据研究院", "党支部书记")]
    assert affs("郑州高新区沟赵办事处党工委书记弓书亮") == [("沟赵办事处党工委", "书记")]


def test_dotted_names_do_not_run_into_the_sentence() -> None:
    from tifalab.speakers import is_valid_name, load_speaker_lexicon

    lex = load_speaker_lexicon()
    assert is_valid_name("阿齐兹·阿卜杜哈基莫夫", lex)
    assert not is_valid_name("阿齐兹·阿卜杜哈基莫夫致辞", lex)  # a verb ran into the last part
    assert not is_valid_name("比尔·盖茨多次", lex)  # an adverb of transliteration characters
    assert not is_valid_name("穆铁礼甫·哈斯木委员发言", lex)  # a title after the name
    assert is_valid_name("尼玛扎西", lex) and is_valid_name("穆罕默德六世", lex, after_title=True)
    assert not is_valid_name("尼提乌代表阿库福·阿多", lex)  # a name and a role ran into a ·-name
    assert not is_valid_name("迪亚斯·卡内尔专门", lex)  # an adverb after the name


def test_a_title_ends_where_a_dotted_name_starts() -> None:
    assert parse_speaker_mention("全国人大常委会副委员长艾力更·依明巴海").name == "艾力更·依明巴海"
    assert parse_speaker_mention("萨哈夫水电站工程师法伊赞·阿克巴尔").name == "法伊赞·阿克巴尔"
    assert parse_speaker_mention("联合国秘书长安东尼奥·古特雷斯").name == "安东尼奥·古特雷斯"


def test_finnish_transliteration() -> None:
    sp = parse_speaker_mention("芬兰国家卫生与福利研究所所长米卡·萨尔米宁")
    assert sp.name == "米卡·萨尔米宁"


def test_titles_after_the_name_come_from_the_lexicon() -> None:
    def affs(m: str) -> tuple[str | None, list[tuple[str | None, str | None]]]:
        sp = parse_speaker_mention(m)
        return sp.name, [(a.organization, a.title) for a in sp.affiliations]

    assert affs("王希光老人") == ("王希光", [(None, "老人")])
    # a full mention, then a title after the name
    assert affs("网龙网络公司首席执行官熊立博士") == ("熊立", [("网龙网络公司", "首席执行官"), (None, "博士")])
    assert affs("张三先生") == ("张三", [])  # a form of address, no affiliation
    assert parse_speaker_mention("李涛代表").role_suffix == "代表"
    assert parse_speaker_mention("韩国总统").name is None  # a country and its title
    # 那 is a syllable in a ·-name, not a demonstrative
    assert affs("《精英论坛报》总编辑何塞·那威") == ("何塞·那威", [("《精英论坛报》", "总编辑")])
    assert "post_name_titles.txt" in str(lexicon_file("post_name_titles.txt"))


def test_titles_after_a_dotted_name_and_before_a_prince() -> None:
    sp = parse_speaker_mention("英国前外交大臣威廉·黑格勋爵")
    assert sp.name == "威廉·黑格" and [(a.organization, a.title) for a in sp.affiliations] == [("英国", "前外交大臣")]
    sp = parse_speaker_mention("约克公爵安德鲁王子")
    assert sp.name == "安德鲁" and (None, "王子") in [(a.organization, a.title) for a in sp.affiliations]


def test_a_relation_before_a_name_is_no_title() -> None:
    for m, name in (("老晏的妻子徐德美", "徐德美"), ("兰辉的同事陈国兴", "陈国兴"), ("同事陈国兴", "陈国兴"),
                    ("吴金香的孙女吴晶", "吴晶")):
        sp = parse_speaker_mention(m)
        assert (sp.kind, sp.name, sp.affiliations) == ("person", name, []), m


def test_a_role_noun_no_title_list_holds_ends_the_descriptor() -> None:
    # role_noun_endings.txt: …员, …户, …生 before a valid Chinese name that is no dictionary word
    for m, name, title in (("电梯维保员马先生", "马先生", "电梯维保员"), ("票务员巫雪梅", "巫雪梅", "票务员")):
        sp = parse_speaker_mention(m)
        assert (sp.kind, sp.name, [(a.organization, a.title) for a in sp.affiliations]) == (
            "person", name, [(None, title)]), m
    assert parse_speaker_mention("文学爱好者魏强").name == "魏强"
    # a word across the cut (国家主|席多次), a word in the name (厚生|劳动省), a title after it
    # (…周汉|华教授), a reduplicated adverb (列车员|齐齐) or a reporter: no person
    for m in ("国家主席多次", "日本厚生劳动省", "列车员齐齐", "记者马先生"):
        sp = parse_speaker_mention(m)
        assert not (sp.kind == "person" and sp.name in ("席多次", "劳动省", "齐齐", "马先生")), m
    sp = parse_speaker_mention("研究员周汉华教授")
    assert sp.name == "周汉华", sp


def test_a_title_vouches_for_qi_and_he_inside_a_name() -> None:
    # 其 and 和 are function characters, but given-name characters after a title (院士薛其坤,
    # 村民赵和长); not when they start a word (市长王其实…)
    assert parse_speaker_mention("中科院院士薛其坤").name == "薛其坤"
    assert parse_speaker_mention("村民赵和长").name == "赵和长"
    assert parse_speaker_mention("市长王其实").name is None
    assert parse_speaker_mention("薛其坤").kind != "person"  # no title: no vouching


def test_a_role_noun_before_a_dotted_name_and_the_unit_before_the_role() -> None:
    sp = parse_speaker_mention("巴伐利亚州警察局首席刑事调查官达科玛·贝特科")
    assert (sp.name, [(a.organization, a.title) for a in sp.affiliations]) == (
        "达科玛·贝特科", [("巴伐利亚州警察局", "首席刑事调查官")])
    # a role ending that is also a transliteration character (伯) never cuts a ·-name
    sp = parse_speaker_mention("世界气象组织秘书长彼得里·塔拉斯和专家纪伯伦·拉赫曼")
    assert sp.name != "伦·拉赫曼"
    sp = parse_speaker_mention("北京市电梯维保员王小明")
    assert (sp.name, [(a.organization, a.title) for a in sp.affiliations]) == ("王小明", [("北京市", "电梯维保员")])


def test_adverbials_and_action_frames_are_no_names() -> None:
    for m in ("高兴地", "关切地", "焦急地", "微笑着", "边看"):
        assert parse_speaker_mention(m).kind != "person" or parse_speaker_mention(m).name is None, m
    assert parse_speaker_mention("村民高兴民").name == "高兴民"  # 高兴 + a name character is a name
