using System.Globalization;
using Spectre.Console;

namespace FaceMask.Cli.Settings;

/// <summary>The <c>--unsure-below</c> option <c>predict</c>, <c>detect</c> and <c>serve</c> share: its help and its check.</summary>
internal static class UnsureOption
{
    public const string Template = "--unsure-below <P>";

    public const string Description =
        "Answers whose calibrated top probability is below P (0-1) are shown as unsure, with the best guess (default: the model's calibrated threshold from model.json, none for an uncalibrated model; 0 = never unsure).";

    public static ValidationResult Validate(double? value) => value is { } p && !(p >= 0 && p <= 1)
        ? ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--unsure-below must be between 0 and 1 (0 = never unsure), got {p}"))
        : ValidationResult.Success();
}
