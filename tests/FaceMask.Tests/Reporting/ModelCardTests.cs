using FaceMask.Reporting;
using FaceMask.Tests.Support;
using Xunit;

namespace FaceMask.Tests.Reporting;

/// <summary>MODEL_CARD.md in every saved model folder.</summary>
[Collection(HtmlRunCollection.Name)]
public sealed class ModelCardTests(HtmlRunFixture fixture)
{
    [Fact]
    public void EverySavedModelGetsACardWithTheRequiredParts()
    {
        foreach (string run in new[] { fixture.KFoldRun, fixture.HoldoutRun })
        {
            string card = File.ReadAllText(Path.Combine(run, RunRecorder.ModelFolder, ModelCardWriter.FileName));
            Assert.StartsWith(ModelCardWriter.GeneratedMarker, card, StringComparison.Ordinal);
            foreach (string heading in new[]
            {
                "## Model details", "## Intended use", "## Out-of-scope uses", "## Training and evaluation data",
                "### Known shortcuts and data problems", "## Metrics", "## Disaggregated results", "## Ethical considerations",
                "## Caveats and recommendations",
            })
            {
                Assert.Contains(heading, card, StringComparison.Ordinal);
            }

            Assert.Contains("Not a medical or certification device", card, StringComparison.Ordinal);
            Assert.Contains("Not identity recognition", card, StringComparison.Ordinal);
            Assert.Contains("Not for judging individuals", card, StringComparison.Ordinal);
            Assert.Contains(HtmlRunFixture.KnownIssue, card, StringComparison.Ordinal);
            Assert.Contains("nested detail about the strip", card, StringComparison.Ordinal);
            Assert.Contains("No licence", card, StringComparison.Ordinal);
            Assert.Contains("bootstrap", card, StringComparison.Ordinal);
            foreach (string label in new[] { "class0", "class1", "class2" })
            {
                Assert.Contains($"| {label} |", card, StringComparison.Ordinal);
            }
        }

        string kfold = File.ReadAllText(Path.Combine(fixture.KFoldRun, RunRecorder.ModelFolder, ModelCardWriter.FileName));
        Assert.Contains("mean ± sd over folds", kfold, StringComparison.Ordinal);
        Assert.Contains("last of 2 folds", kfold, StringComparison.Ordinal);
        Assert.Contains("Folds were not grouped", kfold, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutDataDocumentationTheCardGivesAGenericCaveat()
    {
        var report = ReportJson.Read(fixture.KFoldRun);
        string card = ModelCardWriter.Render(report, [], notes: null, bias: null);
        Assert.Contains("No documentation of the data", card, StringComparison.Ordinal);
        Assert.Contains("No per-group results", card, StringComparison.Ordinal);
    }

    [Fact]
    public void AHandEditedCardIsKept()
    {
        string run = fixture.CopyRun(fixture.KFoldRun, "edited");
        string path = Path.Combine(run, RunRecorder.ModelFolder, ModelCardWriter.FileName);
        File.WriteAllText(path, "# My own card\n\nWritten by hand.\n");
        var written = ReportRebuilder.Rebuild(run);
        Assert.DoesNotContain(path, written);
        Assert.Equal("# My own card\n\nWritten by hand.\n", File.ReadAllText(path));
        Assert.Contains("Written by hand.", File.ReadAllText(Path.Combine(run, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void DatasetNotesKeepOnlyTheKnownIssueSections()
    {
        var notes = DatasetNotes.Parse("""
            # Title

            Intro about **sources**.

            ## Counts

            | a | b |
            |---|---|

            ## Known issues

            * one
              * two

            ### Shortcuts detail

            more

            ## Later

            not this
            """, "SOURCES.md");
        Assert.Equal("Intro about **sources**.", notes.Provenance);
        Assert.Contains("* one", notes.KnownIssues, StringComparison.Ordinal);
        Assert.Contains("  * two", notes.KnownIssues, StringComparison.Ordinal);
        Assert.Contains("#### Known issues", notes.KnownIssues, StringComparison.Ordinal);
        Assert.Contains("##### Shortcuts detail", notes.KnownIssues, StringComparison.Ordinal);
        Assert.DoesNotContain("not this", notes.KnownIssues, StringComparison.Ordinal);
        Assert.DoesNotContain("| a |", notes.KnownIssues, StringComparison.Ordinal);
    }
}
