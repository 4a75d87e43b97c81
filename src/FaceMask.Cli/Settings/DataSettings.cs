using System.ComponentModel;
using FaceMask.Data;
using FaceMask.Models;
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
    [Description("Input side in pixels (default 32; divisible by 4 for the seed CNNs; resnet18 takes 224 only; resnet18-ft 224 by default, any multiple of 16).")]
    public int? Size { get; init; }

    [CommandOption("--resize <MODE>")]
    [Description("stretch (default for the seed CNNs, as the original) or center-crop (default for resnet18 and resnet18-ft).")]
    public string? Resize { get; init; }

    [CommandOption("--strict")]
    [Description("Stop at the first bad image instead of skipping it.")]
    public bool Strict { get; init; }

    [CommandOption("--cache <DIR>")]
    [Description("Folder for the decoded-image (or resnet18 feature) cache (default: beside the dataset, else ~/.cache/facemask).")]
    public string? Cache { get; init; }

    [CommandOption("--no-cache")]
    [Description("Decode (and for resnet18 extract) every image again and write no cache.")]
    public bool NoCache { get; init; }

    /// <summary>The architecture whose input (size, resize, backbone) a new model takes; the seed CNNs' unless a command trains another.</summary>
    protected virtual string InputArch => ModelArchitectures.Seed5;

    /// <summary>How to load the data for a new model of <see cref="InputArch"/> (pixels, or a backbone's features).</summary>
    public DatasetLoadOptions LoadOptions(int? defaultSize = null, ResizeMode? defaultResize = null)
    {
        var defaults = ModelArchitectures.Defaults(InputArch);
        if (defaults.FixedSize && Size is { } size && size != defaults.InputSize)
        {
            throw new FaceMaskException($"--size {size}: {InputArch} takes {defaults.InputSize} px images");
        }

        return new()
        {
            Size = Size ?? defaultSize ?? defaults.InputSize,
            Resize = Resize is null ? defaultResize ?? defaults.Resize : ResizeModeNames.Parse(Resize),
            Backbone = defaults.Backbone,
            Strict = Strict,
            CacheDirectory = Cache,
            UseCache = !NoCache,
        };
    }

    /// <summary>How to load the data for a saved model: its size, resize mode (unless --resize) and backbone.</summary>
    public DatasetLoadOptions LoadOptions(ModelManifest manifest) => new()
    {
        Size = Size ?? manifest.InputSize,
        Resize = ResizeModeNames.Parse(Resize ?? manifest.Resize),
        Backbone = ModelArchitectures.Defaults(manifest.Arch).Backbone,
        Strict = Strict,
        CacheDirectory = Cache,
        UseCache = !NoCache,
    };

    public string RequireData() => string.IsNullOrWhiteSpace(Data)
        ? throw new FaceMaskException("--data DIR is required")
        : Data;
}
