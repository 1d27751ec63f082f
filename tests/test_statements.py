"""Statements, speakers and term quotes: the sample against its gold, People's Daily against
hand annotation, synthetic edge cases, and properties on arbitrary text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _paras import normalize, split_paragraphs
from tifalab.paths import sample_path, shared_dir
from tifalab.statements import extract_statements

ROOT = Path(__file__).resolve().parents[1]


def _run(text: str):  # type: ignore[no-untyped-def]
    text = normalize(text)
    return text, extract_statements(text, split_paragraphs(text))


def _pairs(res) -> set[tuple[str | None, str]]:  # type: ignore[no-untyped-def]
    """(speaker name, first six characters) of every statement: the shape most tests compare."""
    return {(s.speaker.name, s.text[:6]) for s in res.statements}


def _sample():  # type: ignore[no-untyped-def]
    root = shared_dir()
    gold_path = root / "gold" / "zhengzhou_plenary_reactions.json" if root else None
    if gold_path is None or not gold_path.is_file():
        pytest.skip("../shared/gold/zhengzhou_plenary_reactions.json not available")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text, res = _run(sample_path().read_text(encoding="utf-8"))
    return gold, text, res


def test_sample_speakers_and_statements_match_gold() -> None:
    gold, text, res = _sample()
    people = {sp.name: sp for sp in res.speakers if sp.kind == "person"}
    assert set(people) == {g["name"] for g in gold["speakers"]}
    for g in gold["speakers"]:
        sp = people[g["name"]]
        assert sp.area == g["area"]
        assert [{"organization": a.organization, "title": a.title} for a in sp.affiliations] == g["affiliations"]
        mine = [s for s in res.statements if s.speaker is sp and not s.nested]
        direct = [s for s in mine if s.kind == "direct"]
        assert bool(direct) == g["direct_quote"], g["name"]
        assert all(s.verb == g["verb"] for s in mine)
        first = direct[0] if direct else mine[0]
        assert first.text.replace("‘", "'").startswith(g["quote_starts"].replace("‘", "'"))
    # 周凯's continuation after the quote is his indirect statement
    zk = [s for s in res.statements if s.speaker.name == "周凯"]
    assert [s.kind for s in zk] == ["direct", "indirect"] and zk[1].text.startswith("下一步将补短强弱")
    for s in res.statements:
        assert text[s.start : s.end] == s.text


def test_sample_nested_collective_and_terms() -> None:
    gold, _text, res = _sample()
    nested = [s for s in res.statements if s.nested]
    assert len(nested) == 1
    (n,) = nested
    g = gold["nested_source_quotes"][0]
    assert n.speaker.mention == g["source"] and n.speaker.kind == "institution"
    assert n.text == g["text"]
    outer = [s for s in res.statements if not s.nested and s.start <= n.start and n.end <= s.end]
    assert outer and outer[0].speaker.name == g["inside_quote_of"]
    coll = [s for s in res.statements if s.via == "collective"]
    assert len(coll) == 1 and coll[0].speaker.mention == "大家" and coll[0].verb == "表示"
    assert coll[0].text.startswith(gold["collective_speech"][0]["starts"])
    terms = {t.text for t in res.term_quotes}
    stmt_texts = {s.text for s in res.statements}
    for term in gold["term_quotes_not_speech"]:
        assert term in terms
        assert term not in stmt_texts
    ids = [sp.speaker_id for sp in res.speakers]
    assert len(ids) == len(set(ids)) and all(ids)


def test_split_multiparagraph_pronoun_and_short_forms() -> None:
    text = (
        "市委书记陈明在调研时强调，要把工作做实。\n"
        "“这件事很重要，”陈书记说，“我们要抓紧办。”\n"
        "他表示，下一步将加强督查。\n"
        "「今年的目标一定能完成。」陈明说。\n"
        "村民王小红说：“第一段话。\n"
        "“第二段话，还是她说的。”\n"
        "大家一致认为，形势很好。报告指出，要稳中求进。\n"
        "他们提出“三个一”工作法和\"放管服\"改革。"
    )
    text, res = _run(text)
    by = [(s.speaker.name or s.speaker.mention, s.kind, s.via, s.text) for s in res.statements]
    assert ("陈明", "indirect", "name", "要把工作做实。") in by
    assert ("陈明", "direct", "short_form", "这件事很重要，") in by
    assert ("陈明", "direct", "short_form", "我们要抓紧办。") in by
    assert ("陈明", "indirect", "pronoun", "下一步将加强督查。") in by
    assert ("陈明", "direct", "short_form", "今年的目标一定能完成。") in by
    wang = [s for s in res.statements if s.speaker.name == "王小红"]
    assert [s.text for s in wang] == ["第一段话。", "第二段话，还是她说的。"]
    assert any(s.via == "collective" and s.text == "形势很好。" for s in res.statements)
    assert any(s.via == "document" and s.text == "要稳中求进。" for s in res.statements)
    assert {t.text for t in res.term_quotes} >= {"三个一", "放管服"}
    assert len([sp for sp in res.speakers if sp.name == "陈明"]) == 1


def test_only_body_and_heading_are_searched() -> None:
    text = "张伟说，这是标题里的话。\n张伟说，这是正文。"
    text = normalize(text)
    paras = split_paragraphs(text)
    paras[0].kind = "title"
    res = extract_statements(text, paras)
    assert [s.text for s in res.statements] == ["这是正文。"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("“”‘’「」\"'，,：:。！？说表示他她大家王张伟书记主任区街道\n　 abc")), max_size=120))
def test_property_never_raises_and_spans_reproduce(raw: str) -> None:
    text, res = _run(raw)
    _, again = _run(raw)
    for s in res.statements:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start : s.end] == s.text
    for t in res.term_quotes:
        assert text[t.start : t.end] == t.text
    assert [(s.start, s.end, s.kind, s.via) for s in res.statements] == [
        (s.start, s.end, s.kind, s.via) for s in again.statements
    ]
    assert [(t.start, t.end) for t in res.term_quotes] == [(t.start, t.end) for t in again.term_quotes]


def _pd() -> Path:
    root = shared_dir()
    pd = root / "corpora" / "peoples_daily_2019_2020" if root else None
    if pd is None or not pd.is_dir():
        pytest.skip("../shared/corpora/peoples_daily_2019_2020 not available")
    return pd


# The hand-gold precision/recall check lives in tests/test_validation.py
# (test_pd_statements_gold_meets_targets): it goes through the same scorer researchers use.


@pytest.mark.corpus
def test_pd_month_never_raises() -> None:
    files = sorted((_pd() / "2019-02").glob("*/*.txt"))
    assert len(files) > 1000
    n_statements = 0
    for f in files:
        text, res = _run(f.read_text(encoding="utf-8"))
        for s in res.statements:
            assert text[s.start : s.end] == s.text, f.name
        n_statements += len(res.statements)
    assert n_statements > 1000


# ----------------------------------------------------------------------------- rules added with the
# adjudicated People's Daily gold (bare verb, title modifiers, kicker, 该团, subject after a quote)


def test_verb_is_reported_without_object_or_adverb() -> None:
    text = "工程师张伟告诉记者，工期提前了。\n“要守住底线。”王强曾说。\n他道出了实情：补偿也到位了。"
    _, res = _run(text)
    by = {s.text: s for s in res.statements}
    assert by["工期提前了。"].verb == "告诉"
    assert by["要守住底线。"].verb == "说"
    assert by["补偿也到位了。"].verb == "道出" and by["补偿也到位了。"].speaker.name == "王强"


def test_quote_then_subject_mention_without_verb() -> None:
    text = "“大家看在眼里，记在心里。”考古局局长高塔姆将工程视为里程碑。\n“这是好事。”王强的话很朴实。"
    _, res = _run(text)
    first = [s for s in res.statements if s.text == "大家看在眼里，记在心里。"]
    assert first and first[0].speaker.name == "高塔姆" and first[0].verb is None
    # a possessive after the name is no subject
    assert not any(s.speaker.name == "王强" for s in res.statements)


def test_kicker_supplies_affiliation_and_demonstrative_org_resolves() -> None:
    text = normalize("方舱医院医生李静——\n“一定要坚持”\n李静说，病人都很配合。\n"
                     "成立于1934年的图卢兹国立管弦乐团很有名。该团团长王建国表示，乐团多次访华。")
    paras = split_paragraphs(text)
    paras[0].kind = paras[1].kind = "title"
    res = extract_statements(text, paras)
    people = {sp.name: sp for sp in res.speakers}
    assert [(a.organization, a.title) for a in people["李静"].affiliations] == [("方舱医院", "医生")]
    assert [(a.organization, a.title) for a in people["王建国"].affiliations] == [("图卢兹国立管弦乐团", "团长")]
    assert [s.text for s in res.statements if s.speaker.name == "李静"] == ["病人都很配合。"]


def _pd_article(rel: str):  # type: ignore[no-untyped-def]
    from tifalab.validation import predict_for_gold

    pd = _pd()
    return predict_for_gold([{"file": rel}], pd)[rel]


def test_pd_real_text_kicker_modifiers_and_bare_verbs() -> None:
    art = _pd_article("2020-02/20200216/20200216-04-03.txt")
    lu = [s for s in art["statements"] if s["speaker"].get("name") == "卢静静"]
    assert lu and all(s["speaker"]["affiliations"] == [{"organization": "武展方舱医院", "title": "医生"}] for s in lu)
    assert {s["verb"] for s in lu} >= {"告诉", "说"} and "告诉记者" not in {s["verb"] for s in lu}
    art = _pd_article("2019-10/20191028/20191028-16-03.txt")
    affs = {s["speaker"]["name"]: [(a["organization"], a["title"]) for a in s["speaker"]["affiliations"]]
            for s in art["statements"] if s["speaker"].get("name")}
    assert affs["谭利华"] == [("中国", "著名指挥家")]
    assert affs["苏珊娜"] == [(None, "现场观众")]
    assert affs["蒂埃里·达尔古贝"] == [("图卢兹国立管弦乐团", "团长")]
    art = _pd_article("2019-10/20191016/20191016-03-04.txt")
    g = [s for s in art["statements"] if s["text"].startswith("尼泊尔人民看在眼里")]
    assert g and g[0]["speaker"]["name"] == "高塔姆" and g[0]["verb"] is None


def test_scorer_accepts_area_kept_inside_organization() -> None:
    from tifalab.validation import _affs_match

    sp = {"area": "湖北武汉市江岸区", "affiliations": [{"organization": "大智街道铭新社区", "title": "居民"}]}
    assert _affs_match(sp, [("湖北武汉市江岸区大智街道铭新社区", "居民")])
    assert _affs_match(sp, [("大智街道铭新社区", "居民")])
    assert not _affs_match(sp, [("江岸区大智街道铭新社区", "居民")])
    assert not _affs_match(sp, [("湖北武汉市江岸区大智街道铭新社区", "书记")])


def test_transliterated_and_dotted_names() -> None:
    text = ("德国总理默克尔与俄罗斯总统普京举行会谈。\n默克尔表示，“北溪—2”项目可以改善能源安全。\n"
            "普京在会谈后表示，希望局势不会恶化。\n"
            "组织执行主任斯坦尼斯拉夫·贝绍克一行到访。贝绍克说，此访很重要。")
    _, res = _run(text)
    by = {s.text: s for s in res.statements}
    # a term quote opening the clause after the verb makes it indirect, not a quote “北溪—2”
    assert by["“北溪—2”项目可以改善能源安全。"].kind == "indirect"
    assert by["“北溪—2”项目可以改善能源安全。"].speaker.name == "默克尔"
    assert "北溪—2" in {t.text for t in res.term_quotes}
    assert by["希望局势不会恶化。"].speaker.name == "普京"
    people = {sp.name: sp for sp in res.speakers}
    assert [(a.organization, a.title) for a in people["普京"].affiliations] == [("俄罗斯", "总统")]
    assert by["此访很重要。"].speaker.name == "斯坦尼斯拉夫·贝绍克"


def test_verb_characters_allowed_in_names_and_adverbs_split_off() -> None:
    text = "“要勤洗手。”步枪队领队王强介绍。\n“我也不太理解。”周义哲代表坦诚地说。\n贝绍克表示，会谈有进展。"
    _, res = _run(text)
    names = {s.text: s.speaker.name for s in res.statements}
    assert names["要勤洗手。"] == "王强"
    assert names["我也不太理解。"] == "周义哲"


def test_organization_stops_at_another_persons_clause() -> None:
    text = "国家主席习近平在内比都同缅甸总统温敏会谈。\n温敏表示，缅方愿深化合作。"
    _, res = _run(text)
    people = {sp.name: sp for sp in res.speakers}
    assert [(a.organization, a.title) for a in people["温敏"].affiliations] == [("缅甸", "总统")]


def test_pd_real_text_foreign_names_and_term_led_clauses() -> None:
    art = _pd_article("2020-01/20200114/20200114-17-01.txt")
    by_name: dict[str, list[dict]] = {}
    for s in art["statements"]:
        by_name.setdefault(s["speaker"].get("name") or "", []).append(s)
    assert len(by_name.get("普京", [])) >= 3
    assert any(s["kind"] == "indirect" and s["text"].startswith("“北溪—2”") for s in by_name["默克尔"])
    assert "贝绍克" not in by_name and len(by_name["斯坦尼斯拉夫·贝绍克"]) == 2
    art = _pd_article("2019-10/20191015/20191015-03-07.txt")
    names = {s["speaker"].get("name") for s in art["statements"]}
    assert {"莉达·克鲁森", "蒂姆·诺瓦克", "尼尔·佩里曼"} <= names


def test_person_cited_through_a_medium_is_the_speaker() -> None:
    text = (
        "新加坡《联合早报》援引新加坡总理李显龙的话表示，中国正在努力做好疫情防控。\n"
        "俄新社刊发俄罗斯高等经济学院东方学教研室主任阿列克谢·马斯洛夫的评论指出，中国政府实现了信息公开。"
    )
    _, res = _run(text)
    got = {(s.speaker.name if s.speaker else None, s.verb) for s in res.statements}
    assert ("李显龙", "表示") in got and ("阿列克谢·马斯洛夫", "指出") in got
    people = {sp.name: sp for sp in res.speakers}
    assert [(a.organization, a.title) for a in people["李显龙"].affiliations] == [("新加坡", "总理")]
    assert [(a.organization, a.title) for a in people["阿列克谢·马斯洛夫"].affiliations] == [
        ("俄罗斯高等经济学院东方学教研室", "主任")
    ]


def test_verb_led_time_clause_is_not_the_speaker() -> None:
    text = "习近平总书记参加政协经济界委员联组会时强调，做好“六稳”工作、落实“六保”任务至关重要。"
    _, res = _run(text)
    assert [(s.speaker.name if s.speaker else None, s.verb) for s in res.statements] == [("习近平", "强调")]


def test_bare_foreign_names_in_readouts() -> None:
    # a 2-character transliterated name after a title (尼泊尔总理奥利), a name glued to the next
    # word (扎里夫|通电话), adverbs between a known name and the verb (拉夫罗夫曾一度表示), and
    # 他 after "X对…表示祝贺" resolving to X
    text = ("国家主席习近平在加德满都同尼泊尔总理奥利会谈。\n"
            "习近平指出，中尼是好邻居。\n"
            "奥利对中华人民共和国成立70周年表示最热烈祝贺。他表示，中国取得令世人瞩目的成就。\n"
            "奥利表示，尼中是真正的朋友。\n"
            "外长王毅同伊朗外长扎里夫通电话。\n扎里夫表示，中国政府及时果断应对疫情。\n"
            "会谈后，俄罗斯外长拉夫罗夫曾一度表示，谈判取得一定进展。")
    _, res = _run(text)
    by = {s.text: s for s in res.statements}
    assert by["中国取得令世人瞩目的成就。"].speaker.name == "奥利"
    assert by["尼中是真正的朋友。"].speaker.name == "奥利"
    assert by["中国政府及时果断应对疫情。"].speaker.name == "扎里夫"
    assert by["谈判取得一定进展。"].speaker.name == "拉夫罗夫"
    people = {sp.name: sp for sp in res.speakers}
    assert [(a.organization, a.title) for a in people["奥利"].affiliations] == [("尼泊尔", "总理")]


def test_lists_of_foreign_leaders_and_long_transliterations() -> None:
    art = _pd_article("2019-10/20191010/20191010-02-03.txt")
    people = {s["speaker"]["name"]: s["speaker"] for s in art["statements"]}
    affs = {n: [(a["organization"], a["title"]) for a in sp["affiliations"]] for n, sp in people.items()}
    # 第一副总理博罗诺夫、阿塞拜疆副总理阿布塔利博夫、柬埔寨副首相贺南洪: three persons, not one title
    assert affs["博罗诺夫"] == [("吉尔吉斯斯坦", "第一副总理")]
    assert affs["阿布塔利博夫"] == [("阿塞拜疆", "副总理")]
    assert affs["贺南洪"] == [("柬埔寨", "副首相")]


def test_subjectless_clause_takes_the_sentence_subject() -> None:
    text = ("国务委员兼外长王毅同沙特阿拉伯外交大臣费萨尔通电话。\n"
            "费萨尔代表沙特政府支持中国战胜疫情，完全相信中方将最终战胜疫情。\n"
            "王毅感谢沙特的支持，表示中方已建立举国体制，全力抗击疫情。\n"
            "王毅对此表示衷心感谢。\n")
    _, res = _run(text)
    by = {s.text: (s.speaker.name, s.verb, s.kind) for s in res.statements}
    assert by["中方将最终战胜疫情。"] == ("费萨尔", "相信", "indirect")
    assert by["中方已建立举国体制，全力抗击疫情。"] == ("王毅", "表示", "indirect")
    assert not any(t.startswith("衷心感谢") for t in by)  # 表示 + a gesture is no statement


def test_crowd_lines_and_embedded_terms_are_not_given_to_the_profiled_person() -> None:
    text = ("援外医生郭璐萍回到医院。\n"
            "人们一下子涌了上来，郭璐萍很感动。“郭医生还好吗？”“她还能回来吗？”\n"
            "领导说服了郭璐萍留在国内，“你不是一个人，你背后还有一支队伍。”\n"
            "“用另外一种方式再回去。”郭璐萍始终放不下这个梦想。\n"
            "孩子们都是高原的“雪莲”，郭璐萍说，她很想念他们。\n")
    _, res = _run(text)
    by = {s.text: s.speaker.name for s in res.statements}
    assert by.get("郭医生还好吗？") is None and by.get("她还能回来吗？") is None
    assert by.get("你不是一个人，你背后还有一支队伍。") is None
    assert by["用另外一种方式再回去。"] == "郭璐萍"
    assert "雪莲" not in by and by["她很想念他们。"] == "郭璐萍"


def test_heading_name_with_role_suffix_introduces_the_person() -> None:
    from tifalab.model import Paragraph

    text = "格桑德吉代表\n格桑德吉说，当地的办学条件越来越好。"
    paras = [
        Paragraph(index=0, text=text[:6], start=0, end=6, kind="heading"),
        Paragraph(index=1, text=text[7:], start=7, end=len(text), kind="body"),
    ]
    res = extract_statements(text, paras)
    assert [(s.speaker.name, s.text) for s in res.statements] == [("格桑德吉", "当地的办学条件越来越好。")]
    assert res.statements[0].speaker.role_suffix == "代表"


def test_quote_that_is_the_whole_object_of_the_verb() -> None:
    text = "美国商务部长罗斯宣称“中国发生疫情有助于加速制造业回流美国”。他提出“一带一路”倡议。"
    _, res = _run(text)
    assert [(s.speaker.name, s.text) for s in res.statements] == [("罗斯", "中国发生疫情有助于加速制造业回流美国")]


def test_closing_attribution_and_frames() -> None:
    text = ("标题\n他们来自荆州市妇幼保健院，一位是护士。荆北村党支部书记杨凡说。\n"
            "对行业主管部门来说，最好的方式是推出更多政策。\n"
            "新环保法立法亲历者之一、中国人民大学法学院周珂教授认为，新环保法有牙齿。\n")
    _, res = _run(text)
    got = [(s.speaker.name, s.kind, s.verb, s.text) for s in res.statements]
    assert ("杨凡", "indirect", "说", "他们来自荆州市妇幼保健院，一位是护士。") in got
    assert not any(t.startswith("最好的方式") for *_, t in got)  # 对…来说 is a frame
    zhou = next(s.speaker for s in res.statements if s.speaker.name == "周珂")
    assert [(a.organization, a.title) for a in zhou.affiliations] == [("中国人民大学法学院", "教授")]


def test_dialogue_answer_and_dictionary_adverbs() -> None:
    text = ("标题\n村支书李红兵来看望村民李红国。“红国，身体咋样？”李红国连忙回应：“身体好得很。”\n"
            "“你看，炸豆腐、鸡肉……”村民王新云逐一介绍，“以前，过年哪有这么丰盛。”\n")
    _, res = _run(text)
    by = {s.text: (s.speaker.name, s.verb) for s in res.statements}
    assert by["身体好得很。"] == ("李红国", "回应")
    assert by.get("红国，身体咋样？", (None, None))[0] != "李红国"  # he answers, he did not ask
    assert by["你看，炸豆腐、鸡肉……"] == ("王新云", "介绍")
    assert by["以前，过年哪有这么丰盛。"] == ("王新云", "介绍")


def test_signed_remark_without_quotation_marks() -> None:
    text = ("国际回声\n病毒是人类的共同敌人，我们应当团结一致、共同应对。\n"
            "——埃及《消息报》外交及阿拉伯事务部主任侯萨姆\n")
    _, res = _run(text)
    assert [(s.speaker.name, s.kind, s.verb, s.text) for s in res.statements] == [
        ("侯萨姆", "indirect", None, "病毒是人类的共同敌人，我们应当团结一致、共同应对。")
    ]


def test_split_quote_noun_intro_and_this_is_sentences() -> None:
    text = ("标题\n“每次面对选择，他考虑的从来不是自己。”县公安局局长朱勇说：“他身上总有一股钻劲儿。”\n"
            "王大娘的儿子说：“非得给那小子两巴掌。”朱勇赶紧说：“只要动手，怎么都亏。”\n"
            "隔着院门传来村支书李红兵的声音：“红国，身体咋样？中午想吃啥？”\n"
            "“人不能只顾自己，要多为别人想想。”这是村支书兰辉生前的话。\n"
            "“前进征程上，我们要坚持和平发展道路。”习近平总书记在大会上的重要讲话让世界振奋。\n")
    _, res = _run(text)
    by = {s.text: (s.speaker.name, s.verb) for s in res.statements}
    assert by["每次面对选择，他考虑的从来不是自己。"] == ("朱勇", "说")  # first half of a split quote
    assert by["他身上总有一股钻劲儿。"] == ("朱勇", "说")
    assert by.get("非得给那小子两巴掌。", (None, None))[0] != "朱勇"  # introduced by its own colon
    assert by["红国，身体咋样？中午想吃啥？"] == ("李红兵", None)  # …的声音：“…”
    assert by["人不能只顾自己，要多为别人想想。"] == ("兰辉", None)  # 这是X…的话
    assert by["前进征程上，我们要坚持和平发展道路。"] == ("习近平", None)  # name + title after it


def test_term_inside_adverbial_and_sentence_end_between_quote_and_verb() -> None:
    text = ("标题\n习近平总书记在“不忘初心、牢记使命”主题教育总结大会上强调：“只有坚持思想建党，不忘初心才能更加自觉。”\n"
            "“我们防控的是病毒，不是哪一类人。”来自索马里的留学生丁某说。酒店总监凯瑟琳·麦克纳布则表示：“我们现在很安全。”\n")
    _, res = _run(text)
    by = {s.text: (s.speaker.name, s.verb) for s in res.statements}
    assert by["只有坚持思想建党，不忘初心才能更加自觉。"] == ("习近平", "强调")
    assert by["我们现在很安全。"] == ("凯瑟琳·麦克纳布", "表示")
    # the quote before a finished sentence (…丁某说。) is not 麦克纳布's
    assert by.get("我们防控的是病毒，不是哪一类人。", (None, None))[0] != "凯瑟琳·麦克纳布"


def test_directives_take_an_addressee_without_comma_and_their_nouns_do_not() -> None:
    text = ("标题\n调研期间，中央纪委书记赵乐际到旧址参观，要求纪检监察干部继承弘扬党的优良传统。\n"
            "上海市工商联副主席周桐宇委员建议对失业人员强化社会保障。\n"
            "村党支部书记杨凡说，全村设党员志愿岗6处，号召党员积极参与防控。\n"
            "各地积极响应党中央号召，坚定信心。按照通知要求，各地开展检查。这项技术对精度要求非常高。\n")
    _, res = _run(text)
    got = [(s.speaker.name, s.verb, s.text) for s in res.statements]
    assert ("赵乐际", "要求", "纪检监察干部继承弘扬党的优良传统。") in got  # after a time frame
    assert ("周桐宇", "建议", "对失业人员强化社会保障。") in got
    assert [g for g in got if g[0] == "杨凡"] == [("杨凡", "说", "全村设党员志愿岗6处，号召党员积极参与防控。")]
    assert not any(v in ("号召", "要求") and n != "赵乐际" for n, v, _ in got)


def test_verbless_quote_not_given_to_a_person_named_as_an_object() -> None:
    text = ("标题\n2018年，她首次亮相大满贯正赛，虽然输给了法国名将科内特，但她对自己的职业之路更加坚定。"
            "“与高手比赛，我感觉差距不太大。”\n")
    _, res = _run(text)
    by = {s.text: s.speaker.name for s in res.statements}
    assert by.get("与高手比赛，我感觉差距不太大。") != "科内特"


def test_joint_subjects_names_and_quotes_introduced_by_their_own_verb() -> None:
    text = ("标题\n日本自民党干事长二阶俊博、公明党干事长齐藤铁夫、外相茂木敏充等党政要人表示敬意，认为中日两国应当携手抗疫。\n"
            "李克强同巴基斯坦总理伊姆兰·汗举行会谈。伊姆兰·汗祝贺新中国成立70周年。他表示，巴方愿同中方加快推进合作。\n"
            "奥地利总理库尔茨表示：“我们要求节省开支。”瑞典总理勒文说：“我们需要首先考虑增加国内投资。”\n"
            "“钟姐，我写了一份入党申请书，能帮我看看吗？”郑菲问楼上的邻居钟华琴。\n"
            "“卡口累，我去吧。”这是天津蓟州区司法局东赵各庄司法所所长王辉留给同事的最后一条微信。\n")
    _, res = _run(text)
    got = _pairs(res)
    for name in ("二阶俊博", "齐藤铁夫", "茂木敏充"):  # a listed subject: one statement each
        assert (name, "中日两国应当") in got
    assert ("伊姆兰·汗", "巴方愿同中方") in got  # a one-character last part
    assert ("勒文", "我们需要首先") in got and ("库尔茨", "我们需要首先") not in got
    assert ("郑菲", "钟姐，我写了") in got  # a bare name opening the clause after the quote
    assert ("王辉", "卡口累，我去") in got  # 这是 + a full mention


def test_listed_names_verbs_with_objects_and_long_frames() -> None:
    text = ("标题\n韩国总统文在寅表示，各国必须分享经验，必须跨越国界合作。\n"
            "外交部副部长马朝旭在论坛开幕式上提出建议：要把发展问题置于全球宏观政策框架的核心位置。\n"
            "“现在，最关键的问题就是把落实工作抓实抓细。”在2月3日召开的中共中央政治局常务委员会会议上，"
            "习近平总书记就疫情防控工作再次作出重要指示。\n")
    _, res = _run(text)
    got = {(s.speaker.name, s.verb, s.text[:6]) for s in res.statements}
    assert ("文在寅", "表示", "各国必须分享") in got  # person_names.txt
    assert ("马朝旭", "建议", "要把发展问题") in got  # 提出建议： -> 建议
    assert ("习近平", None, "现在，最关键") in got  # a long time frame before the subject


def test_poem_under_its_author_line() -> None:
    from tifalab.model import Paragraph

    lines = ["卜算子·咏梅", "陆 游（宋）", "驿外断桥边，寂寞开无主。", "无意苦争春，一任群芳妒。", "相比“争春”，梅花更重要的特点是“报春”，这是东湖梅园的名片。"]
    text = "\n".join(lines)
    paras, pos = [], 0
    for i, line in enumerate(lines):
        paras.append(Paragraph(index=i, text=line, start=pos, end=pos + len(line), kind="heading" if i < 2 else "body"))
        pos += len(line) + 1
    res = extract_statements(text, paras)
    poem = [s for s in res.statements if s.speaker.name == "陆游"]
    assert len(poem) == 1 and poem[0].verb is None and poem[0].kind == "direct"
    assert poem[0].text == "驿外断桥边，寂寞开无主。\n无意苦争春，一任群芳妒。"


def test_press_conference_forms_and_uyghur_names() -> None:
    text = ("标题\n国务院台办发言人马晓光16日在例行新闻发布会上应询表示，民进党当局单方面破坏两岸交流。\n"
            "马晓光介绍说，台湾海峡通道专题研讨会在福州召开。马晓光回应指出，赴台旅游同比大幅下降。\n"
            "警官艾合买提江·马木提也深深怀念着艾热提·马木提。艾合买提江对记者说，他每次都走在最前面。\n")
    _, res = _run(text)
    got = {(s.speaker.name, s.verb, s.text[:6]) for s in res.statements}
    assert ("马晓光", "表示", "民进党当局单") in got  # 应询 is an adverbial
    assert ("马晓光", "介绍", "台湾海峡通道") in got and ("马晓光", "指出", "赴台旅游同比") in got
    assert ("艾合买提江·马木提", "说", "他每次都走在") in got  # the first part of a Uyghur name


def test_junk_names_from_words_and_adverbs_are_refused() -> None:
    text = ("标题\n恩施州委书记柯俊语重心长地对驻村工作队讲：“最关键的还是人。”\n"
            "游客纷至沓来。“路漫漫其修远兮。”\n"
            "前总统老布什之子尼尔·布什表示，这是一个积极的倡议。\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("柯俊", "最关键的还是") in got  # 语重心长 is one adverb
    assert not any(n and n.startswith("纷至") for n, _ in got)
    nb = [s.speaker for s in res.statements if s.speaker.name == "尼尔·布什"]
    assert nb and nb[0].affiliations == []  # a kinship descriptor is no affiliation


def test_issuers_members_speaking_for_a_party_tibetan_names_and_pseudonyms() -> None:
    text = ("标题\n香港特区行政长官林郑月娥发表声明表示，欢迎全国人大通过有关决定。\n"
            "全国人大常委会委员长栗战书出席会议。栗战书委员长向大会报告工作。他指出，代表工作要加强。\n"
            "葛均波委员代表九三学社中央发言时说，科技领域作风建设任重道远。\n"
            "尼玛扎西委员发言说，西藏贫困人口全部脱贫。\n"
            "穆铁礼甫·哈斯木委员发言说，各族人民心连心。\n"
            "正如巴基斯坦正义运动党中央新闻书记艾哈迈德·贾瓦德所评价：“中国脱贫攻坚的成功源于制度优势。”\n"
            "10岁的小女孩在题为《致白衣天使》的信中写道：“白衣天使们非常勇敢。”\n"
            "25岁青年阿B（化名）向媒体表示：不会再上当。“我觉得大家应该共同抗疫。”他说。\n"
            "国新办举行吹风会，邀请人社部副部长汤涛介绍有关情况。“技能人才短缺。”汤涛说。\n"
            "日本天皇德仁表示，谨致以由衷祝贺。摩洛哥国王穆罕默德六世表示，中国取得辉煌成就。\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("林郑月娥", "欢迎全国人大") in got  # 发表声明: the issuer speaks; a listed name
    assert ("栗战书", "代表工作要加") in got  # 委员长 is a title; 向大会 is no name
    assert ("葛均波", "科技领域作风") in got  # 代表…发言时: the member, not the party
    assert ("尼玛扎西", "西藏贫困人口") in got  # tibetan_name_parts.txt
    assert ("穆铁礼甫·哈斯木", "各族人民心连") in got  # a title after a ·-name is no part of it
    assert ("艾哈迈德·贾瓦德", "中国脱贫攻坚") in got  # 正如X所评价
    assert all(s.speaker.name != "信中" for s in res.statements)  # a noun and a localizer
    assert ("阿B", "不会再上当。") in got and ("阿B", "我觉得大家应") in got  # a marked pseudonym
    assert ("德仁", "谨致以由衷祝") in got and ("穆罕默德六世", "中国取得辉煌") in got  # a monarch's number
    tang = next(s for s in res.statements if s.speaker.name == "汤涛")
    assert [(a.organization, a.title) for a in tang.speaker.affiliations] == [("人社部", "副部长")]


def test_verbless_quote_after_a_sentence_with_one_named_subject() -> None:
    text = ("标题\n长影乐团老艺术家穆铁来今年70岁。1971年底，20出头的穆铁来曾跟随乐团到大庆体验生活。"
            "“住的是干打垒，吃的是窝窝头，大家心里都热乎。”\n"
            "工人张玉星在工地干了一年。晚饭时张玉星突然接到一通紧急电话：“工地需要人手，你能来吗？”\n"
            "村医马素萍忙得顾不上吃饭。马素萍和女儿通话时说了几句。“妈，你放心吧。”“好，你也保重。”\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("穆铁来", "住的是干打垒") in got  # the narrated sentence's one named subject
    assert ("张玉星", "工地需要人手") not in got  # words heard on the phone are the caller's
    assert ("马素萍", "好，你也保重") not in got  # a run of lines: a dialogue


def test_bare_dotted_names_writers_and_adverbs_after_a_name() -> None:
    text = ("标题\n西尔维亚·施罗德是爱尔兰都柏林城市大学的德国籍教师。施罗德说：“坚强的武汉人民一定能战胜危机。”\n"
            "阿尔巴尼亚—中国文化协会会长斯巴修撰文表示，愿中国人民早日战胜疫情。\n"
            "中科院院士、数学与系统科学研究院原院长郭雷曾撰文回忆：吴文俊对中国数学的发展有独到见解。\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("西尔维亚·施罗德", "坚强的武汉人") in got  # a bare ·-name links its last part
    assert ("斯巴修", "愿中国人民早") in got  # 撰文 is the act of writing, no part of the name
    assert ("郭雷", "吴文俊对中国") in got  # 曾 is an adverb after the name
    text = ("标题\n国家主席习近平同乌兹别克斯坦总统米尔济约耶夫通电话。米尔济约耶夫表示，感谢中国的援助。\n"
            "中国铁路武汉局集团有限公司职工黄望明代表感慨万千：“斗罢艰险再出发！”\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("米尔济约耶夫", "感谢中国的援") in got  # a 6-character run before 通电话
    assert ("黄望明", "斗罢艰险再出") in got  # 明代 is a word, but 代表 follows the name
    text = ("标题\n胡豫委员分享了他100多天战“疫”的感想：中国共产党的领导是取得胜利的根本保障。\n"
            "东盟决定加强信息、经验和方案分享。声明说，东盟各国应齐心协力。\n")
    _, res = _run(text)
    got = {(s.speaker.name, s.verb, s.text[:6]) for s in res.statements}
    assert ("胡豫", "分享", "中国共产党的") in got  # an opinion named as the object, then a colon
    text = "标题\n国务院副总理孙春兰出席会议。\n孙春兰特别指出，今天是大年除夕，要向医务工作者致以问候！\n"
    _, res = _run(text)
    assert [(s.speaker.name, s.verb) for s in res.statements] == [("孙春兰", "指出")]  # 兰特 is a word, but 孙春兰 is known
    assert all(s.verb != "分享" for s in res.statements if s.speaker.name != "胡豫")


def test_names_joined_by_a_dash_adverbs_and_verbs_of_learning() -> None:
    text = ("标题\n墨西哥卫生部副部长洛佩斯—加特尔警告说，一些工厂继续经营，导致疫情更严重。\n"
            "古巴国务委员会主席迪亚斯—卡内尔专门在社交媒体上发文表示，中国为他颁发勋章是对他的认可。\n"
            "美国总统特朗普与伊拉克总理阿卜杜勒—迈赫迪通电话。阿卜杜勒—迈赫迪说，这是对伊拉克主权的侵犯。\n"
            "加纳国防部长尼提乌代表阿库福—阿多总统致以热烈祝贺。尼提乌指出，加中两国贸易合作持续增长。\n"
            "“中国—东盟关系很好。”他说。\n")
    _, res = _run(text)
    got = _pairs(res)
    # the dash stands for the dot of a transliterated name; names and texts are kept as written
    assert ("洛佩斯—加特尔", "一些工厂继续") in got
    assert ("迪亚斯—卡内尔", "中国为他颁发") in got  # 专门 is an adverb, not a part of the name
    assert ("阿卜杜勒—迈赫迪", "这是对伊拉克") in got  # 通 starts 通电话
    assert ("尼提乌", "加中两国贸易") in got  # 代表 is no part of a ·-name
    assert all(text[s.start : s.end] == s.text for s in res.statements)
    assert any(s.text.startswith("中国—东盟") for s in res.statements)  # no name there: kept as written
    text = "标题\n得知古巴共产党中央委员会第一书记劳尔·卡斯特罗来访，他很高兴。劳尔·卡斯特罗表示，希望双方加强合作。\n"
    _, res = _run(text)
    sp = next(s.speaker for s in res.statements if s.speaker.name == "劳尔·卡斯特罗")
    assert [(a.organization, a.title) for a in sp.affiliations] == [("古巴共产党中央委员会", "第一书记")]


def test_appositions_dates_short_forms_and_verbs_with_dao() -> None:
    text = ("标题\n“对于小微企业来说，借到第一笔钱可真难。”中关村一家民营高科技企业——韵动体感科技有限公司负责人刘一良感慨道。\n"
            "美国国防部长埃斯珀2019年12月31日宣布，美国将立即向中东地区增兵约750人。\n"
            "梯田层层，冬云低垂，晏昌平手握剪刀，在桑园里忙着修枝剪杈。\n"
            "“搁以前，我自己孵蚕籽，得拔根白鸡毛。”老晏感慨道，“现如今，小蚕成活率有保障！”\n"
            "陈涛问，怎么回事？\n兑现党和政府对人民的承诺，没有退路！\n")
    _, res = _run(text)
    got = {(s.speaker.name, s.verb, s.text[:6]) for s in res.statements}
    assert ("刘一良", "感慨", "对于小微企业") in got  # a descriptor in apposition before the speaker
    assert ("埃斯珀", "宣布", "美国将立即向") in got  # a date with its year between name and verb
    assert ("晏昌平", "感慨", "搁以前，我自") in got  # 老晏: the surname of the one person named so
    assert ("晏昌平", "感慨", "现如今，小蚕") in got
    assert ("陈涛", "问", "怎么回事？") in got
    assert not any(s.verb == "承诺" for s in res.statements)  # …的承诺: the verb's noun


def test_verbless_quotes_after_a_gesture_and_after_a_clause_of_their_speaker() -> None:
    text = ("标题\n梯田层层，晏昌平手握剪刀，在桑园里忙着修枝剪杈。\n"
            "天气寒冷，老晏心里很热乎，“种桑养蚕一辈子，一想就来劲儿！”\n"
            "更让老晏开心的是，俩闺女都考上了大学。“早几年哪敢想，养蚕还能供两个娃上大学。”老晏眉开眼笑，“新年新气象，我买了俩红灯笼。”\n"
            "44岁的钱珊英是湖北天门市蒋湖农场人。\n"
            "“很多地方医务人员紧缺，我却不能出力，这怎么行？”钱珊英在家里坐立难安，“身在湖北，请求就近支援。”\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("晏昌平", "种桑养蚕一辈") in got  # the clause before the quote has him as subject
    assert ("晏昌平", "早几年哪敢想") in got  # 老晏 as subject right after the quote
    assert ("晏昌平", "新年新气象，") in got  # the second half, split by his gesture
    assert ("钱珊英", "身在湖北，请") in got


def test_names_that_a_word_runs_across() -> None:
    text = ("标题\n日本众议员近藤昭一多年来连续参加活动，他说：“中国春节祭为日本民众提供了窗口。”\n"
            "美国国防部长埃斯珀2019年12月31日宣布增兵。埃斯珀是在社交媒体上宣布这一决定的。他说，已授权美军部署。\n"
            "凉泉村村主任何明军乐开了花。他告诉记者，如今村里走上脱贫致富路。\n何明军说，这是大家的功劳。\n"
            "泰国前副总理披尼·扎禄颂巴对此印象深刻。他表示，中国人民的爱国主义精神令人赞叹。\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("近藤昭一", "中国春节祭为") in got  # 一多 is a word, but 多年 starts after the name
    assert ("埃斯珀", "已授权美军部") in got  # 珀 is a transliteration character
    assert ("何明军", "如今村里走上") in got  # 军乐 is a word, but 何明军 stands alone elsewhere
    assert ("披尼·扎禄颂巴", "中国人民的爱") in got
    sp = next(s.speaker for s in res.statements if s.speaker.name == "何明军")
    assert [(a.organization, a.title) for a in sp.affiliations] == [("凉泉村", "村主任")]


def test_a_quote_closing_an_indirect_statement_is_the_speakers() -> None:
    text = ("标题\n联合国南南合作办公室主任切迪克认为，中国的精准扶贫政策为世界提供了范例，“中国对全球消除贫困作出了巨大贡献”。\n"
            "李文说，最怕的是对家人的挂念，“但肩上的责任又令我们一定要坚持下去”。\n"
            "王毅表示，要推动共建“一带一路”。张三说，这是“十四五”。\n")
    _, res = _run(text)
    got = {(s.speaker.name, s.kind, s.text[:6]) for s in res.statements}
    assert ("切迪克", "direct", "中国对全球消") in got
    assert ("李文", "direct", "但肩上的责任") in got
    # a term inside the clause, or a short one closing it, stays a term
    assert {t.text for t in res.term_quotes} >= {"一带一路", "十四五"}


def test_media_and_visits_between_a_name_and_its_verb() -> None:
    text = ("标题\n意大利前驻华大使白达宁在意大利《宣言报》撰文说，中国展现出了负责任的态度。\n"
            "日本商工会议所会头三村明夫近日表示，当前日本劳动人口不足问题日趋严重。\n"
            "唐代诗人杜牧在《赤壁》写道：“折戟沉沙铁未销，自将磨洗认前朝”，我们不妨触摸历史。\n"
            "校长张伟参观后感慨道，先祖们早在4000多年前就建造起了房子。\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("白达宁", "中国展现出了") in got  # 在《宣言报》: the medium
    assert ("三村明夫", "当前日本劳动") in got  # 会头 is a title
    assert ("杜牧", "折戟沉沙铁未") in got
    assert ("张伟", "先祖们早在4") in got  # 参观后: an occasion


def test_persons_introduced_by_age_or_origin_and_other_subjects_after_a_quote() -> None:
    text = ("标题\n59岁的王贵武曾在部队服役，后来经营着一个家庭农场。“起初我只是承包山林种点脐橙，后来慢慢搞起了农家乐。”\n"
            "来自黑龙江的谢方明，专门来到北京展览馆看展。他站在展板下方，仔细查看着。“平时看病买药我都带着社保卡。”\n"
            "今年72岁的朱茂锦是议事厅里的积极分子。\n“他呀，就爱管闲事儿。”老伴儿笑着插话。\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("王贵武", "起初我只是承") in got
    assert ("谢方明", "平时看病买药") in got
    assert all(s.speaker.name != "朱茂锦" for s in res.statements)  # 老伴儿 is the subject after it


def test_a_colon_after_another_persons_sentence_ends_a_continuation() -> None:
    text = ("标题\n“我们要一起脱贫致富。”合作社理事长吴承云说。工人们多的每年能拿到4万多元。"
            "贫困户余莲娇止不住内心的喜悦：“在合作社干，我们2016年就脱贫了！”\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("余莲娇", "在合作社干，") in got and ("吴承云", "在合作社干，") not in got


def test_a_noun_of_speech_before_a_dash_introduces_a_quote() -> None:
    text = ("标题\n联合国开发计划署驻华代表罗世礼说：“我们需要新的平台。”"
            "这是南非驻华大使多拉娜·姆西曼的感受——“我从对中国的观察了解中，加深了认识。”\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("多拉娜·姆西曼", "我从对中国的") in got


def test_verbless_quotes_of_a_profile_go_to_the_profiled_person() -> None:
    text = ("万向集团公司董事长鲁伟鼎——\n“跳出小我，为社会做更大贡献”（优秀建设者）\n"
            "眼前的鲁伟鼎衣着朴素，言语温和。\n鲁伟鼎接过万向集团的班，并非易事。\n"
            "“无论万向走到世界的哪一个角落，听党话跟党走，是我们永远不变的信念。”\n"
            "“妈妈，你今天打败了几个病毒？”\n")
    text = normalize(text)
    paras = split_paragraphs(text)
    for para in paras[:2]:
        para.kind = "title"  # the kicker and the headline
    res = extract_statements(text, paras)
    got = {(s.speaker.name, s.via, s.text[:6]) for s in res.statements}
    assert (("鲁伟鼎", "context", "无论万向走到")) in got
    assert all(s.speaker.name is None for s in res.statements if s.text.startswith("妈妈"))  # an address to someone


def test_verbs_before_a_colon_with_their_objects() -> None:
    text = ("标题\n村党支部书记王春华感慨良多：以前村集体没收入，村两委号召力不强。\n"
            "世卫组织总干事谭德塞出席会议。为此，谭德塞向成员提出3点关键请求：详细分享信息、不要限制人员往来。\n"
            "南昌县委书记胡晓海首先发言：我们要培育新动能，突出创新引领。\n代表们踊跃发言，气氛热烈。\n")
    _, res = _run(text)
    got = {(s.speaker.name, s.verb, s.text[:6]) for s in res.statements}
    assert ("王春华", "感慨", "以前村集体没") in got
    assert ("谭德塞", "提出", "详细分享信息") in got  # 向成员: the ones spoken to
    assert ("胡晓海", "发言", "我们要培育新") in got
    assert not any(s.text.startswith("气氛热烈") for s in res.statements)  # 发言 only before a colon


def test_countries_are_no_persons_and_meetings_no_speakers() -> None:
    text = ("标题\n华盛顿与巴格达之间关系裂痕进一步加深，伊拉克要求美军撤离的声音越来越大。\n"
            "习近平总书记参加政协经济界委员联组会指出，“我国经济潜力足、韧性强的基本特点没有变”。\n")
    _, res = _run(text)
    assert all(s.speaker.name != "伊拉克" for s in res.statements)
    got = _pairs(res)
    assert ("习近平", "我国经济潜力") in got


def test_frames_with_terms_occasions_and_abstract_objects() -> None:
    text = ("标题\n“全党要以这次主题教育为新的起点，不断深化党的自我革命。”在“不忘初心、牢记使命”主题教育总结大会上，"
            "习近平总书记发表重要讲话。\n"
            "习近平总书记在参加他所在的十三届全国人大二次会议内蒙古代表团审议时强调，保持加强生态文明建设的战略定力。\n"
            "习近平总书记深刻指出领导机关和领导干部在党和国家事业发展中的重要作用。\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("习近平", "全党要以这次") in got  # a frame holding a term, then the subject
    assert ("习近平", "保持加强生态") in got  # 在参加他所在的…时: one occasion
    assert not any(s.text.startswith("领导机关和领") for s in res.statements)  # 指出 + an abstract object


def test_scenes_between_quotes_and_subjects_after_a_frame() -> None:
    text = ("标题\n一路上，向导马军一边开车，一边向我们介绍着：“你们看山坡上那些房子，以前都是有人住的。”\n"
            "全国人大代表、五里墩村党支部书记王银香一直忙着撰写议案。2018年3月8日，习近平总书记参加山东代表团审议时，"
            "强调要扎扎实实把乡村振兴战略实施好。“总书记的话言犹在耳。”王银香现场聆听了总书记的重要讲话，“我们围绕五个振兴干。”\n"
            "里约市民乌塔在观看了表演后说：“舞蹈动作细腻。”乌塔对古典舞蹈《踏春》印象深刻，“舞者的动作优美极了。”\n")
    _, res = _run(text)
    got = _pairs(res)
    assert ("马军", "你们看山坡上") in got  # 介绍着, the subject after a short frame
    assert ("王银香", "总书记的话言") in got and ("王银香", "我们围绕五个") in got
    assert ("习近平", "要扎扎实实把") in got
    assert not any(s.text.startswith("要扎扎实实") and "言犹在耳" in s.text for s in res.statements)
    assert ("乌塔", "舞者的动作优") in got


def test_a_short_form_with_no_full_name_is_the_persons_name() -> None:
    text = ("标题\n“看似是个小细节，但很重要。”老王说。\n老师说，要学会垃圾分类。\n")
    _, res = _run(text)
    got = {(s.speaker.name, s.via, s.text[:6]) for s in res.statements}
    assert ("老王", "name", "看似是个小细") in got  # as the annotators record 老王, 田大妈, 俞医师
    assert all(s.speaker.name != "老师" for s in res.statements)  # 老师 is a word, no name


def test_a_bare_transliterated_name_of_four_or_more_characters_speaks() -> None:
    # no title before it, no dictionary word, no area: 图阿劳勒雷说 names a person
    text = "“据我所知，所有在华萨摩亚学生都安全健康。”图阿劳勒雷说，校方每天向学生供应三餐。"
    res = extract_statements(text, split_paragraphs(text))
    assert [(s.speaker.name, s.kind) for s in res.statements] == [("图阿劳勒雷", "direct"), ("图阿劳勒雷", "indirect")]
    text = "“我们支持这个项目。”马达加斯加说。"
    res = extract_statements(text, split_paragraphs(text))
    assert all(s.speaker.name != "马达加斯加" for s in res.statements)


def test_a_first_half_with_a_comma_before_a_speaker_who_opens_another_quote() -> None:
    # “A”，X表示：“B”: both halves are X's
    _text, res = _run("　　“事实证明，中国的疫情防控取得了巨大成功”，尼日利亚驻华大使巴巴·艾哈迈德·吉达日前在接受"
                      "本报记者采访时表示：“中国政府采取严格的防控措施，中国人民作出了巨大牺牲。”")
    assert [(s.speaker.name, s.kind, s.text[:4]) for s in res.statements] == [
        ("巴巴·艾哈迈德·吉达", "direct", "事实证明"), ("巴巴·艾哈迈德·吉达", "direct", "中国政府")]


def test_a_parenthesis_inside_a_unit_name_and_an_adverb_glued_to_a_four_character_reading() -> None:
    _text, res = _run("“我们研发出多款产品。”中译语通科技（陕西）有限公司公共关系事业部总监吴军说。")
    sp = res.statements[0].speaker
    assert (sp.name, [(a.organization, a.title) for a in sp.affiliations]) == (
        "吴军", [("中译语通科技（陕西）有限公司公共关系事业部", "总监")])
    _text, res = _run("“我们十分荣幸。”蔡伟泉兴奋地说。")  # 兴奋 is a word: the name is 蔡伟泉
    assert [s.speaker.name for s in res.statements] == ["蔡伟泉"]
    # a pseudonym mark stays a mark (阿B（化名）向媒体表示)
    _text, res = _run("对此，25岁青年阿B（化名）向媒体表示：不会再上当。")
    assert [s.speaker.name for s in res.statements] == ["阿B"]


def test_false_names_out_of_units_adverbs_and_time_clauses() -> None:
    # 庙坝镇长|乐村党总支书记杨帮武: a village's party branch after 镇长, no person 乐村党
    _text, res = _run("“一公开就好办。”这是全国人大代表、庙坝镇长乐村党总支书记杨帮武的体会。")
    assert "乐村党" not in {s.speaker.name for s in res.statements}
    # 当老师时|给自己: 给 is no name character; 董老|曾嘱咐: a short form and an adverb
    _text, res = _run("“不负三尺讲台”，是顾昌华22岁当老师时给自己提的要求。“三分栽、七分管，一次责任心不到位，杂菌就来了。”")
    assert "时给" not in {s.speaker.name for s in res.statements}
    _text, res = _run("袁英说，董老曾嘱咐身边的工作人员：不许以他的名义在任何部门搞特殊化活动。")
    assert "董老曾" not in {s.speaker.name for s in res.statements}
    # …外长库雷希代表巴政府强调: the person speaks for the government
    _text, res = _run("巴基斯坦外长库雷希代表巴政府强调，在此困难时刻，巴基斯坦人民将坚定地与中国人民站在一起。")
    assert [s.speaker.name for s in res.statements] == ["库雷希"]


def test_a_belief_inside_the_same_speakers_running_statement_is_part_of_it() -> None:
    _text, res = _run("　　科特迪瓦卫生部长阿卡表示，赞赏中方采取迅速举措，相信中国政府和人民一定能够团结一心，战胜疫情。")
    assert [(s.speaker.name, s.verb) for s in res.statements] == [("阿卡", "表示")]
    # 强调 after a comma stays a statement of its own, as the annotators count it
    _text, res = _run("　　部长王强表示，中方采取迅速举措，强调各方要团结一心。")
    assert [(s.speaker.name, s.verb) for s in res.statements] == [("王强", "表示"), ("王强", "强调")]


def test_a_plural_pronoun_after_a_sentence_that_names_a_pair() -> None:
    _text, res = _run(
        "　　报纸日前发表由集团总裁安德鲁·福雷斯特和首席执行官伊丽莎白·盖恩斯共同撰写的署名文章。他们在文章中说，"
        "中国采取了强有力的防控措施。他们表示，中国需要国际社会的理解与支持。“我们相信，中国一定能战胜疫情。”"
    )
    got = sorted(((s.speaker.name, s.verb, s.via, s.text[:4]) for s in res.statements), key=str)
    assert got == sorted((
        (n, v, via, t) for n in ("安德鲁·福雷斯特", "伊丽莎白·盖恩斯")
        for v, via, t in (("说", "pronoun", "中国采取"), ("表示", "pronoun", "中国需要"), (None, "continuation", "我们相信"))
    ), key=str)
    # another person between them breaks the chain; nobody named before: a group as before
    _text, res = _run("　　他们表示，中国需要国际社会的理解与支持。")
    assert [(s.speaker.name, s.via) for s in res.statements] == [(None, "collective")]


def test_an_addressee_before_a_quote_and_manner_words_before_the_verb() -> None:
    # 郑重提醒大家，“…”: the ones addressed, then the quote; 郑重 is a manner word
    _text, res = _run("　　这是总书记再三强调的一件事。习近平总书记一一分析国内外的防疫形势，郑重提醒大家，“针尖大的窟窿能漏过斗大的风”。")
    assert [(s.speaker.name, s.verb, s.kind) for s in res.statements] == [("习近平", "提醒", "direct")]
    # 要求特别高: a standard, no directive
    _text, res = _run("　　1997年，郭东明院士开展研究时发现，对于性能要求特别高的一类零件，仅依据几何尺寸加工，性能往往无法达到要求。")
    assert [s.verb for s in res.statements] == []


def test_a_unit_name_between_a_title_and_the_persons_title_is_no_person() -> None:
    # 上海市公安局长宁分局法制支队副支队长侯晓燕: 局长 + 宁分局 is no person, 侯晓燕 speaks
    _text, res = _run("　　上海市公安局长宁分局法制支队副支队长侯晓燕当时正在与法治信息员进行讨论，至今仍感慨万千，"
                      "“通过基层立法联系点，我们就可以把意见和建议提交上去。”")
    assert [s.speaker.name for s in res.statements] == ["侯晓燕"]
    # a clause between two persons (…医师陈垚匆匆找到…书记陈时洪) or a preposition (…总理李克强在青海省委
    # 书记王建军…陪同下) keeps the first person
    _text, res = _run("　　国务院总理李克强在青海省委书记王建军陪同下考察，强调要做好民生保障工作。")
    assert [s.speaker.name for s in res.statements] == ["李克强"]


def test_objects_before_a_colon_manner_words_and_role_nouns_in_jia_or_ren() -> None:
    cases = [
        ("　　81岁的长影乐团中提琴演奏家曲宪章先生说：“用这样新颖有趣的演出形式让孩子们欣赏交响乐，效果特别好。”", "曲宪章", "说"),
        ("　　当时，王丰华微笑着说：“别急，肯定会做到。”", "王丰华", "说"),
        ("　　面对湖北代表团的代表们，习近平再一次强调：“武汉不愧为英雄的城市。”", "习近平", "强调"),
        ("　　阎志代表说到今天的湖北景象：“那个有活力的大武汉又回来了！”", "阎志", "说"),
        ("　　子贡问曰：“有一言而可以终身行之者乎？”孔子答曰：“其恕乎！”", "孔子", "答"),
    ]
    for text, name, verb in cases:
        _text, res = _run(text)
        assert (res.statements[-1].speaker.name, res.statements[-1].verb) == (name, verb), text
    # 发言 reports only before its own colon: …谭德塞在大会发言中指出：“…” is 指出's
    _text, res = _run("　　世卫组织总干事谭德塞在大会发言中指出：“当团结战胜意识形态时，一切皆有可能。”")
    assert [(s.speaker.name, s.verb) for s in res.statements] == [("谭德塞", "指出")]
    # 把 inside a candidate: no speaker (回家把决定|告诉了妻子)
    _text, res = _run("　　回家把决定告诉了妻子和父母：“疫情如军令。”")
    assert all(s.speaker.name != "回家把决定" for s in res.statements)


def test_a_deputy_named_by_name_and_role_suffix_is_known_to_pronouns() -> None:
    _text, res = _run("　　应勇代表说，总书记多次要求各地搭把手。\n　　禹诚代表转述了一位社区老人的话。她告诉总书记：“我们给社区群众送去的不只是一条鱼。”")
    assert [(s.speaker.name, s.via) for s in res.statements][-1] == ("禹诚", "pronoun")


def test_names_with_he_or_you_after_a_title_and_frames_of_a_report_or_an_article() -> None:
    _text, res = _run("　　国务委员兼国防部长魏凤和会见外宾。魏凤和说，两军关系取得长足进步。")
    assert [s.speaker.name for s in res.statements] == ["魏凤和"]
    _text, res = _run("　　中央军委副主席张又侠指出，习主席对军队政法工作高度重视。")
    assert [s.speaker.name for s in res.statements] == ["张又侠"]
    # 代表…作工作报告时 and 在媒体撰文 between the name and the verb
    _text, res = _run("　　最高人民法院院长周强代表最高人民法院作工作报告时说，2019年，最高人民法院坚持依法履职。")
    assert [s.speaker.name for s in res.statements] == ["周强"]
    _text, res = _run("　　全国政协文化文史和学习委员会副主任叶小文日前在媒体撰文指出，社会治理要重视德治。")
    assert [s.speaker.name for s in res.statements] == ["叶小文"]


def test_the_audience_addressed_and_times_of_a_game_between_name_and_verb() -> None:
    _text, res = _run("　　国务院新闻办公室对外推广局局长张雁彬向现场嘉宾介绍，该纪录片通过一系列鲜活的故事展现中国。")
    assert [s.speaker.name for s in res.statements] == ["张雁彬"]
    _text, res = _run("　　“相信比赛会进行得比较激烈。”中国棋手时越赛前预测。")
    assert [(s.speaker.name, s.verb) for s in res.statements] == [("时越", "预测")]


def test_the_one_told_before_said_or_a_colon_is_no_part_of_the_words() -> None:
    _text, res = _run("　　国务院总理李克强察看现场，叮嘱有关部门和地方负责人说，各地要举一反三，认真排查整治安全隐患。")
    assert [(s.speaker.name, s.verb, s.text[:4]) for s in res.statements] == [("李克强", "叮嘱", "各地要举")]
    _text, res = _run("　　回到病房，护士长匡雅娟告诉他：我推不动你，下回检查得自己走着去。")
    assert [(s.speaker.name, s.text[:4]) for s in res.statements] == [("匡雅娟", "我推不动")]
    # 问 inside a word, or 才知道 after the one asked: no words reported
    _text, res = _run("　　中国农业大学农民问题研究所所长朱启臻说，近年来教育投入增加。")
    assert [s.speaker.name for s in res.statements] == ["朱启臻"]
    _text, res = _run("　　谢云军问了村支书才知道，经济条件好了，一些村干部的子女在城里买了房。")
    assert res.statements == [] or all(s.speaker.name != "谢云军" for s in res.statements)


def test_a_verbless_quote_after_a_colon_goes_to_the_person_who_opens_that_clause() -> None:
    _text, res = _run("　　尚杰正要和他商量运费，青岛全科运物流公司经理李庚锋一摆手：“给武汉送防护用品，不要钱。”")
    assert [(s.speaker.name, s.via) for s in res.statements] == [("李庚锋", "context")]
    # another known person in that clause: nobody
    _text, res = _run("　　经理李庚锋和司机王大海一摆手：“给武汉送防护用品，不要钱。”")
    assert all(s.speaker.name is None for s in res.statements)


def test_the_noun_jiang_hua_takes_no_object_before_the_speakers_colon() -> None:
    _text, res = _run("　　“创新发展理念首要的是创新。”在会场聆听总书记讲话的李林感慨：“总书记很早就已经清楚看到自主创新的重要性。”")
    assert [s.speaker.name for s in res.statements][-1] == "李林"


def test_the_one_a_cause_makes_speak() -> None:
    _text, res = _run("　　巴西著名跳远教练内里奥·莫拉训练过很多选手。疫情期间，莫拉正带领运动员训练，形势的不断变化让他感慨："
                      "“最大的挑战实际上是一种不确定性。”")
    assert [(s.speaker.name, s.via) for s in res.statements][-1] == ("内里奥·莫拉", "pronoun")


def test_he_after_a_later_speakers_bare_name_in_his_own_paragraph() -> None:
    _text, res = _run("　　枝江市委书记刘丰雷说，设施城镇化正在实现。\n　　今年除夕，王雷可以回家过年了。他说：“现在村组织坚强有力。”"
                      "\n　　王雷说，村里办起了工厂。")
    assert [(s.speaker.name, s.via) for s in res.statements if s.text.startswith("现在")] == [("王雷", "pronoun")]
