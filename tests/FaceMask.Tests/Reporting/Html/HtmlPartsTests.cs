using System.Text.Json.Nodes;
using FaceMask.Evaluation;
using FaceMask.Reporting;
using FaceMask.Reporting.Html;
using Xunit;

namespace FaceMask.Tests.Reporting.Html;

/// <summary>The report's building blocks: Markdown conversion, loose JSON layout, predictions.csv reading, bootstrap intervals.</summary>
public sealed class HtmlPartsTests
{
    [Fact]
    public void MarkdownBecomesEscapedWellFormedHtml()
    {
        string html = MarkdownHtml.ToHtml("""
            <!-- a comment -->
            # Title

            Some *em* and **bold** and `co<de>` and a [link](https://example.org) and <b>raw</b>; n95_valve stays.
            continued line

            * one
              * nested **x**
            * two
            1. first

            | a | b |
            |---|--:|
            | x \| y | 2 |

            > quoted
            """, headingOffset: 2);
        var document = HtmlChecks.ParseValid($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"x\"><title>t</title></head><body>{html}</body></html>");
        Assert.DoesNotContain("comment", html, StringComparison.Ordinal);
        Assert.Equal("Title", document.QuerySelector("h3")!.TextContent);
        Assert.Equal("em", document.QuerySelector("p em")!.TextContent);
        Assert.Equal("bold", document.QuerySelector("p strong")!.TextContent);
        Assert.Equal("co<de>", document.QuerySelector("p code")!.TextContent);
        Assert.Null(document.QuerySelector("a"));
        Assert.Null(document.QuerySelector("p b"));
        Assert.Contains("link", document.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("n95_valve stays. continued line", document.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("nested x", document.QuerySelector("ul > li > ul > li")!.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("body > ul > li").Length);
        Assert.Equal("x | y", document.QuerySelector("td")!.TextContent);
        Assert.Equal("quoted", document.QuerySelector("blockquote p")!.TextContent);
    }

    [Fact]
    public void RawHtmlInMarkdownIsEscapedNotPassedThrough()
    {
        string html = MarkdownHtml.ToHtml("""
            <script>alert(1)</script>

            Text with <img src=x onerror=alert(1)> and <a href="#x">a</a> inline.

            <div class="x">
            *inside*
            </div>
            """, headingOffset: 0);
        var document = HtmlChecks.ParseValid(Page(html));
        Assert.Empty(document.QuerySelectorAll("script, img, a, div"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert(1)>", document.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownTablesAreLaidOutLikeTheReportsTables()
    {
        string html = MarkdownHtml.ToHtml("""
            | class | images | note |
            |---|---|:-:|
            | cloth | 3851 | a |
            | ffp2 | **12** | b |
            """, headingOffset: 0);
        var document = HtmlChecks.ParseValid(Page(html));
        Assert.Equal(3, document.QuerySelectorAll(".table-wrap > table thead th[scope='col']").Length);
        Assert.Equal(["text", string.Empty, string.Empty], document.QuerySelectorAll("tbody tr:first-child td").Select(td => td.ClassName ?? string.Empty));
        Assert.Contains("center", document.QuerySelector("tbody td:last-child")!.GetAttribute("style"), StringComparison.Ordinal);
    }

    private static string Page(string body) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"x\"><title>t</title></head><body>{body}</body></html>";

    [Theory]
    [InlineData("<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body></span></body></html>")]
    [InlineData("<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><p a=\"1\" a=\"2\">x</p></body></html>")]
    [InlineData("<html><head><title>x</title></head><body><p>no doctype</p></body></html>")]
    [InlineData("<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><table><tr><td>1</td></tr><p>misplaced</p></table></body></html>")]
    public void TheHtml5CheckCatchesParseErrors(string html) => Assert.NotEmpty(HtmlChecks.Parse(html).Errors);

    [Fact]
    public void JsonLayoutTurnsArraysIntoTablesAndIntervalsIntoOneCell()
    {
        var node = JsonNode.Parse("""{"n": 3, "rows": [{"name": "a", "acc": {"value": 0.5, "low": 0.25, "high": 0.75}}, {"name": "b", "extra": true}]}""");
        var blocks = JsonLayout.Blocks(node);
        var pairs = Assert.IsType<PairsBlock>(blocks[0]);
        Assert.Equal("3", pairs.Pairs[0].Value);
        Assert.Equal("rows", Assert.IsType<HeadingBlock>(blocks[1]).Text);
        var table = Assert.IsType<TableBlock>(blocks[2]);
        Assert.Equal(["name", "acc", "extra"], table.Columns);
        Assert.Equal(["a", "0.5 [0.25, 0.75]", string.Empty], table.Rows[0]);
        Assert.Equal(["b", string.Empty, "true"], table.Rows[1]);
    }

    [Fact]
    public void PredictionsCsvReadsBackWhatTheExporterWrote()
    {
        string csv = "path,true,pred,p_a,p_b,fold\nx/1.jpg,a,b,0.25,0.75,1\n\"y,2.jpg\",b,b,0.1,0.9,2\n";
        var (_, rows) = PredictionsCsvReader.Parse(new StringReader(csv), "predictions.csv");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("x/1.jpg", 0, 1, 1), (rows[0].Path, rows[0].Truth, rows[0].Predicted, rows[0].Fold!.Value));
        Assert.Equal([0.25f, 0.75f], rows[0].Probabilities);
        Assert.Equal("y,2.jpg", rows[1].Path);
        var ex = Assert.Throws<FaceMaskException>(() => PredictionsCsvReader.Parse(new StringReader("path,true,pred,p_a,p_b\nx,a,c,0,1\n"), "p.csv"));
        Assert.Contains("p.csv: line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BootstrapIntervalsAreReproducibleAndContainTheEstimate()
    {
        var random = new Random(4);
        int[] truth = Enumerable.Range(0, 300).Select(i => i % 3).ToArray();
        int[] predicted = truth.Select(t => random.NextDouble() < 0.8 ? t : (t + 1) % 3).ToArray();
        var a = BootstrapIntervals.Compute(truth, predicted, 3, resamples: 400, seed: 5);
        var b = BootstrapIntervals.Compute(truth, predicted, 3, resamples: 400, seed: 5);
        Assert.Equal(a.Accuracy, b.Accuracy);
        Assert.Equal(ClassificationReport.Compute(truth, predicted, ["a", "b", "c"]).Accuracy, a.Accuracy.Value, 12);
        Assert.InRange(a.Accuracy.Value, a.Accuracy.Low, a.Accuracy.High);
        Assert.InRange(a.Accuracy.High - a.Accuracy.Low, 0.04, 0.15);
        Assert.InRange(a.MacroF1.Value, a.MacroF1.Low, a.MacroF1.High);
        Assert.All(Enumerable.Range(0, 3), c => Assert.InRange(a.Recall[c].Value, a.Recall[c].Low, a.Recall[c].High));
        var perfect = BootstrapIntervals.Compute(truth, truth, 3, resamples: 50);
        Assert.Equal(new MetricInterval(1, 1, 1), perfect.Accuracy);
    }
}
