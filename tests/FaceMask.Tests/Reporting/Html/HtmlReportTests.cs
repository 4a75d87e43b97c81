using System.Text.Json.Nodes;
using FaceMask.Reporting;
using FaceMask.Reporting.Html;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Reporting.Html;

/// <summary>report.html of real (tiny) runs: valid HTML5, self-contained, with exactly the sections the run has data for.</summary>
[Collection(HtmlRunCollection.Name)]
public sealed class HtmlReportTests(HtmlRunFixture fixture)
{
    [Fact]
    public void KFoldRunGetsAValidSelfContainedPageWithEverySection()
    {
        string path = Path.Combine(fixture.KFoldRun, HtmlReportBuilder.FileName);
        Assert.True(File.Exists(path), "every run folder gets report.html");
        string html = File.ReadAllText(path);
        var document = HtmlChecks.ParseValid(html);
        HtmlChecks.AssertSelfContained(document, html);
        Assert.Equal(["summary", "data", "training", "folds", "reports", "confusion", "confused-pairs", "calibration", "errors", "model-card"], HtmlChecks.SectionIds(document));
        Assert.Equal(HtmlChecks.SectionIds(document), document.QuerySelectorAll("nav.toc a").Select(a => a.GetAttribute("href")![1..]));

        // plots are embedded PNGs: class counts, two curves, fold spread, four confusion heatmaps
        Assert.True(document.QuerySelectorAll("img.plot[src^='data:image/png;base64,']").Length >= 8);
        Assert.Equal(2, document.QuerySelectorAll("#training img.plot").Length);
        Assert.Single(document.QuerySelectorAll("#folds img.plot"));
        Assert.Equal(4, document.QuerySelectorAll("#confusion img.plot").Length);
        Assert.Equal(2, document.QuerySelectorAll("#calibration img.plot").Length); // reliability diagram, risk–coverage

        // the data section: counts, the broken file, sample thumbnails of every class
        string data = document.GetElementById("data")!.TextContent;
        Assert.Contains("broken.jpg", data, StringComparison.Ordinal);
        Assert.Equal(3, document.QuerySelectorAll("#data .thumbs").Length);
        Assert.All(document.QuerySelectorAll("#data .thumbs img"), img => Assert.StartsWith("data:image/jpeg;base64,", img.GetAttribute("src"), StringComparison.Ordinal));

        // the fold table has both folds plus mean and sd
        Assert.Equal(4, document.QuerySelectorAll("#folds tbody tr").Length);
        string summary = document.GetElementById("summary")!.TextContent;
        Assert.Contains("facemask kfold", summary, StringComparison.Ordinal);
        Assert.Contains(ReportJson.Read(fixture.KFoldRun).Data!.Fingerprint, summary, StringComparison.Ordinal);

        // the model card is rendered, with the data's known shortcut
        string card = document.GetElementById("model-card")!.TextContent;
        Assert.Contains(HtmlRunFixture.KnownIssue, card, StringComparison.Ordinal);
        Assert.Contains("Out-of-scope uses", card, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorGalleryShowsTheMostConfidentlyWrongImagesWithThumbnails()
    {
        var contents = RunFolderContents.Load(fixture.KFoldRun);
        var labels = contents.Report!.Labels;
        var wrong = contents.Predictions.Where(p => p.Truth != p.Predicted).OrderByDescending(p => p.Probabilities[p.Predicted]).ToArray();
        var document = HtmlChecks.ParseValid(File.ReadAllText(Path.Combine(fixture.KFoldRun, HtmlReportBuilder.FileName)));
        var cards = document.QuerySelectorAll("#errors figure.card");
        Assert.Equal(Math.Min(36, wrong.Length), cards.Length);
        if (wrong.Length > 0)
        {
            var first = cards[0];
            Assert.Equal(wrong[0].Path, first.QuerySelector(".path")!.TextContent);
            Assert.Equal(labels[wrong[0].Truth], first.QuerySelector(".true")!.TextContent);
            Assert.Equal(labels[wrong[0].Predicted], first.QuerySelector(".pred")!.TextContent);
            Assert.StartsWith("data:image/jpeg;base64,", first.QuerySelector("img")!.GetAttribute("src"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void HoldoutRunHasNoFoldSectionButBothClassificationReports()
    {
        string html = File.ReadAllText(Path.Combine(fixture.HoldoutRun, HtmlReportBuilder.FileName));
        var document = HtmlChecks.ParseValid(html);
        HtmlChecks.AssertSelfContained(document, html);
        var ids = HtmlChecks.SectionIds(document);
        Assert.DoesNotContain("folds", ids);
        Assert.DoesNotContain("bias", ids);
        Assert.DoesNotContain("compare", ids);
        Assert.Contains("training", ids);
        Assert.Contains("model-card", ids);
        Assert.Equal(["Test (held-out test split)", "Train"], document.QuerySelectorAll("#reports h3").Select(h => h.TextContent));
    }

    [Fact]
    public void SectionsWithoutDataAreOmitted()
    {
        var full = ReportJson.Read(fixture.KFoldRun);
        var bare = full with { History = [], Folds = null, Mean = null, Sd = null, Data = null, Train = null, Model = null, Calibration = null };
        var contents = new RunFolderContents { RunDirectory = fixture.NewFolder("bare"), Report = bare };
        string html = HtmlReportBuilder.Build(contents);
        var document = HtmlChecks.ParseValid(html);
        HtmlChecks.AssertSelfContained(document, html);
        Assert.Equal(["summary", "reports", "confusion", "confused-pairs"], HtmlChecks.SectionIds(document));
    }

    [Fact]
    public void BiasAndCompareSectionsRenderWhenTheFilesExist()
    {
        string run = fixture.CopyRun(fixture.KFoldRun, "with-bias");
        File.WriteAllText(Path.Combine(run, RunFolderContents.BiasFile), """
            {"attributes": [
              {"name": "gender", "missing": 12,
               "groups": [
                 {"name": "female", "count": 40, "accuracy": {"value": 0.9, "low": 0.8, "high": 0.96}, "macro_f1": 0.88},
                 {"name": "male", "count": 35, "accuracy": {"value": 0.85, "low": 0.72, "high": 0.93}, "macro_f1": 0.84}],
               "gaps": {"accuracy": {"value": 0.05, "low": -0.08, "high": 0.18}}},
              {"name": "age", "groups": [{"name": "child", "count": 3, "accuracy": 0.667}, {"name": "<old & wise>", "count": 9, "accuracy": 1}]}
            ], "note": "students' labels"}
            """);
        File.WriteAllText(Path.Combine(run, RunFolderContents.CompareFile), """
            {"runs": [{"name": "seed5-32px", "dir": "runs/a"}, {"name": "seed4-32px", "dir": "runs/b"}],
             "rows": [{"metric": "accuracy", "values": [0.91, {"value": 0.89, "low": 0.87, "high": 0.9}]},
                      {"metric": "macro_f1", "values": [0.9, 0.88]}],
             "test": {"name": "paired bootstrap", "p": 0.03}}
            """);
        ReportRebuilder.Rebuild(run);
        string html = File.ReadAllText(Path.Combine(run, HtmlReportBuilder.FileName));
        var document = HtmlChecks.ParseValid(html);
        HtmlChecks.AssertSelfContained(document, html);
        var ids = HtmlChecks.SectionIds(document);
        Assert.Contains("bias", ids);
        Assert.Contains("compare", ids);
        Assert.True(Array.IndexOf(ids, "bias") < Array.IndexOf(ids, "model-card"));

        var bias = document.GetElementById("bias")!;
        Assert.Equal(["gender", "age"], bias.QuerySelectorAll("h3").Select(h => h.TextContent).Take(2));
        Assert.Equal(2, bias.QuerySelectorAll("img.plot").Length);
        Assert.Contains("0.9 [0.8, 0.96]", bias.TextContent, StringComparison.Ordinal);
        Assert.Contains("<old & wise>", bias.TextContent, StringComparison.Ordinal);
        Assert.Contains("students' labels", bias.TextContent, StringComparison.Ordinal);

        var compare = document.GetElementById("compare")!;
        var header = compare.QuerySelectorAll("th[scope='col']").Select(h => h.TextContent).ToArray();
        Assert.Contains("seed5-32px", header);
        Assert.Contains("seed4-32px", header);
        Assert.Contains("0.89 [0.87, 0.9]", compare.TextContent, StringComparison.Ordinal);
        Assert.Contains("paired bootstrap", compare.TextContent, StringComparison.Ordinal);

        // the regenerated model card has the per-group results too
        string card = File.ReadAllText(Path.Combine(run, RunRecorder.ModelFolder, ModelCardWriter.FileName));
        Assert.Contains("female", card, StringComparison.Ordinal);
    }

    [Fact]
    public void OddlyShapedOrBrokenOptionalFilesDoNotBreakThePage()
    {
        string run = fixture.CopyRun(fixture.KFoldRun, "odd");
        File.WriteAllText(Path.Combine(run, RunFolderContents.BiasFile), """[{"group": "a", "acc": 0.5}, {"group": "b", "acc": [1, 2, {"x": null}]}, {"other": true}]""");
        File.WriteAllText(Path.Combine(run, RunFolderContents.CompareFile), "{ not json");
        ReportRebuilder.Rebuild(run);
        string html = File.ReadAllText(Path.Combine(run, HtmlReportBuilder.FileName));
        var document = HtmlChecks.ParseValid(html);
        HtmlChecks.AssertSelfContained(document, html);
        Assert.Contains("acc", document.GetElementById("bias")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", document.GetElementById("compare")!.QuerySelector(".warn")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void StringsFromDataAreEscaped()
    {
        string run = fixture.CopyRun(fixture.KFoldRun, "escape");
        string reportPath = Path.Combine(run, "report.json");
        var json = JsonNode.Parse(File.ReadAllText(reportPath))!;
        json["command"] = "facemask kfold --out \"<script>alert('x')</script>&amp;\"";
        json["settings"]!["note"] = "<img src=x onerror=alert(1)>";
        File.WriteAllText(reportPath, json.ToJsonString());
        ReportRebuilder.Rebuild(run);
        string html = File.ReadAllText(Path.Combine(run, HtmlReportBuilder.FileName));
        var document = HtmlChecks.ParseValid(html);
        HtmlChecks.AssertSelfContained(document, html);
        Assert.Contains("<script>alert('x')</script>&amp;", document.GetElementById("summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert(1)>", document.GetElementById("summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreachableImagesAreLeftOutWithANote()
    {
        string run = fixture.CopyRun(fixture.KFoldRun, "moved");
        string reportPath = Path.Combine(run, "report.json");
        var json = JsonNode.Parse(File.ReadAllText(reportPath))!;
        json["data"]!["root"] = Path.Combine(run, "no-such-dataset");
        File.WriteAllText(reportPath, json.ToJsonString());
        ReportRebuilder.Rebuild(run);
        string html = File.ReadAllText(Path.Combine(run, HtmlReportBuilder.FileName));
        var document = HtmlChecks.ParseValid(html);
        Assert.Empty(document.QuerySelectorAll("img[src^='data:image/jpeg']"));
        Assert.Contains("not reachable", document.GetElementById("data")!.TextContent, StringComparison.Ordinal);
        var errors = document.GetElementById("errors")!;
        if (errors.QuerySelectorAll("figure.card").Length > 0)
        {
            Assert.Contains("not reachable", errors.TextContent, StringComparison.Ordinal);
            Assert.NotEmpty(errors.QuerySelectorAll(".missing"));
        }
    }

    [Fact]
    public void RebuildingAnOldRunWithoutReportHtmlOrModelCardCreatesBoth()
    {
        string run = fixture.CopyRun(fixture.KFoldRun, "old");
        File.Delete(Path.Combine(run, HtmlReportBuilder.FileName));
        File.Delete(Path.Combine(run, RunRecorder.ModelFolder, ModelCardWriter.FileName));
        var written = ReportRebuilder.Rebuild(run);
        Assert.Contains(Path.Combine(run, HtmlReportBuilder.FileName), written);
        Assert.Contains(Path.Combine(run, RunRecorder.ModelFolder, ModelCardWriter.FileName), written);
        Assert.Contains("model-card", HtmlChecks.SectionIds(HtmlChecks.ParseValid(File.ReadAllText(written[^1]))));
    }

    [Fact]
    public void KFoldCalibrationIsCrossFittedOverTheFolds()
    {
        var calibration = ReportJson.Read(fixture.KFoldRun).Calibration;
        Assert.NotNull(calibration);
        Assert.True(calibration.CrossFitted);
        Assert.Equal(2, calibration.FoldTemperatures!.Count);
        Assert.Equal(RunFolderContents.Load(fixture.KFoldRun).Predictions.Count, calibration.N);
        Assert.False(ReportJson.Read(fixture.HoldoutRun).Calibration!.CrossFitted);
        Assert.Contains("cross-fitted", File.ReadAllText(Path.Combine(fixture.KFoldRun, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void AnOldRunGetsTheCalibrationSectionFromItsPredictions()
    {
        string run = fixture.CopyRun(fixture.KFoldRun, "old-calibration");
        string reportPath = Path.Combine(run, "report.json");
        var json = JsonNode.Parse(File.ReadAllText(reportPath))!.AsObject();
        double temperature = json["calibration"]!["temperature"]!.GetValue<double>();
        json.Remove("calibration");
        File.WriteAllText(reportPath, json.ToJsonString());
        File.Delete(Path.Combine(run, HtmlReportBuilder.FileName));

        ReportRebuilder.Rebuild(run);

        var document = HtmlChecks.ParseValid(File.ReadAllText(Path.Combine(run, HtmlReportBuilder.FileName)));
        var section = document.GetElementById("calibration");
        Assert.NotNull(section);
        Assert.Equal(2, section.QuerySelectorAll("img.plot").Length);
        Assert.Contains("cross-fitted", section.TextContent, StringComparison.Ordinal);

        // predictions.csv rounds probabilities to 6 decimals: the temperature is the run's to about that precision
        string shown = section.QuerySelector(".figure .value")!.TextContent;
        Assert.Equal(temperature, double.Parse(shown, System.Globalization.CultureInfo.InvariantCulture), tolerance: 0.01);
    }

    [Fact]
    public void NotARunFolderIsAUserError()
    {
        string empty = fixture.NewFolder("empty");
        var ex = Assert.Throws<FaceMaskException>(() => ReportRebuilder.Rebuild(empty));
        Assert.Contains(empty, ex.Message, StringComparison.Ordinal);
        Assert.Contains("report.json", ex.Message, StringComparison.Ordinal);
    }
}
