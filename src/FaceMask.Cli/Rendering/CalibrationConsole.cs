using System.Globalization;
using FaceMask.Calibration;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>Prints a calibration: a before/after table on a terminal, plain lines when the output is redirected.</summary>
internal static class CalibrationConsole
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Print(IAnsiConsole console, CalibratedModel result)
    {
        var r = result.Report;
        if (result.PriorCorrection is { } e)
        {
            PlainText.WriteLine(console, string.Create(Inv, $"Prior correction (strength {e.Strength:0.###}, {(e.PerFoldShares ? "each fold's own training shares" : "the model's training shares")}) on {e.N} held-out predictions: accuracy {e.AccuracyBefore * 100:0.00}% -> {e.AccuracyAfter * 100:0.00}%, macro recall {e.MacroRecallBefore:0.000} -> {e.MacroRecallAfter:0.000}"));
            PlainText.WriteLine(console, "Recall: " + string.Join(", ", e.RecallBefore.Select(kv => string.Create(Inv, $"{kv.Key} {kv.Value:0.000} -> {e.RecallAfter[kv.Key]:0.000}"))));
        }

        PlainText.WriteLine(console, string.Create(Inv, $"Temperature T = {r.Temperature:0.000}, fitted on {r.N} held-out predictions; {CalibrationText.Honesty(r)}"));
        var rows = new (string Name, double Before, double After)[]
        {
            ("ECE (15 bins)", r.Ece, r.EceCalibrated),
            ("NLL", r.Nll, r.NllCalibrated),
            ("Brier", r.Brier, r.BrierCalibrated),
        };
        if (console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            var table = new Table().AddColumn("metric").AddColumn(new TableColumn("before").RightAligned()).AddColumn(new TableColumn("after").RightAligned());
            foreach (var (name, before, after) in rows)
            {
                table.AddRow(Markup.Escape(name), before.ToString("0.0000", Inv), after.ToString("0.0000", Inv));
            }

            console.Write(table);
        }
        else
        {
            foreach (var (name, before, after) in rows)
            {
                PlainText.WriteLine(console, string.Create(Inv, $"{name}: {before:0.0000} before, {after:0.0000} after"));
            }
        }

        if (r.UnsureBelow is { } threshold && r.Coverage is { } coverage && r.AnsweredAccuracy is { } answered)
        {
            PlainText.WriteLine(console, string.Create(Inv, $"Unsure below {threshold:0.0000}: coverage {coverage * 100:0.0}%, answered accuracy {answered * 100:0.00}% (target {r.TargetAccuracy * 100:0.##}%)"));
        }
        else
        {
            console.MarkupLine($"[yellow]{Markup.Escape(string.Create(Inv, $"Target accuracy {r.TargetAccuracy * 100:0.##}% is not reached at any threshold (accuracy on all {r.Accuracy * 100:0.00}%): the model gets no unsure threshold; choose a lower --target-accuracy for one"))}[/]");
        }

        foreach (string note in result.Notes)
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }

        PlainText.WriteLine(console, $"Wrote {result.Directory} (weights unchanged, calibration in {Models.ModelStore.ManifestFile}{(result.ModelCardUpdated ? " and the model card" : string.Empty)})");
    }
}
