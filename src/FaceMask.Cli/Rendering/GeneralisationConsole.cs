using System.Globalization;
using FaceMask.Protocols;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>Prints the generalisation extras of a run: per held-out group results and the labels left out of training.</summary>
internal static class GeneralisationConsole
{
    /// <summary>For a leave-one-group-out run, one line per held-out group: its accuracy and per-class recall.</summary>
    public static void PrintHeldOutGroups(IAnsiConsole console, ExperimentResult result)
    {
        if (result.FoldGroups is not { } groups)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        console.Write(new Rule("Held-out groups (recall per class, with the group's images of that class)").LeftJustified());
        foreach (var fold in result.Folds)
        {
            var test = fold.Test;
            var recalls = test.PerClass
                .Where(c => c.Support > 0)
                .Select(c => string.Create(inv, $"{c.Label} {c.Recall * 100:0.0}% ({c.Support})"));
            PlainText.WriteLine(console, string.Create(inv,
                $"Fold {fold.Fold}, held out {groups[fold.Fold - 1]}: {test.Support} images, accuracy {test.Accuracy * 100:0.00}%; recall {string.Join(", ", recalls)}"));
        }
    }

    /// <summary>After label cleaning: how many training rows were left out, by given → suggested class, and where they are listed.</summary>
    public static void PrintFlagged(IAnsiConsole console, ExperimentResult result, string path)
    {
        var pairs = result.FlaggedLabels
            .GroupBy(f => (f.Given, f.Suggested))
            .OrderByDescending(g => g.Count())
            .Select(g => $"{result.Labels[g.Key.Given]} → {result.Labels[g.Key.Suggested]} {g.Count()}");
        int distinct = result.FlaggedLabels.Select(f => f.Path).Distinct(StringComparer.Ordinal).Count();
        PlainText.WriteLine(console, string.Create(CultureInfo.InvariantCulture,
            $"Label cleaning: {result.FlaggedLabels.Count} training rows left out ({distinct} distinct images), given → suggested: {string.Join(", ", pairs)}"));
        PlainText.WriteLine(console, $"Flagged labels: {path}");
    }
}
