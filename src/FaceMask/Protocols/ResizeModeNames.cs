using FaceMask.Data;

namespace FaceMask.Protocols;

/// <summary>Names of <see cref="ResizeMode"/> values as written in manifests and accepted on the command line.</summary>
internal static class ResizeModeNames
{
    /// <summary>"stretch" or "center-crop".</summary>
    public static string ToName(ResizeMode mode) => mode == ResizeMode.CenterCrop ? "center-crop" : "stretch";

    /// <summary>Parses "stretch" or "center-crop".</summary>
    public static ResizeMode Parse(string name) => name.ToLowerInvariant() switch
    {
        "stretch" => ResizeMode.Stretch,
        "center-crop" or "centercrop" or "crop" => ResizeMode.CenterCrop,
        _ => throw new FaceMaskException($"unknown resize mode '{name}' (use stretch or center-crop)"),
    };
}
