namespace FaceMask.Reporting.Html;

/// <summary>The page's only style sheet, inlined: system fonts, a readable column, tables that scroll on phones, print rules.</summary>
internal static class HtmlStyles
{
    /// <summary>The CSS text.</summary>
    public const string Css = """
:root { --fg: #1d2330; --muted: #5b6475; --line: #d8dde6; --bg: #ffffff; --soft: #f3f5f9; --accent: #1f5fbf; --bad: #b3261e; --good: #1e7d32; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: var(--bg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem 1rem 3rem; }
header.page { border-bottom: 3px solid var(--accent); margin-bottom: 1rem; }
h1 { font-size: 1.7rem; margin: .6rem 0 .2rem; line-height: 1.25; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
h4, h5, h6 { font-size: 1rem; margin: 1rem 0 .3rem; }
p { margin: .4rem 0 .8rem; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: .9em; }
code { background: var(--soft); padding: 0 .25em; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: var(--soft); padding: .6rem .8rem; overflow-x: auto; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
.note, .muted { color: var(--muted); font-size: .92rem; }
.warn { background: #fff4e5; border-left: 4px solid #e08a00; padding: .5rem .8rem; }
nav.toc { background: var(--soft); border-radius: 6px; padding: .5rem .9rem; margin: 1rem 0; }
nav.toc ol { margin: .2rem 0; padding-left: 1.3rem; columns: 2 14rem; }
nav.toc a { color: var(--accent); text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .6rem; margin: 1rem 0; }
.figure { background: var(--soft); border-radius: 6px; padding: .6rem .8rem; }
.figure .value { font-size: 1.45rem; font-weight: 650; line-height: 1.2; white-space: nowrap; }
.figure .label { color: var(--muted); font-size: .85rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .6rem 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .5rem 0 1rem; max-width: 100%; }
table { border-collapse: collapse; font-size: .92rem; min-width: 50%; }
caption { text-align: left; color: var(--muted); padding: .2rem 0; caption-side: top; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: right; vertical-align: top; }
th[scope="col"] { border-bottom: 2px solid var(--fg); white-space: nowrap; }
th[scope="row"], td.text, th.text { text-align: left; }
tr.total th, tr.total td { border-top: 2px solid var(--fg); font-weight: 600; }
td.cm { min-width: 3.2rem; }
td.diag { font-weight: 700; }
img.plot { display: block; max-width: 100%; height: auto; margin: .5rem 0 1rem; border: 1px solid var(--line); border-radius: 4px; }
.plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 28rem), 1fr)); gap: .8rem; align-items: start; }
.plots img.plot { margin: 0; width: 100%; }
.thumbs { display: flex; flex-wrap: wrap; gap: .35rem; margin: .3rem 0 1rem; }
.thumbs img { width: 72px; height: 72px; object-fit: contain; background: var(--soft); border: 1px solid var(--line); border-radius: 3px; }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: .7rem; margin: .6rem 0 1rem; }
.card { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: .4rem; font-size: .82rem; line-height: 1.35; break-inside: avoid; page-break-inside: avoid; }
.card img { display: block; width: 100%; height: 8rem; object-fit: contain; background: var(--soft); border-radius: 3px; }
.card .missing { height: 8rem; display: flex; align-items: center; justify-content: center; background: var(--soft); color: var(--muted); text-align: center; border-radius: 3px; padding: .3rem; }
.card .muted { font-size: 1em; }
.card .path { color: var(--muted); overflow-wrap: anywhere; font-size: .75rem; }
.true { color: var(--good); font-weight: 600; }
.pred { color: var(--bad); font-weight: 600; }
.model-card { border: 1px solid var(--line); border-radius: 6px; padding: .2rem 1rem .6rem; }
.model-card blockquote { margin: .5rem 0; padding: .1rem .9rem; border-left: 4px solid var(--line); color: var(--muted); }
details { margin: .5rem 0 1rem; }
summary { cursor: pointer; color: var(--accent); }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .6rem; }
@media (max-width: 600px) {
  body { font-size: 15px; }
  main { padding: .6rem .6rem 2rem; }
  h1 { font-size: 1.35rem; }
  h2 { font-size: 1.15rem; }
  dl.facts { grid-template-columns: 1fr; gap: 0; }
  dl.facts dd { margin-bottom: .4rem; }
  nav.toc ol { columns: 1; }
  .gallery { grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr)); }
  th, td { padding: .25rem .4rem; }
}
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  img.plot, table, .figure, .card, .thumbs { break-inside: avoid; page-break-inside: avoid; }
  .table-wrap { overflow: visible; }
  .plots { grid-template-columns: 1fr 1fr; }
  img.plot { max-height: 11cm; width: auto; }
  .plots img.plot { width: 100%; height: auto; }
  a { color: inherit; text-decoration: none; }
  summary { color: inherit; }
  section { break-before: auto; }
}
""";
}
