"""Regenerate tifalab's notebooks from one place (no outputs, one cell tagged parameters).

The .ipynb files are what researchers open and edit in JupyterLab; this script is how the
project keeps their structure consistent. Run: .venv/bin/python scripts/make_notebooks.py
"""
from pathlib import Path

import nbformat as nbf

OUT = Path(__file__).resolve().parents[1] / "notebooks"
KS = {"kernelspec": {"display_name": "Python (tifalab)", "language": "python", "name": "tifalab"},
      "language_info": {"name": "python"}}

def nb(cells):
    n = nbf.v4.new_notebook(metadata=KS)
    out = []
    for kind, src, *tags in cells:
        c = nbf.v4.new_markdown_cell(src) if kind == "md" else nbf.v4.new_code_cell(src)
        if tags:
            c.metadata["tags"] = tags[0]
        out.append(c)
    n.cells = out
    return n

SETUP = """import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from tifalab import analysis, charts, views
from tifalab.plotting import use_chinese_font

use_chinese_font()
tables = analysis.load_tables(tables_dir)
manifest = analysis.load_manifest(tables_dir)"""

notebooks = {}

notebooks["article"] = nb([
    ("md", "# 单篇文章 · One article\nMetadata, the text with everything tifalab extracted marked in colour, and the speakers and statements tables."),
    ("code", "# Parameters (papermill injects values here)\ntables_dir = '../reports/tables/samples'  # a folder written by `tifalab build`\narticle_id = None  # None: the article with the most statements", ["parameters"]),
    ("code", SETUP),
    ("code", "art = analysis.pick_article(tables, article_id)\ndisplay(Markdown(charts.article_header(art)))"),
    ("md", "## Annotated text\nHover a marked span to see what was extracted."),
    ("code", "views.show_html(views.article_html(tables, art['article_id']))"),
    ("md", "## Speakers"),
    ("code", "sp = tables['speakers'][tables['speakers']['article_id'] == art['article_id']]\nviews.show(sp[['name', 'kind', 'area', 'organization', 'title', 'affiliations', 'rank', 'n_statements']], caption='One row per speaker of this article')"),
    ("md", "## Statements"),
    ("code", "st = tables['statements'][tables['statements']['article_id'] == art['article_id']]\nviews.show(st[['statement', 'paragraph', 'kind', 'via', 'speaker_name', 'verb', 'n_chars', 'text']], caption='Direct and indirect statements, in text order')"),
    ("md", "## Paragraph lengths"),
    ("code", "fig = charts.paragraph_lengths(tables, art['article_id'])\nplt.show()"),
    ("md", "## Slogans, numbers and bylines"),
    ("code", "for name, cols, cap in charts.ARTICLE_TABLES:\n    df = tables[name][tables[name]['article_id'] == art['article_id']]\n    views.show(df[cols], caption=cap)"),
])

notebooks["corpus_overview"] = nb([
    ("md", "# 语料概览 · Corpus overview\nSize, dates, papers and pages, bylines, failures and stubs."),
    ("code", "# Parameters\ntables_dir = '../reports/tables/samples'", ["parameters"]),
    ("code", SETUP),
    ("code", "views.show(charts.overview_counts(tables, manifest), caption='What the build produced')"),
    ("md", "## Articles over time"),
    ("code", "fig = charts.articles_over_time(tables['articles'])\nplt.show()"),
    ("md", "## Papers and pages"),
    ("code", "views.show(analysis.counts_by(tables['articles'], ['paper', 'page']).head(40), caption='Articles per paper and page')"),
    ("md", "## Bylines"),
    ("code", "views.show(analysis.counts_by(tables['bylines'], ['role', 'name']).head(30), caption='Most frequent bylines (reporters, photographers, editors)')"),
    ("md", "## Failures and stubs\nEvery input is either parsed or listed here with its reason."),
    ("code", "views.show(tables['failures'], caption='Inputs that failed, with the reason')\nviews.show(tables['articles'][tables['articles']['is_stub']][['article_id', 'source', 'title', 'n_chars']], caption='Stub articles (广告, 图片报道, page labels): kept and flagged')"),
])

