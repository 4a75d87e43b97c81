using System.ComponentModel;
using FaceMask.Runs;
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

    /// <summary>The data options as plain values, for the library.</summary>
    public DataRunOptions ToDataOptions() => WithData(new DataRunOptions());

    /// <summary><paramref name="options"/> with this group's values.</summary>
    protected T WithData<T>(T options)
        where T : DataRunOptions
    {
        DataRunOptions data = options;
        return (T)(data with
        {
            Data = Data,
            Size = Size,
            Resize = Resize,
            Strict = Strict,
            Cache = Cache,
            NoCache = NoCache,
        });
    }
}
