using System.Globalization;
using System.Text;
using FaceMask.Inference;
using FaceMask.Reporting;
using FaceMask.Video;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>How <c>facemask video</c> shows its results: a table of people per video with counts and speed, or CSV rows.</summary>
internal static class VideoConsole
{
    public static void WriteTable(IAnsiConsole console, VideoAnalysis analysis, IReadOnlyList<string> classes, CalibrationInEffect calibration)
    {
        var inv = CultureInfo.InvariantCulture;
        console.MarkupLine(string.Create(
            inv,
            $"[bold]{Markup.Escape(analysis.Path)}[/]: {analysis.Width}×{analysis.Height}, {analysis.FramesPerSecond:0.##} fps, {analysis.DurationSeconds:0.0} s ({analysis.Frames} frames; faces looked for every {analysis.DetectEvery})"));
        if (!analysis.Complete)
        {
            console.MarkupLine($"[yellow]incomplete:[/] {Markup.Escape(analysis.Warning ?? "the stream stopped early")}");
        }

        var table = new Table().AddColumn("person").AddColumn("label").AddColumn("first s").AddColumn("last s").AddColumn(new TableColumn("frames").RightAligned())
            .AddColumn(new TableColumn("classified").RightAligned()).AddColumn("best face (x, y, w, h)");
        foreach (string c in classes)
        {
            table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
        }

        foreach (VideoTrack t in analysis.Tracks)
        {
            var cells = new List<string>
            {
                t.Id.ToString(inv),
                AnswerText.Label(t.Label, t.Probabilities, t.Unsure),
                t.FirstSeconds.ToString("0.0", inv),
                t.LastSeconds.ToString("0.0", inv),
                t.Frames.ToString(inv),
                t.Classified.ToString(inv),
                string.Create(inv, $"{t.BestFace.X:0}, {t.BestFace.Y:0}, {t.BestFace.Width:0}, {t.BestFace.Height:0}"),
            };
            cells.AddRange(classes.Select(c => t.Probabilities.TryGetValue(c, out float v) ? v.ToString("0.000", inv) : string.Empty));
            table.AddRow(cells.ToArray());
        }

        if (analysis.Tracks.Count > 0)
        {
            console.Write(table);
        }

        string counts = string.Join(", ", analysis.Counts.Select(kv => string.Create(inv, $"{kv.Key} {kv.Value}")));
        console.WriteLine(string.Create(inv, $"people: {analysis.People} ({counts}{(analysis.Unsure > 0 || calibration.UnsureBelow > 0 ? $", unsure {analysis.Unsure}" : string.Empty)})"));
        console.WriteLine(string.Create(
            inv,
            $"speed: {analysis.Speed.FramesPerSecond:0.0} frames/s ({analysis.Speed.RealTimeFactor:0.00}× real time; {analysis.Speed.Detections} detections, {analysis.Speed.Classifications} faces classified in {analysis.Speed.Seconds:0.0} s)"));
    }

    /// <summary>One row per person: video, person, label, unsure, times, frames, classified, best face box, probabilities; an error row for an unreadable video.</summary>
    public static string Csv(IReadOnlyList<(string Path, VideoAnalysis? Analysis, string? Error)> results, IReadOnlyList<string> classes)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("video,person,label,unsure,first_s,last_s,frames,classified,box_x,box_y,box_w,box_h");
        foreach (string c in classes)
        {
            sb.Append(",p_").Append(PredictionsCsvExporter.Csv(c));
        }

        sb.Append(",complete,error\n");
        foreach (var (path, analysis, error) in results)
        {
            if (analysis is null)
            {
                sb.Append(PredictionsCsvExporter.Csv(path)).Append(',', 12 + classes.Count).Append(',').Append(PredictionsCsvExporter.Csv(error ?? "error")).Append('\n');
                continue;
            }

            foreach (VideoTrack t in analysis.Tracks)
            {
                sb.Append(PredictionsCsvExporter.Csv(path)).Append(',').Append(t.Id.ToString(inv)).Append(',').Append(PredictionsCsvExporter.Csv(t.Label))
                    .Append(',').Append(t.Unsure ? "true" : "false")
                    .Append(string.Create(inv, $",{t.FirstSeconds:0.###},{t.LastSeconds:0.###},{t.Frames},{t.Classified},{t.BestFace.X:0.#},{t.BestFace.Y:0.#},{t.BestFace.Width:0.#},{t.BestFace.Height:0.#}"));
                foreach (string c in classes)
                {
                    sb.Append(',').Append(t.Probabilities.TryGetValue(c, out float v) ? v.ToString("0.######", inv) : string.Empty);
                }

                sb.Append(',').Append(analysis.Complete ? "true" : "false").Append(',').Append(analysis.Warning is null ? string.Empty : PredictionsCsvExporter.Csv(analysis.Warning)).Append('\n');
            }
        }

        return sb.ToString().TrimEnd('\n');
    }
}