notebooks["formulations"] = nb([
    ("md", "# 提法 · Official formulations\nTop formulations and themes, density, comparison across groups, keyness, KWIC, co-occurrence and trends."),
    ("code", "# Parameters\ntables_dir = '../reports/tables/samples'\ngroup_by = 'district'  # district | speaker_rank | speaker_kind | paper | month | year | page\ntarget_group = None  # keyness: this group against all others (None: the largest group)\nkwic_terms = ['高质量发展', '营商环境', '招商引资']\ntop_n = 20\ncooc_unit = 'paragraph'  # paragraph | statement | article\nkwic_window = 20\ndiscovery_min_count = 3  # candidate formulations: minimum occurrences\ndiscovery_max_chars = 2_000_000  # thin the body text evenly above this many characters", ["parameters"]),
    ("code", SETUP + "\nf = analysis.formulations_in_context(tables)\n_ = analysis.check_group_by(group_by, f)"),
    ("md", "## Top formulations"),
    ("code", "top = analysis.top_terms(f, top_n)\nviews.show(top, caption=f'Top {top_n} 提法: hits and number of articles')\nfig = charts.barh(top, 'term', 'count', f'Top {top_n} 提法 (hits in all paragraphs)', '次数 hits')\nplt.show()"),
    ("md", "## Themes"),
    ("code", "th = analysis.theme_counts(f)\nviews.show(th, caption='Hits per theme (a term with two themes counts for both)')\nfig = charts.barh(th, 'theme', 'count', '主题 Themes of matched 提法', '次数 hits')\nplt.show()"),
    ("md", "## Density\nShare of tokens that are formulations, per article (the matched terms are in the formulations table)."),
    ("code", "dens = charts.article_density(tables, min_tokens=100 if len(tables['articles']) > 1 else 0)\nviews.show(dens.head(30), caption='Formulation density per article: formulation tokens / all tokens (articles of at least 100 tokens)')"),
    ("md", "## Comparison across groups"),
    ("code", "cmp = analysis.compare_groups(f.dropna(subset=[group_by]), group_by, top=15)\nviews.show(cmp.reset_index(), caption=f'Hits of the top 15 提法 by {group_by} (inside attributed statements where the group is a speaker field)')\nfig = charts.heatmap(cmp, f'提法 × {group_by}')\nplt.show()"),
    ("md", "## Keyness\nLog-likelihood G² (signed: positive = over-used by the target group) and log ratio effect size."),
    ("code", "tg = target_group or charts.largest_group(f, group_by)\nif tg is None:\n    display(Markdown(f'No values for {group_by}: keyness skipped.'))\nelse:\n    key = analysis.keyness_by_group(f, group_by, tg)\n    views.show(key.head(20), caption=f'Keyness of {group_by} = {tg} against all other groups')"),
    ("md", "## Keyword in context"),
    ("code", "views.show(analysis.kwic(tables['paragraphs'], kwic_terms, window=kwic_window), caption=f'KWIC for {kwic_terms}')"),
    ("md", "## Co-occurrence network"),
    ("code", "co = analysis.cooccurrence(f, unit=cooc_unit, min_count=1 if len(tables['articles']) < 5 else 2)\nviews.show(co, caption=f'提法 pairs in the same {cooc_unit} (Jaccard = shared units / units with either)')\nfig = charts.network(co, f'提法 co-occurrence per {cooc_unit}')\nplt.show()"),
    ("md", "## Candidate new formulations\nMultiword strings the lexicon lacks, ranked by frequency, mutual information and boundary entropy: material to grow the lexicon (add accepted ones to your own lexicon file and pass it with `--formulations`)."),
    ("code", "cand = charts.new_formulation_candidates(tables, min_count=discovery_min_count, top=30, max_chars=discovery_max_chars)\nviews.show(cand, caption=f'Candidates not in the lexicon (score combines PMI and the smaller boundary entropy; body text thinned evenly to at most {discovery_max_chars:,} characters)')"),
    ("md", "## Trends over time"),
    ("code", "tr = analysis.trend(f, tables['articles'])\nif tr.empty or tr['month'].nunique() < 2:\n    display(Markdown('Fewer than two months with dates: no trend to draw.'))\nelse:\n    fig = charts.lines(tr, 'month', 'per_100_articles', 'term', 'Top 提法 per 100 articles by month')\n    plt.show()"),
])

notebooks["voices"] = nb([
    ("md", "# 谁在说 · Voices\nWho speaks (kind, rank, organization, area), how long, on which themes; and how closely statements echo a source text."),
    ("code", "# Parameters\ntables_dir = '../reports/tables/samples'\nsource_path = None  # a source text (e.g. a plenary communiqué); None: the nested source quotes of the corpus\necho_ngram = 6\necho_threshold = 0.3", ["parameters"]),
    ("code", SETUP + "\nst = tables['statements']\nnamed = st[st['speaker_kind'] == 'person']"),
    ("md", "## Who speaks"),
    ("code", "for keys, cap in [(['speaker_kind', 'via'], 'Statements by speaker kind and how the speaker was found'), (['speaker_rank'], 'Statements by estimated rank'), (['speaker_area'], 'Statements by area'), (['speaker_organization'], 'Statements by organization')]:\n    views.show(analysis.counts_by(st, keys).head(25), caption=cap)\nfig = charts.barh(analysis.counts_by(st, ['speaker_rank']), 'speaker_rank', 'count', '按级别的发言数 Statements by rank', '条 statements')\nplt.show()"),
    ("md", "## Speakers"),
    ("code", "views.show(tables['corpus_speakers'].head(40), caption='Corpus speakers: one row per name, area, organization and title')"),
    ("md", "## Statement lengths"),
    ("code", "fig = charts.statement_lengths(st)\nplt.show()"),
    ("md", "## Themes per speaker"),
    ("code", "f = analysis.formulations_in_context(tables)\ntps = analysis.theme_counts(f.dropna(subset=['speaker_name']), by='speaker_name')\nviews.show(tps.pivot_table(index='speaker_name', columns='theme', values='count', fill_value=0).reset_index(), caption='提法 theme hits inside each speaker\\'s statements')"),
    ("md", "## Echo of the source text\nSentences of each statement whose character n-grams overlap the source; echo score = share of a speaker's sentences that echo."),
    ("code", "source_text, source_label = charts.echo_source(tables, source_path)\ndisplay(Markdown(f'Source: {source_label} ({len(source_text)} characters)'))\nec = analysis.echo(st[st['nested'] == False], source_text, n=echo_ngram, threshold=echo_threshold)  # noqa: E712\nviews.show(analysis.echo_by_speaker(ec), caption='Echo score per speaker')\nviews.show(ec[ec['echo']].head(40), caption='Echoing sentences with the longest shared passage')"),
])

