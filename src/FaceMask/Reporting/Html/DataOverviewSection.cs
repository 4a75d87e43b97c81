using System.Text;
using static FaceMask.Reporting.Html.HtmlText;

namespace FaceMask.Reporting.Html;

/// <summary>Data: images per class (table and bar chart), skipped files, and sample thumbnails per class.</summary>
internal static class DataOverviewSection
{
    public static HtmlSection? Build(ReportContext ctx)
    {
        if (ctx.Report?.Data is not { } d)
        {
            return null;
        }

        var sb = new StringBuilder();
        int total = d.Counts.Values.Sum();
        sb.Append("<p>").Append(E($"{total:#,0} images in {d.Counts.Count} classes under ")).Append("<code>").Append(E(d.Root)).Append("</code>")
          .Append(E(string.Create(Inv, $", each resized to {d.Size}×{d.Size} px ({d.Resize}). The classes are the sorted folder names."))).Append("</p>");
        sb.Append("<div class=\"plots\"><div>");
        TableStart(sb, ["class", "images", "share"], "Images per class");
        foreach (var (label, count) in d.Counts)
        {
            Row(sb, [label, N(count), total == 0 ? "–" : Pct(count / (double)total)]);
        }

        Row(sb, ["total", N(total), total == 0 ? "–" : "100.0%"], "total");
        TableEnd(sb);
        sb.Append("</div><div>");
        sb.Append(Png(ReportPlots.ClassCounts(d.Counts.Keys.ToArray(), d.Counts.Values.ToArray()), "Bar chart of images per class", ReportPlots.PixelsPerCssPixel));
        sb.Append("</div></div>");

        sb.Append("<h3>Skipped files</h3>");
        if (d.Skipped.Count == 0)
        {
            sb.Append("<p>None: every file decoded.</p>");
        }
        else
        {
            sb.Append("<p>").Append(E($"{d.Skipped.Count:#,0} file(s) were left out:")).Append("</p>");
            TableStart(sb, ["file", "reason"], cssClass: "skipped");
            foreach (var s in d.Skipped.Take(ctx.Options.SkippedFiles))
            {
                sb.Append("<tr><th scope=\"row\"><code>").Append(E(s.Path)).Append("</code></th><td class=\"text\">").Append(E(s.Reason)).Append("</td></tr>");
            }

            TableEnd(sb);
            if (d.Skipped.Count > ctx.Options.SkippedFiles)
            {
                sb.Append(Note($"… and {d.Skipped.Count - ctx.Options.SkippedFiles:#,0} more (all are listed in report.json)."));
            }
        }

        AppendSamples(sb, ctx);
        return new HtmlSection("data", "Data", sb.ToString());
    }

    private static void AppendSamples(StringBuilder sb, ReportContext ctx)
    {
        int perClass = ctx.Options.SamplesPerClass;
        var r = ctx.Report!;
        if (perClass <= 0 || ctx.Contents.Predictions.Count == 0)
        {
            return;
        }

        sb.Append("<h3>Sample images</h3>");
        if (!ctx.Thumbnails.RootAvailable)
        {
            sb.Append(Note($"The images are not reachable at {r.Data!.Root} on this machine, so no thumbnails are shown. Rebuild the page with `facemask report` where the data is."));
            return;
        }

        sb.Append(Note($"Up to {perClass} images per class, spread evenly over the file names, shown whole (not as the network sees them)."));
        for (int c = 0; c < r.Labels.Count; c++)
        {
            string[] paths = ctx.Contents.Predictions.Where(p => p.Truth == c).Select(p => p.Path).Order(StringComparer.Ordinal).ToArray();
            if (paths.Length == 0)
            {
                continue;
            }

            int take = Math.Min(perClass, paths.Length);
            sb.Append("<h4>").Append(E(r.Labels[c])).Append("</h4><div class=\"thumbs\">");
            for (int k = 0; k < take; k++)
            {
                string path = paths[(int)((long)k * paths.Length / take)];
                if (ctx.Thumbnails.DataUri(path) is { } uri)
                {
                    sb.Append("<img src=\"").Append(uri).Append("\" alt=\"").Append(E($"{r.Labels[c]}: {path}")).Append("\" title=\"").Append(E(path)).Append("\">");
                }
            }

            sb.Append("</div>");
        }
    }
}
