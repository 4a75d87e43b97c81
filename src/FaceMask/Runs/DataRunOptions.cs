using FaceMask.Data;
using FaceMask.Models;
using FaceMask.Protocols;

namespace FaceMask.Runs;

/// <summary>Where the images of a run are and how to load them (the command line's <c>--data</c>, <c>--size</c>, <c>--resize</c>, <c>--strict</c>, <c>--cache</c>, <c>--no-cache</c>).</summary>
public record DataRunOptions
{
    /// <summary>Dataset root in ImageFolder layout: <c>&lt;DIR&gt;/&lt;class&gt;/&lt;image&gt;</c>.</summary>
    public string? Data { get; init; }

    /// <summary>Input side in pixels (default: the architecture's or the model's).</summary>
    public int? Size { get; init; }

    /// <summary><c>stretch</c> or <c>center-crop</c> (default: the architecture's or the model's).</summary>
    public string? Resize { get; init; }

    /// <summary>Stop at the first bad image instead of skipping it.</summary>
    public bool Strict { get; init; }

    /// <summary>Folder of the decoded-image (or feature) cache.</summary>
    public string? Cache { get; init; }

    /// <summary>Decode every image again and write no cache.</summary>
    public bool NoCache { get; init; }

    /// <summary>The architecture whose input (size, resize, backbone) a new model takes; the seed CNNs' unless the run trains another.</summary>
    protected virtual string InputArch => ModelArchitectures.Seed5;

    /// <summary>How to load the data for a new model of <see cref="InputArch"/> (pixels, or a backbone's features).</summary>
    /// <exception cref="FaceMaskException">The size does not suit the architecture, or the resize mode is unknown.</exception>
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

    /// <summary>How to load the data for a saved model: its size, resize mode (unless <see cref="Resize"/>) and backbone.</summary>
    public DatasetLoadOptions LoadOptions(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new()
        {
            Size = Size ?? manifest.InputSize,
            Resize = ResizeModeNames.Parse(Resize ?? manifest.Resize),
            Backbone = ModelArchitectures.Defaults(manifest.Arch).Backbone,
            Strict = Strict,
            CacheDirectory = Cache,
            UseCache = !NoCache,
        };
    }

    /// <summary>The dataset root.</summary>
    /// <exception cref="FaceMaskException">No dataset was given.</exception>
    public string RequireData() => string.IsNullOrWhiteSpace(Data)
        ? throw new FaceMaskException("--data DIR is required")
        : Data;
}
