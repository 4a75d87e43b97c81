using System.ComponentModel;
using FaceMask.Data;
using FaceMask.Protocols;
using Spectre.Console.Cli;

namespace FaceMask.Cli.Settings;

/// <summary>Options that say where the images are and how to load them.</summary>
internal class DataSettings : CommandSettings
{
    [CommandOption("--data <DIR>")]
    [Description("Dataset root in ImageFolder layout: <DIR>/<class>/<image>.")]
    public string? Data { get; init; }

    [CommandOption("--size <PX>")]
    [Description("Input side in pixels (default 32; divisible by 4 for the seed CNNs).")]
    public int? Size { get; init; }

    [CommandOption("--resize <MODE>")]
    [Description("stretch (default, as the original) or center-crop.")]
    public string? Resize { get; init; }

    [CommandOption("--strict")]
    [Description("Stop at the first bad image instead of skipping it.")]
    public bool Strict { get; init; }

    [CommandOption("--cache <DIR>")]
    [Description("Folder for the decoded-image cache (default: beside the dataset, else ~/.cache/facemask).")]
    public string? Cache { get; init; }

    [CommandOption("--no-cache")]
    [Description("Decode every image again and write no cache.")]
    public bool NoCache { get; init; }

    public DatasetLoadOptions LoadOptions(int defaultSize = 32, ResizeMode? defaultResize = null) => new()
    {
        Size = Size ?? defaultSize,
        Resize = Resize is null ? defaultResize ?? ResizeMode.Stretch : ResizeModeNames.Parse(Resize),
        Strict = Strict,
        CacheDirectory = Cache,
        UseCache = !NoCache,
    };

    public string RequireData() => string.IsNullOrWhiteSpace(Data)
        ? throw new FaceMaskException("--data DIR is required")
        : Data;
}
