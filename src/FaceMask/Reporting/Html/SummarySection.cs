using System.Text;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>Run summary: key figures, command, date, wall time, data fingerprint, model and settings.</summary>
internal static class SummarySection
{
    public static HtmlSection? Build(ReportContext ctx)
    {
        if (ctx.Report is not { } r)
        {
            return null;
        }

        var sb = new StringBuilder();
        if (r.Cancelled)
        {
            sb.Append("<p class=\"warn\">The run was stopped early (Ctrl+C): the figures cover the epochs and folds that finished.</p>");
        }

        var boot = ctx.Bootstrap;
        sb.Append("<div class=\"figures\">");
        Figure(sb, Pct2(r.Accuracy), boot is null ? "accuracy" : $"accuracy ({boot.Level * 100:0}% CI {Pct(boot.Accuracy.Low)}–{Pct(boot.Accuracy.High)})");
        if (r.Mean is { } mean && r.Sd is { } sd && r.Folds is { Count: > 0 } folds)
        {
            Figure(sb, string.Create(Inv, $"{mean.Accuracy * 100:0.0} ± {sd.Accuracy * 100:0.0}"), $"fold accuracy, mean ± sd ({folds.Count} folds)");
        }

        Figure(sb, F3(r.Macro.F1), boot is null ? "macro F1" : $"macro F1 (CI {F3(boot.MacroF1.Low)}–{F3(boot.MacroF1.High)})");
        Figure(sb, F3(r.Weighted.F1), "weighted F1");
        Figure(sb, N(r.Test.Support), $"images in the {ctx.TestName}");
        Figure(sb, r.Labels.Count.ToString(Inv), "classes");
        Figure(sb, Duration(r.WallSeconds), "wall time");
        sb.Append("</div>");

        sb.Append("<dl class=\"facts\">");
        Fact(sb, "Command", $"<code>{E(r.Command)}</code>");
        Fact(sb, "Started", E(r.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", Inv) + " UTC"));
        Fact(sb, "Protocol", E(Protocol(ctx)));
        Fact(sb, "Classes", string.Join(", ", r.Labels.Select(l => $"<code>{E(l)}</code>")));
        if (r.Data is { } d)
        {
            Fact(sb, "Data", $"<code>{E(d.Root)}</code> — {N(d.Counts.Values.Sum())} images, {d.Size}×{d.Size} px ({E(d.Resize)}), {N(d.Skipped.Count)} skipped");
            Fact(sb, "Data fingerprint", $"<code>{E(d.Fingerprint)}</code>");
        }

        if (r.Model is { } m)
        {
            Fact(sb, "Model", E(string.Create(Inv, $"{m.Arch}, {m.InputSize}×{m.InputSize} px {m.Resize}, {m.Epochs} epoch(s), seed {m.Seed}")));
            if (m.WeightsSha256 is { } sha)
            {
                Fact(sb, "Weights SHA-256", $"<code>{E(sha)}</code>");
            }

            if (m.Versions.Count > 0)
            {
                Fact(sb, "Software", E(string.Join(", ", m.Versions.Select(v => $"{v.Key} {v.Value}"))));
            }
        }

        sb.Append("</dl>");
        if (r.Settings.Count > 0)
        {
            sb.Append("<details><summary>All settings</summary><dl class=\"facts\">");
            foreach (var (key, value) in r.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                Fact(sb, E(key), value.Length == 0 ? "<span class=\"muted\">(none)</span>" : $"<code>{E(value)}</code>");
            }

            sb.Append("</dl></details>");
        }

        return new HtmlSection("summary", "Run summary", sb.ToString());
    }

    private static string Protocol(ReportContext ctx)
    {
        string protocol = RunProtocol.Describe(ctx.Report!);
        return ctx.Report!.Folds is { Count: > 0 } ? protocol + "; test figures pool the out-of-fold predictions" : protocol;
    }

    private static void Figure(StringBuilder sb, string value, string label) =>
        sb.Append("<div class=\"figure\"><div class=\"value\">").Append(E(value)).Append("</div><div class=\"label\">").Append(E(label)).Append("</div></div>");

    private static void Fact(StringBuilder sb, string termHtml, string valueHtml) =>
        sb.Append("<dt>").Append(termHtml).Append("</dt><dd>").Append(valueHtml).Append("</dd>");
}