notebooks["commitments"] = nb([
    ("md", "# 数字化提法与目标 · Numbered slogans and numeric targets\nBy speaker and area, as tables and charts."),
    ("code", "# Parameters\ntables_dir = '../reports/tables/samples'\ngroup_by = 'district'  # district | speaker_name | speaker_rank | paper | month | year\nonly_targets = False", ["parameters"]),
    ("code", SETUP + "\nsl = analysis.items_in_context(tables['slogans'], tables['articles'])\nnum = analysis.items_in_context(tables['numbers'], tables['articles'])\n_ = analysis.check_group_by(group_by, num)\nif only_targets:\n    num = num[num['kind'] == 'target']"),
    ("md", "## Numbered slogans"),
    ("code", "views.show(sl[['article_id', 'text', 'kind', 'parts', 'expansion', 'speaker_name', 'speaker_area']], caption='Numbered slogans with their parts and speaker')\nfig = charts.barh(analysis.counts_by(sl, [group_by]), group_by, 'count', f'数字化提法 per {group_by}', '个 slogans')\nplt.show()"),
    ("md", "## Numbers and targets"),
    ("code", "views.show(num[['article_id', 'text', 'value', 'value_max', 'unit', 'object', 'measure', 'qualifier', 'kind', 'speaker_name', 'speaker_area']], caption='Numbers with unit and object (measure: 增长, 涨幅 … for rates); kind target = a commitment')\nfig = charts.stacked(analysis.counts_by(num, [group_by, 'kind']), group_by, 'kind', 'count', f'Numbers by {group_by} and kind')\nplt.show()"),
])

notebooks["validation"] = nb([
    ("md", "# 验证 · Validation\nAccuracy of the extraction, measured: precision, recall (where misses were coded) and F1 with 95 % Wilson intervals, per item type and field, and the list of errors. Scores a filled coding sheet (`tifalab sample`) or a folder of gold JSON files."),
    ("code", "# Parameters\ngold_path = None  # a gold .json file or folder; None: the bundled sample's gold in ../shared/gold when present\nsheet_path = None  # a filled coding sheet (.csv) from `tifalab sample`; scored when given\nsecond_sheet_path = None  # a second coder's sheet of the same items: agreement (Cohen's kappa)\ninputs_root = None  # folder the gold files' 'file' paths are relative to (default ../shared)", ["parameters"]),
    ("code", "import matplotlib.pyplot as plt\nfrom IPython.display import Markdown, display\n\nfrom tifalab import charts, validation, views\nfrom tifalab.plotting import use_chinese_font\n\nuse_chinese_font()\nruns = validation.notebook_runs(gold_path, sheet_path, inputs_root)\nif not runs:\n    display(Markdown('Nothing to score: give `gold_path` or `sheet_path` (no ../shared/gold found).'))"),
    ("code", "for label, rep in runs:\n    display(Markdown(f'## {label}\\n{rep.n_items} items scored.'))\n    views.show(rep.scores, caption='Precision / recall / F1 with 95 % Wilson intervals (recall only where misses were coded)')\n    fig = charts.score_chart(rep.scores, f'Accuracy: {label}')\n    plt.show()\n    views.show(rep.errors, caption='Errors to read')"),
    ("code", "if sheet_path and second_sheet_path:\n    agr = validation.agreement(validation.read_sheet(sheet_path), validation.read_sheet(second_sheet_path))\n    display(Markdown(f\"Two coders: {agr['n']} items, percent agreement {agr['percent_agreement']}, Cohen's kappa {agr['kappa']}\"))"),
])

for name, n in notebooks.items():
    for i, cell in enumerate(n.cells):
        cell.id = f"{name}-{i:02d}"  # stable ids: regenerating gives no diff
    nbf.write(n, OUT / f"{name}.ipynb")
print("wrote", list(notebooks))
