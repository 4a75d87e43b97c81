using System.Globalization;
using FaceMask.Inference;
using Spectre.Console;

namespace FaceMask.Cli.Rendering;

/// <summary>How <c>predict</c> and <c>detect</c> show one answer in their tables, and the line counting unsure answers.</summary>
internal static class AnswerText
{
    /// <summary>Markup for the label cell: the class in bold, or "unsure (ffp2 52 %)" with the best guess and its probability.</summary>
    public static string Label(string label, IReadOnlyDictionary<string, float> probabilities, bool unsure)
    {
        if (!unsure)
        {
            return $"[bold]{Markup.Escape(label)}[/]";
        }

        float p = probabilities.TryGetValue(label, out float v) ? v : 0f;
        return $"[yellow]unsure[/] ({Markup.Escape(label)} {(100 * p).ToString("0", CultureInfo.InvariantCulture)} %)";
    }

    /// <summary>
    /// "2 of 24 answers unsure (calibrated top probability below 0.60, temperature 1.50)"; null when there is no threshold
    /// and no answer is unsure (an uncalibrated model: nothing to say).
    /// </summary>
    public static string? Summary(int answers, int unsure, CalibrationInEffect calibration)
    {
        if (calibration.UnsureBelow <= 0 && unsure == 0)
        {
            return null;
        }

        string temperature = calibration.Temperature == 1.0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", temperature {calibration.Temperature:0.###}");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{unsure} of {answers} answer{(answers == 1 ? string.Empty : "s")} unsure (calibrated top probability below {calibration.UnsureBelow:0.###}{temperature})");
    }
}
